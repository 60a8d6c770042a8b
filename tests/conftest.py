"""Shared fixtures: fake credentials, moto, fresh clients, a Lambda context."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

import pytest

from devtools.lambda_worker import LambdaContext


@pytest.fixture(autouse=True)
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test can reach a real account: fake credentials and a fixed region."""
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)


@pytest.fixture(autouse=True)
def fresh_clients() -> Iterator[None]:
    """Each test gets its own clients (the handlers cache one per container)."""
    from connect_data.common.aws import reset_clients

    reset_clients()
    yield
    reset_clients()


@pytest.fixture
def aws() -> Iterator[None]:
    """moto's in-process AWS for the duration of the test."""
    from moto import mock_aws

    with mock_aws():
        yield


@pytest.fixture
def lambda_context() -> LambdaContext:
    context = LambdaContext(
        function_name="test-function",
        memory_limit_in_mb=256,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:test-function",
        timeout_ms=8000,
    )
    context._deadline = time.monotonic() + context.timeout_ms / 1000
    return context


EMF_FUNCTION = "test-function"


@pytest.fixture
def emf(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, float]]:
    """Reads the one EMF line the handler under test printed: its metrics as ``{name: value}``.

    It checks what every line must be (common/metrics.py): the ConnectData namespace, the dimensions
    ``capability`` and ``function`` and no other, the capability named, and none of ``forbidden`` (phone
    numbers, contact IDs, names) anywhere in the line.
    """
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", EMF_FUNCTION)

    def read(capability: str, *, forbidden: tuple[str, ...] = ()) -> dict[str, float]:
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
        assert len(lines) == 1, f"expected one EMF line, got {len(lines)}"
        line = lines[0]
        (directive,) = line["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "ConnectData"
        assert directive["Dimensions"] == [["capability", "function"]]
        assert (line["capability"], line["function"]) == (capability, EMF_FUNCTION)
        text = json.dumps(line)
        for value in forbidden:
            assert value not in text, f"{value!r} is in the EMF line"
        return {m["Name"]: sum(line[m["Name"]]) for m in directive["Metrics"]}

    return read

"""Shared fixtures: fake credentials, moto, fresh clients, a Lambda context."""

from __future__ import annotations

import time
from collections.abc import Iterator

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

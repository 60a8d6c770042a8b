"""Measurement helpers every capability's benchmark uses: zip size, cold start against the boto3 floor,
warm time against a moto server, and AWS calls counted with botocore's event hooks."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LAMBDA_SRC = REPO / "lambda_src"
sys.path[:0] = [str(LAMBDA_SRC), str(REPO)]

from devtools.moto_stack import CREDENTIALS, moto_server  # noqa: E402

_spec = importlib.util.spec_from_file_location("package", REPO / "modules" / "lambda_function" / "package.py")
package = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(package)


def zip_size(capability: str) -> int:
    """Bytes of the function zip the packager builds for ``capability``."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp, "f.zip")
        package.write_zip(
            package.function_entries(LAMBDA_SRC, ["connect_data/common", f"connect_data/{capability}"]), output
        )
        return output.stat().st_size


_COLD = """
import sys, time
sys.path[:0] = {paths!r}
started = time.perf_counter()
{body}
print((time.perf_counter() - started) * 1000)
"""


# A function deployed with the defaults: EMF metrics and, with tracing_mode Active, X-Ray subsegments
# (the daemon address Lambda sets; nothing listens here, and a cold start sends nothing).
OPERABILITY_ENV = {
    "POWERTOOLS_METRICS_NAMESPACE": "ConnectData",
    "CONNECT_DATA_TRACING": "Active",
    "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000",
}


def _fresh_interpreter_ms(body: str, env: dict[str, str], source: Path = LAMBDA_SRC) -> float:
    code = _COLD.format(paths=[str(source)], body=body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def cold_start(handler_module: str, services: list[str], runs: int = 15, source: Path = LAMBDA_SRC) -> dict[str, float]:
    """Median import + client creation of the handler in fresh interpreters, and the same for the floor.

    The floor is ``import boto3`` plus creating the same clients; both are timed alternately in the same
    run so that machine noise falls on both alike. The handler runs with metrics and tracing on
    (``OPERABILITY_ENV``); ``source`` is the lambda_src to import it from (another commit's, to compare).
    """
    env = {**os.environ, **CREDENTIALS, **OPERABILITY_ENV, "PYTHONDONTWRITEBYTECODE": "1"}
    handler_body = f"import {handler_module}\nfrom connect_data.common.aws import client\n" + "".join(
        f"client({s!r})\n" for s in services
    )
    floor_body = (
        "import boto3\nfrom botocore.config import Config\nconfig = Config(connect_timeout=1)\n"
        "session = boto3.session.Session()\n" + "".join(f"session.client({s!r}, config=config)\n" for s in services)
    )
    handler_ms, floor_ms = [], []
    _fresh_interpreter_ms(handler_body, env, source)  # warm the OS file cache for both
    _fresh_interpreter_ms(floor_body, env)
    for _ in range(runs):
        floor_ms.append(_fresh_interpreter_ms(floor_body, env))
        handler_ms.append(_fresh_interpreter_ms(handler_body, env, source))
    handler, floor = statistics.median(handler_ms), statistics.median(floor_ms)
    return {"cold_ms": handler, "floor_ms": floor, "cold_ratio": handler / floor}


@contextlib.contextmanager
def local_aws() -> Iterator[str]:
    """A moto server, with this process's boto3 pointed at it."""
    with moto_server() as endpoint:
        saved = dict(os.environ)
        os.environ.update(CREDENTIALS)
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        from connect_data.common.aws import reset_clients

        reset_clients()
        try:
            yield endpoint
        finally:
            reset_clients()
            os.environ.clear()
            os.environ.update(saved)


def warm(invoke: Callable[[], Any], invocations: int = 1000) -> dict[str, float]:
    """Median and p99 wall time of ``invoke`` over ``invocations`` calls, after one warm-up call."""
    invoke()
    samples = []
    for _ in range(invocations):
        started = time.perf_counter()
        invoke()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"warm_median_ms": statistics.median(samples), "warm_p99_ms": samples[int(len(samples) * 0.99) - 1]}


@contextlib.contextmanager
def counted_calls(clients: list[Any]) -> Iterator[Counter[str]]:
    """Counts the API calls made through ``clients`` (botocore ``before-call`` hooks), by operation."""
    counts: Counter[str] = Counter()

    def count(model: Any, **_: Any) -> None:
        counts[model.name] += 1

    for c in clients:
        c.meta.events.register("before-call.*.*", count, unique_id="benchmark-call-counter")
    try:
        yield counts
    finally:
        for c in clients:
            c.meta.events.unregister("before-call.*.*", unique_id="benchmark-call-counter")


class Context:
    """The context object Powertools' decorators read."""

    function_name = "benchmark"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:benchmark"
    aws_request_id = "benchmark"

    def get_remaining_time_in_millis(self) -> int:
        return 8000

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


def _fresh_interpreter_ms(body: str, env: dict[str, str]) -> float:
    code = _COLD.format(paths=[str(LAMBDA_SRC)], body=body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def cold_start(handler_module: str, services: list[str], runs: int = 15) -> dict[str, float]:
    """Median import + client creation of the handler in fresh interpreters, and the same for the floor.

    The floor is ``import boto3`` plus creating the same clients; both are timed alternately in the same
    run so that machine noise falls on both alike.
    """
    env = {**os.environ, **CREDENTIALS, "PYTHONDONTWRITEBYTECODE": "1"}
    handler_body = f"import {handler_module}\nfrom connect_data.common.aws import client\n" + "".join(
        f"client({s!r})\n" for s in services
    )
    floor_body = "import boto3\nfrom botocore.config import Config\nconfig = Config(connect_timeout=1)\n" + "".join(
        f"boto3.session.Session().client({s!r}, config=config)\n" for s in services
    )
    handler_ms, floor_ms = [], []
    _fresh_interpreter_ms(handler_body, env)  # warm the OS file cache for both
    _fresh_interpreter_ms(floor_body, env)
    for _ in range(runs):
        floor_ms.append(_fresh_interpreter_ms(floor_body, env))
        handler_ms.append(_fresh_interpreter_ms(handler_body, env))
    handler, floor = statistics.median(handler_ms), statistics.median(floor_ms)
    return {"cold_ms": handler, "floor_ms": floor, "cold_ratio": handler / floor}


@contextlib.contextmanager
def local_aws() -> Iterator[str]:
    """A moto server, with this process's boto3 pointed at it."""
    with moto_server() as endpoint:
        saved = dict(os.environ)
        os.environ.update(CREDENTIALS)
        os.environ["AWS_ENDPOINT_URL"] = endpoint
        from connect_data.common.aws import client

        client.cache_clear()
        try:
            yield endpoint
        finally:
            client.cache_clear()
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

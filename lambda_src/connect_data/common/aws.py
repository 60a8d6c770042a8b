"""AWS clients created once per container, lazily, with timeouts that fit a contact flow's 8 seconds.

Handlers call :func:`client` at invocation time, never at import time, so a cold start pays only for the
clients a code path really uses and tests can point the same code at moto or wrap it in a Stubber.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from connect_data.common.metrics import count_dynamodb_call
from connect_data.common.tracing import instrument

# A flow waits at most 8 s for a Lambda, and Connect itself retries a failed invocation: fail fast
# and let the flow's own retry or the Error branch take over, instead of stacking retries here.
FLOW_CLIENT_CONFIG = Config(
    connect_timeout=1,
    read_timeout=2,
    retries={"max_attempts": 2, "mode": "standard"},
)
# Stream and batch consumers have minutes, and a retry here is cheaper than a redelivered batch.
BATCH_CLIENT_CONFIG = Config(
    connect_timeout=3,
    read_timeout=10,
    retries={"max_attempts": 5, "mode": "standard"},
)


@cache
def _session() -> boto3.session.Session:
    # One session per container: each new session loads botocore's data again (about 100 ms cold).
    return boto3.session.Session()


@cache
def client(service: str, *, config: Config = FLOW_CLIENT_CONFIG) -> Any:
    """The container's one client for ``service`` (region and endpoint from the environment)."""
    created = _session().client(service, config=config)
    if service == "dynamodb":
        # DynamoDB calls per invocation, an EMF metric (common/metrics.py): one per API call.
        created.meta.events.register("provide-client-params.dynamodb", count_dynamodb_call)
    instrument(created)  # X-Ray subsegments per call when tracing_mode is Active (common/tracing.py)
    return created


def reset_clients() -> None:
    """Forget the cached session and clients (tests and benchmarks that change the environment)."""
    client.cache_clear()
    _session.cache_clear()


def env(name: str, default: str | None = None) -> str:
    """A required setting from the function's environment, with a clear error when it is missing."""
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise RuntimeError(f"environment variable {name} is not set")
    return value


def error_code(err: BaseException) -> str:
    """The AWS error code of a ClientError (``ThrottlingException``), else the exception's class name."""
    if isinstance(err, ClientError):
        return str(err.response.get("Error", {}).get("Code") or type(err).__name__)
    return type(err).__name__

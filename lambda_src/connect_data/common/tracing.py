"""X-Ray subsegments for every AWS call a handler makes, sent to Lambda's X-Ray daemon.

With ``tracing_mode = "Active"`` Lambda records a segment per invocation and passes its trace header
in ``_X_AMZN_TRACE_ID`` (``Root=…;Parent=…;Sampled=1``). Every client from ``common.aws`` then reports
each API call as a subsegment of that segment (service, operation, region, request ID, HTTP status,
error/throttle/fault flags), over the daemon's UDP protocol: a ``{"format": "json", "version": 1}``
header line and the subsegment document. ``PassThrough`` (``CONNECT_DATA_TRACING`` not ``Active``)
registers nothing, so it costs nothing.

Why not the AWS X-Ray SDK (or Powertools' Tracer, which wraps it): importing ``aws_xray_sdk.core``
builds a recorder whose centralized-sampling connector creates two botocore X-Ray clients, which
measured 0.9-1.0 s on a cold interpreter here, against a floor (``import boto3`` and one client) of
about 1.35 s: well past the 1.25x cold-start goal, for sampling that Lambda already decides. This module
imports only ``json``, ``os`` and ``time`` (``socket`` on the first traced call): about 3 ms.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import socket

TRACING_ENV = "CONNECT_DATA_TRACING"
TRACE_HEADER_ENV = "_X_AMZN_TRACE_ID"
DAEMON_ENV = "AWS_XRAY_DAEMON_ADDRESS"
DAEMON_HEADER = b'{"format": "json", "version": 1}\n'
_START = "connect_data_trace_start"
_socket: socket.socket | None = None


def enabled() -> bool:
    return os.environ.get(TRACING_ENV) == "Active" and bool(os.environ.get(DAEMON_ENV))


def trace_header() -> dict[str, str]:
    """The invocation's ``Root``, ``Parent`` and ``Sampled`` (empty outside a traced invocation)."""
    parts = (p.split("=", 1) for p in os.environ.get(TRACE_HEADER_ENV, "").split(";") if "=" in p)
    return {key.strip(): value.strip() for key, value in parts}


def daemon_address() -> tuple[str, int]:
    """``host:port``, or the ``udp:host:port tcp:host:port`` form; the UDP one is used."""
    value = os.environ.get(DAEMON_ENV, "127.0.0.1:2000")
    udp = next((p[4:] for p in value.split() if p.startswith("udp:")), value.split()[0])
    host, _, port = udp.rpartition(":")
    return host, int(port)


def instrument(client: Any) -> None:
    """Report every call of ``client`` as a subsegment (when tracing is on for this function)."""
    if not enabled():
        return
    events = client.meta.events
    events.register("before-call", _before_call)
    events.register("after-call", _after_call)
    events.register("after-call-error", _after_call_error)


def _before_call(context: dict[str, Any], **_: Any) -> None:
    context[_START] = time.time()


def _after_call(http_response: Any, parsed: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
    status = getattr(http_response, "status_code", None)
    error = parsed.get("Error", {}).get("Code") if isinstance(parsed, dict) else None
    meta = parsed.get("ResponseMetadata", {}) if isinstance(parsed, dict) else {}
    _send(model, context, status=status, request_id=meta.get("RequestId"), error_code=error)


def _after_call_error(model: Any, context: dict[str, Any], exception: BaseException, **_: Any) -> None:
    _send(model, context, status=None, request_id=None, error_code=type(exception).__name__)


def subsegment(
    model: Any, start: float, end: float, *, status: int | None, request_id: str | None, error_code: str | None
) -> dict[str, Any] | None:
    """The subsegment document of one call, or None when this invocation is not sampled."""
    header = trace_header()
    if header.get("Sampled") != "1" or not header.get("Root") or not header.get("Parent"):
        return None
    service = model.service_model
    document: dict[str, Any] = {
        "name": str(service.service_id),  # DynamoDB, SNS, Connect, ... as the X-Ray console groups them
        "id": os.urandom(8).hex(),
        "trace_id": header["Root"],
        "parent_id": header["Parent"],
        "type": "subsegment",
        "namespace": "aws",
        "start_time": start,
        "end_time": end,
        "aws": {"operation": model.name, "region": os.environ.get("AWS_REGION", ""), "request_id": request_id},
    }
    if status is not None:
        document["http"] = {"response": {"status": status}}
    if status == 429 or (error_code or "").startswith(("Throttl", "ProvisionedThroughputExceeded")):
        document["throttle"] = document["error"] = True
    elif (status is None and error_code) or (status or 0) >= 500:
        document["fault"] = True
    elif error_code or (status or 0) >= 400:
        document["error"] = True
    if error_code:
        document["cause"] = {"exceptions": [{"id": document["id"], "type": error_code, "remote": status is not None}]}
    return document


def _send(model: Any, context: dict[str, Any], **outcome: Any) -> None:
    global _socket
    start = context.pop(_START, None)
    document = subsegment(model, start or time.time(), time.time(), **outcome)
    if document is None:
        return
    try:
        if _socket is None:
            import socket  # on the first traced call, not on import: a cold start does not pay for it

            _socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        _socket.sendto(DAEMON_HEADER + json.dumps(document).encode(), daemon_address())
    except OSError:
        pass  # a lost trace must never fail the call it describes

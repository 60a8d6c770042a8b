"""The functions' own CloudWatch metrics, as embedded metric format (EMF) lines from Powertools.

One namespace (``POWERTOOLS_METRICS_NAMESPACE``, default ``ConnectData``) and two dimensions only,
``capability`` and ``function``: nothing about a contact, a caller or an agent is ever a dimension, and
an error code is part of a metric's name (``FlowReplyError_LOOKUP_FAILED``) so the dimension set stays
fixed. A handler is wrapped once::

    @logger.inject_lambda_context(clear_state=True)
    @emits_metrics(flow=True)
    def handler(event, context): ...

and its code calls ``count(Metric.RECORDS_PROCESSED, n)``; records an invocation from the ``redrive``
tool processed are also counted as ``RecordsReplayed``. Every invocation, also one that raises,
prints one EMF line with its counts and the DynamoDB calls made through ``common.aws`` clients; a
flow-invoked handler's reply is counted as ``FlowReplies`` and, when it carries ``error``, as
``FlowReplyErrors`` and ``FlowReplyError_<CODE>`` (the alarm's metric math divides the two).

Powertools' ``Metrics`` class keeps one metric set per process and adds a ``service`` dimension; the
EMF provider is used directly, once per invocation, so the dimensions are exactly these two.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.provider.cloudwatch_emf.cloudwatch import AmazonCloudWatchEMFProvider

DEFAULT_NAMESPACE = "ConnectData"
# The client context the redrive tool invokes with: records it replays are counted as RecordsReplayed.
REPLAY_KEY = "connectDataReplay"
REPLAY_VALUE = "redrive"


class Metric:
    """Metric names (the dashboards and alarms in modules/monitoring read the same ones)."""

    RECORDS_PROCESSED = "RecordsProcessed"
    RECORDS_SKIPPED = "RecordsSkipped"
    RECORDS_QUARANTINED = "RecordsQuarantined"
    RECORDS_REPLAYED = "RecordsReplayed"
    FLOW_REPLIES = "FlowReplies"
    FLOW_REPLY_ERRORS = "FlowReplyErrors"
    FLOW_REPLY_ERROR_PREFIX = "FlowReplyError_"
    DYNAMODB_CALLS = "DynamoDBCalls"
    VANITY_RESULTS = "VanityResults"
    NOTIFICATIONS_SENT = "NotificationsSent"


_counts: defaultdict[str, float] = defaultdict(float)
_ERROR_CODE = re.compile(r"^[A-Za-z0-9_]{1,64}$")

F = TypeVar("F", bound=Callable[..., Any])


def count(name: str, value: float = 1) -> None:
    """Add ``value`` to this invocation's ``name`` (a :class:`Metric` name)."""
    _counts[name] += value


def count_dynamodb_call(**_: Any) -> None:
    """botocore ``provide-client-params`` hook of the DynamoDB client: one per API call (retries not
    included; emitted before a Stubber answers, so stubbed calls count too)."""
    _counts[Metric.DYNAMODB_CALLS] += 1


def count_flow_reply(reply: Any) -> None:
    """A flow reply, and its error code when it carries one."""
    _counts[Metric.FLOW_REPLIES] += 1
    code = reply.get("error") if isinstance(reply, Mapping) else None
    if code:
        _counts[Metric.FLOW_REPLY_ERRORS] += 1
        # Codes are our constants; anything else is folded so a metric name can never carry data.
        name = str(code) if _ERROR_CODE.match(str(code)) else "OTHER"
        _counts[Metric.FLOW_REPLY_ERROR_PREFIX + name] += 1


def is_replay(context: Any) -> bool:
    """Whether the ``redrive`` tool sent this invocation (it says so in the invocation's client context)."""
    custom = getattr(getattr(context, "client_context", None), "custom", None)
    return isinstance(custom, Mapping) and custom.get(REPLAY_KEY) == REPLAY_VALUE


def dimensions(capability: str) -> dict[str, str]:
    function = os.environ.get("AWS_LAMBDA_FUNCTION_NAME") or os.environ.get("POWERTOOLS_SERVICE_NAME")
    return {"capability": capability, "function": function or "unknown"}


def capability_of(handler: Callable[..., Any]) -> str:
    """``connect_data.<capability>.…``: the subpackage the function is packaged with (its module's capability)."""
    parts = handler.__module__.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "connect_data" else "unknown"


def flush(capability: str) -> None:
    """Print this invocation's counts as one EMF line and start the next invocation from zero."""
    counts = dict(_counts)
    _counts.clear()
    if not counts:
        return
    emf = AmazonCloudWatchEMFProvider(
        namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or DEFAULT_NAMESPACE, service=""
    )
    for dimension, value in dimensions(capability).items():
        emf.add_dimension(name=dimension, value=value)
    for metric, total in sorted(counts.items()):
        emf.add_metric(name=metric, unit=MetricUnit.Count, value=total)
    emf.flush_metrics()


def emits_metrics(*, flow: bool = False) -> Callable[[F], F]:
    """Wrap a handler: counts start at zero (DynamoDB calls included) and are printed when it returns or raises."""

    def wrap(handler: F) -> F:
        capability = capability_of(handler)

        @functools.wraps(handler)
        def measured(event: Any, context: Any) -> Any:
            _counts.clear()
            _counts[Metric.DYNAMODB_CALLS] = 0
            try:
                reply = handler(event, context)
                if flow:
                    count_flow_reply(reply)
                if is_replay(context):
                    _counts[Metric.RECORDS_REPLAYED] += _counts[Metric.RECORDS_PROCESSED]
                return reply
            finally:
                flush(capability)

        return measured  # type: ignore[return-value]

    return wrap

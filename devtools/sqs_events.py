"""SQS messages as Lambda's event source mapping hands them to a function, and the mapping's own loop
(receive, invoke, delete what the function did not report as failed), for the tests, the demo and the
benchmarks: one shape of the SQS event record everywhere, as the Lambda developer guide documents it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:test-queue"


def sqs_record(
    body: Any, message_id: str, *, queue_arn: str = QUEUE_ARN, receipt_handle: str | None = None
) -> dict[str, Any]:
    """One record of an SQS event: ``body`` as sent (a string as it is, anything else as JSON)."""
    text = body if isinstance(body, str) else json.dumps(body)
    return {
        "messageId": message_id,
        "receiptHandle": receipt_handle or f"rh-{message_id}",
        "body": text,
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "md5OfBody": hashlib.md5(text.encode(), usedforsecurity=False).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": queue_arn.split(":")[3],
    }


def sqs_event(bodies: Iterable[Any], *, ids: Sequence[str] | None = None, queue_arn: str = QUEUE_ARN) -> dict[str, Any]:
    """An SQS event of ``bodies``; message IDs ``m-0``, ``m-1``... unless ``ids`` are given."""
    bodies = list(bodies)
    ids = list(ids) if ids is not None else [f"m-{n}" for n in range(len(bodies))]
    if len(ids) != len(bodies):
        raise ValueError(f"{len(bodies)} bodies but {len(ids)} message IDs")
    return {"Records": [sqs_record(b, i, queue_arn=queue_arn) for b, i in zip(bodies, ids, strict=True)]}


def received_event(messages: Iterable[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """The SQS event of messages ``ReceiveMessage`` answered, with their IDs and receipt handles."""
    return {
        "Records": [
            sqs_record(m["Body"], m["MessageId"], queue_arn=queue_arn, receipt_handle=m["ReceiptHandle"])
            for m in messages
        ]
    }


@dataclass
class MappingRun:
    """What :func:`run_mapping` saw: messages received, each invocation's failed message IDs, failed bodies."""

    received: int = 0
    failures: list[set[str]] = field(default_factory=list)
    failed_bodies: list[str] = field(default_factory=list)


def run_mapping(
    sqs: Any,
    queue_url: str,
    queue_arn: str,
    invoke: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    rounds: int,
    batch_size: int = 10,
    wait_seconds: int = 0,
    visibility_timeout: int | None = 0,
) -> MappingRun:
    """The event source mapping with partial batch responses, at most ``rounds`` times: receive up to
    ``batch_size``, invoke, delete every message not in ``batchItemFailures``. Stops at an empty receive.
    ``visibility_timeout=0`` makes a failed message visible again at once (a retry in the next round)."""
    run = MappingRun()
    options: dict[str, Any] = {"MaxNumberOfMessages": batch_size, "WaitTimeSeconds": wait_seconds}
    if visibility_timeout is not None:
        options["VisibilityTimeout"] = visibility_timeout
    for _ in range(rounds):
        messages = sqs.receive_message(QueueUrl=queue_url, **options).get("Messages", [])
        if not messages:
            break
        run.received += len(messages)
        reply = invoke(received_event(messages, queue_arn)) or {}
        failed = {f["itemIdentifier"] for f in reply.get("batchItemFailures", [])}
        run.failures.append(failed)
        for m in messages:
            if m["MessageId"] in failed:
                run.failed_bodies.append(m["Body"])
            else:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])
    return run

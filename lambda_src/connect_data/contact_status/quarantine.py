"""The quarantine: records the processor cannot use, each as its own message on the capability's DLQ.

A poison record is never acknowledged silently and never fails the records around it: it is sent, with
its reason code and the raw record, to the dead-letter queue (``QUARANTINE_QUEUE_URL``) as one message,
counted by reason in the processor's result, and ``redrive`` (``connect_data.cli.redrive``) feeds it back
through the processor with :func:`replay_payload`. Independent of the item layout: a message holds what
arrived, not what would have been stored.

Message body (JSON)::

    {"quarantine": "contact_status", "reason": "TIMESTAMP_OUT_OF_WINDOW", "detail": "...",
     "source": "event" | "flow-log" | "archive", "quarantinedAt": "2026-...Z", "replayTo": "<function ARN>",
     "record": <the EventBridge event, the CloudWatch Logs log event, or the archive's stream record>,
     "delivery": {"logGroup": ..., "logStream": ..., ...}}          # flow-log records only

A record whose message would pass SQS's size limit is kept whole as ``recordGzip`` (base64 of gzip).
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.events import encode_subscription

CAPABILITY = "contact_status"
SOURCE_EVENT = "event"
SOURCE_FLOW_LOG = "flow-log"
SOURCE_ARCHIVE = "archive"  # a TTL-deleted item's stream record the archive could not write
# SQS takes 256 KiB per message and per SendMessageBatch call; leave room for the envelope.
MESSAGE_LIMIT_BYTES = 250_000
BATCH_LIMIT_ENTRIES = 10
SEND_ATTEMPTS = 3
# The subscription fields a replayed flow-log record is delivered with again.
DELIVERY_FIELDS = ("messageType", "owner", "logGroup", "logStream", "subscriptionFilters")


class QuarantineFailed(RuntimeError):
    """The dead-letter queue refused a poison record: the delivery must fail so Lambda retries it."""


@dataclass
class Poison:
    """One unusable record and why."""

    reason: str
    detail: str
    source: str
    record: Any
    delivery: dict[str, Any] = field(default_factory=dict)

    def message(self, replay_to: str | None) -> str:
        body: dict[str, Any] = {
            "quarantine": CAPABILITY,
            "reason": self.reason,
            "detail": self.detail,
            "source": self.source,
            "quarantinedAt": iso_utc(),
            "replayTo": replay_to,
            "record": self.record,
        }
        if self.delivery:
            body["delivery"] = self.delivery
        text = json.dumps(body, default=str)
        if len(text.encode()) <= MESSAGE_LIMIT_BYTES:
            return text
        del body["record"]
        raw = json.dumps(self.record, default=str).encode()
        body["recordGzip"] = base64.b64encode(gzip.compress(raw, mtime=0)).decode()
        return json.dumps(body, default=str)


def delivery_context(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {k: payload[k] for k in DELIVERY_FIELDS if k in payload}


def is_quarantine_message(body: Any) -> bool:
    return isinstance(body, Mapping) and body.get("quarantine") == CAPABILITY


def quarantined_record(body: Mapping[str, Any]) -> Any:
    if "recordGzip" in body:
        return json.loads(gzip.decompress(base64.b64decode(body["recordGzip"])))
    return body.get("record")


def replay_payload(body: Mapping[str, Any]) -> Any:
    """The processor invocation that delivers a quarantined record again, as its source delivered it."""
    record = quarantined_record(body)
    if body.get("source") == SOURCE_FLOW_LOG:
        context = dict(body.get("delivery") or {})
        context.setdefault("messageType", "DATA_MESSAGE")
        return encode_subscription({**context, "logEvents": [record]})
    if body.get("source") == SOURCE_ARCHIVE:
        return {"Records": [record]}
    return record


def _batches(messages: list[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for message in messages:
        length = len(message.encode())
        if batch and (len(batch) == BATCH_LIMIT_ENTRIES or size + length > MESSAGE_LIMIT_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(message)
        size += length
    if batch:
        yield batch


def send_to_quarantine(sqs: Any, queue_url: str, poisons: list[Poison], replay_to: str | None) -> int:
    """Send each poison record as its own message; answers the SQS calls made. Raises QuarantineFailed."""
    calls = 0
    for batch in _batches([p.message(replay_to) for p in poisons]):
        pending = {str(i): body for i, body in enumerate(batch)}
        for _attempt in range(SEND_ATTEMPTS):
            calls += 1
            response = sqs.send_message_batch(
                QueueUrl=queue_url,
                Entries=[{"Id": i, "MessageBody": body} for i, body in pending.items()],
            )
            pending = {f["Id"]: pending[f["Id"]] for f in response.get("Failed", [])}
            if not pending:
                break
        if pending:
            raise QuarantineFailed(f"{len(pending)} poison records were not accepted by {queue_url}")
    return calls

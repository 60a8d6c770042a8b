"""Records that are not agent events go to the quarantine queue with their reason, and are then acknowledged.

The queue is the same SQS queue the event source mapping sends its on-failure records to, so everything
this consumer could not store is in one place: the raw data, the shard position and why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEND_BATCH_LIMIT = 10


@dataclass(frozen=True)
class PoisonRecord:
    sequence_number: str
    reason: str
    record: Mapping[str, Any]

    def message(self) -> str:
        raw = self.record.get("kinesis")
        kinesis: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        return json.dumps(
            {
                "reason": self.reason,
                "source": "agent-events",
                "eventSourceARN": self.record.get("eventSourceARN"),
                "sequenceNumber": self.sequence_number,
                "partitionKey": kinesis.get("partitionKey"),
                "approximateArrivalTimestamp": kinesis.get("approximateArrivalTimestamp"),
                "data": kinesis.get("data"),
            },
            sort_keys=True,
            default=str,
        )


def quarantine(sqs: Any, queue_url: str | None, poison: Sequence[PoisonRecord]) -> set[str]:
    """Send every poison record to the queue; the sequence numbers that could not be sent."""
    if not poison:
        return set()
    if not queue_url:
        return {p.sequence_number for p in poison}
    failed: set[str] = set()
    for start in range(0, len(poison), SEND_BATCH_LIMIT):
        chunk = poison[start : start + SEND_BATCH_LIMIT]
        entries = [{"Id": str(i), "MessageBody": p.message()} for i, p in enumerate(chunk)]
        response = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
        failed.update(chunk[int(f["Id"])].sequence_number for f in response.get("Failed", []))
    return failed

"""Archive function: status items deleted by TTL, from the table's stream, to S3 as JSON Lines.

Entry point ``connect_data.contact_status.archive.handler``. One object per batch, named by the batch's
first and last sequence numbers, so a retried batch overwrites its own object instead of duplicating it.
A failed write reports every record of the batch as failed (partial batch response), so nothing is lost.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.common.dynamo import from_item
from connect_data.common.log import logger
from connect_data.contact_status.history import sorted_history


def is_ttl_delete(record: Mapping[str, Any]) -> bool:
    """DynamoDB marks TTL deletions with the service principal as the stream record's user identity."""
    identity = record.get("userIdentity") or {}
    return (
        record.get("eventName") == "REMOVE"
        and identity.get("type") == "Service"
        and identity.get("principalId") == "dynamodb.amazonaws.com"
    )


def archived_line(record: Mapping[str, Any]) -> str:
    image = from_item(record.get("dynamodb", {}).get("OldImage", {}))
    if isinstance(image.get("History"), dict):
        image["History"] = sorted_history(image["History"])
    return json.dumps(image, sort_keys=True, default=str, separators=(",", ":"))


def archive_batch(s3: Any, bucket: str, prefix: str, records: list[Mapping[str, Any]]) -> int:
    """Write the batch's TTL deletions as one JSON Lines object; answers how many items it holds."""
    expired = [r for r in records if is_ttl_delete(r)]
    if not expired:
        return 0
    sequences = [str(r.get("dynamodb", {}).get("SequenceNumber", "0")) for r in records]
    created = expired[0].get("dynamodb", {}).get("ApproximateCreationDateTime") or datetime.now(UTC).timestamp()
    day = datetime.fromtimestamp(float(created), tz=UTC).strftime("%Y/%m/%d")
    key = f"{prefix}{day}/{sequences[0]}-{sequences[-1]}.jsonl"
    body = "\n".join(archived_line(r) for r in expired) + "\n"
    s3.put_object(Bucket=bucket, Key=key, Body=body.encode(), ContentType="application/x-ndjson")
    return len(expired)


@logger.inject_lambda_context(clear_state=True)
def handler(event: Any, context: Any) -> dict[str, Any]:
    records = [r for r in (event or {}).get("Records", []) if isinstance(r, Mapping)]
    try:
        count = archive_batch(
            client("s3", config=BATCH_CLIENT_CONFIG),
            os.environ["ARCHIVE_BUCKET"],
            os.environ.get("ARCHIVE_PREFIX", "contact-status/"),
            records,
        )
    except (ClientError, BotoCoreError):
        logger.exception("archive write failed; the batch is retried")
        failures = [{"itemIdentifier": r.get("dynamodb", {}).get("SequenceNumber")} for r in records]
        return {"batchItemFailures": failures}
    logger.info("archived", extra={"items": count, "records": len(records)})
    return {"batchItemFailures": []}

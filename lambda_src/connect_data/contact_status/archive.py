"""Archive function: status items and history pages deleted by TTL, from the two tables' streams, to S3 as JSON.

Entry point ``connect_data.contact_status.archive.handler``. Idempotent overwrite: each deleted status
item is one object named by its contact and the deletion's stream sequence number
(``<prefix>YYYY/MM/DD/<contact>/<sequence>.json``), each deleted history page one object named by its
contact and page key (``<prefix>YYYY/MM/DD/<contact>/history/<page>.json``, its entries oldest first), so a
redelivered record - in any batch, however Lambda splits or retries the stream - overwrites its own object
and every item is archived exactly once as an object. (One PUT per item: $0.005 per 1,000 objects at S3
standard prices.)

A record whose write fails is sent, whole (the stream record with its old image), to the capability's
dead-letter queue as a quarantine message (``quarantine``), which ``redrive`` replays through this
function; only when the queue refuses it too is the record reported in ``batchItemFailures``, so the
stream retries it. Nothing is acknowledged that is neither in S3 nor in the queue.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, error_code
from connect_data.common.dynamo import from_item
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics
from connect_data.contact_status.history import sorted_history
from connect_data.contact_status.pages import ENTRIES, PAGE
from connect_data.contact_status.quarantine import SOURCE_ARCHIVE, Poison, QuarantineFailed, send_to_quarantine

ARCHIVE_WRITE_FAILED = "ARCHIVE_WRITE_FAILED"


def is_ttl_delete(record: Mapping[str, Any]) -> bool:
    """DynamoDB marks TTL deletions with the service principal as the stream record's user identity."""
    identity = record.get("userIdentity") or {}
    return (
        record.get("eventName") == "REMOVE"
        and identity.get("type") == "Service"
        and identity.get("principalId") == "dynamodb.amazonaws.com"
    )


def archived_item(record: Mapping[str, Any]) -> str:
    image = from_item(record.get("dynamodb", {}).get("OldImage", {}))
    if isinstance(image.get(ENTRIES), dict):
        image[ENTRIES] = sorted_history(image[ENTRIES])
    if isinstance(image.get("History"), dict):  # a status item written before history pages
        image["History"] = sorted_history(image["History"])
    return json.dumps(image, sort_keys=True, default=str, separators=(",", ":"))


def object_key(prefix: str, record: Mapping[str, Any]) -> str:
    stream = record.get("dynamodb", {})
    created = stream.get("ApproximateCreationDateTime") or datetime.now(UTC).timestamp()
    day = datetime.fromtimestamp(float(created), tz=UTC).strftime("%Y/%m/%d")
    keys = from_item(stream.get("Keys") or {})
    folder = f"{prefix}{day}/{quote(str(keys.get('ContactId', 'unknown')), safe='')}/"
    if PAGE in keys:
        return f"{folder}history/{quote(str(keys[PAGE]), safe='')}.json"
    return f"{folder}{stream.get('SequenceNumber', '0')}.json"


def archive_batch(s3: Any, bucket: str, prefix: str, records: list[Mapping[str, Any]]) -> tuple[int, list[Poison]]:
    """Write each TTL deletion as its own object; answers how many were written and the records that failed."""
    written = 0
    failed: list[Poison] = []
    for record in records:
        if not is_ttl_delete(record):
            continue
        try:
            s3.put_object(
                Bucket=bucket,
                Key=object_key(prefix, record),
                Body=archived_item(record).encode(),
                ContentType="application/json",
            )
        except (ClientError, BotoCoreError) as err:
            failed.append(Poison(ARCHIVE_WRITE_FAILED, f"S3 {error_code(err)}", SOURCE_ARCHIVE, dict(record)))
            continue
        written += 1
    return written, failed


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    records = [r for r in (event or {}).get("Records", []) if isinstance(r, Mapping)]
    written, failed = archive_batch(
        client("s3", config=BATCH_CLIENT_CONFIG),
        os.environ["ARCHIVE_BUCKET"],
        os.environ.get("ARCHIVE_PREFIX", "contact-status/"),
        records,
    )
    count(Metric.RECORDS_PROCESSED, written)
    count(Metric.RECORDS_SKIPPED, len(records) - written - len(failed))  # not TTL deletions
    count(Metric.RECORDS_QUARANTINED, len(failed))
    if failed:
        logger.warning("archive writes failed; the records go to the dead-letter queue", extra={"failed": len(failed)})
        try:
            send_to_quarantine(
                client("sqs", config=BATCH_CLIENT_CONFIG),
                os.environ["QUARANTINE_QUEUE_URL"],
                failed,
                getattr(context, "invoked_function_arn", None),
            )
        except (ClientError, BotoCoreError, QuarantineFailed, KeyError):
            logger.exception("the dead-letter queue refused the failed records; the stream retries them")
            sequences = [p.record.get("dynamodb", {}).get("SequenceNumber") for p in failed]
            return {"batchItemFailures": [{"itemIdentifier": s} for s in sequences]}
    logger.info("archived", extra={"items": written, "quarantined": len(failed), "records": len(records)})
    return {"batchItemFailures": []}

"""Lake writer: DynamoDB stream batches of the capability tables to S3 (entry point ``...handler.handler``).

Settings (environment): LAKE_BUCKET, LAKE_PREFIX, LAKE_SOURCES (JSON: table name -> source kind),
PHONE_NUMBERS (mask or keep), KEY_ATTRIBUTE (of the view data table).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.analytics.lake import LakeSettings, write_batch
from connect_data.analytics.rows import Privacy, sequence_number
from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, env
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics


@cache
def settings() -> LakeSettings:
    return LakeSettings(
        bucket=env("LAKE_BUCKET"),
        prefix=os.environ.get("LAKE_PREFIX", ""),
        sources=json.loads(env("LAKE_SOURCES")),
        privacy=Privacy(os.environ.get("PHONE_NUMBERS", "mask")),
        key_attribute=os.environ.get("KEY_ATTRIBUTE", "InitialContactId"),
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    records = [r for r in (event or {}).get("Records", []) if isinstance(r, Mapping)]
    try:
        result = write_batch(client("s3", config=BATCH_CLIENT_CONFIG), records, settings())
    except (ClientError, BotoCoreError):
        logger.exception("lake write failed; the whole batch is retried from its first record")
        return {"batchItemFailures": [{"itemIdentifier": sequence_number(records[0])}] if records else []}
    count(Metric.RECORDS_PROCESSED, len(records) - result.quarantined)
    count(Metric.RECORDS_QUARANTINED, result.quarantined)
    logger.info(
        "lake batch written",
        extra={
            "records": len(records),
            "rows": result.rows,
            "quarantined": result.quarantined,
            "objects": result.objects,
            "bytes": result.bytes_written,
        },
    )
    return {"batchItemFailures": []}

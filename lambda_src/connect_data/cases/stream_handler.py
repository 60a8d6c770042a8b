"""SQS-triggered entry point: ``connect_data.cases.stream_handler.handler`` (ReportBatchItemFailures on)."""

from __future__ import annotations

import os
from typing import Any

from connect_data.cases.consumer import ConsumerSettings, process_batch
from connect_data.cases.store import StoreSettings
from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, env
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics


def settings_from_env() -> ConsumerSettings:
    types = os.environ.get("NOTIFY_EVENT_TYPES", "")
    return ConsumerSettings(
        store=StoreSettings(
            table_name=env("CASES_TABLE"),
            event_ttl_days=int(os.environ.get("EVENT_TTL_DAYS", "0") or 0),
        ),
        topic_arn=os.environ.get("TOPIC_ARN") or None,
        notify_event_types=frozenset(t.strip() for t in types.split(",") if t.strip()),
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, list[dict[str, str]]]:
    records = event.get("Records", []) if isinstance(event, dict) else []
    settings = settings_from_env()
    outcome = process_batch(
        records,
        client("dynamodb", config=BATCH_CLIENT_CONFIG),
        client("sns", config=BATCH_CLIENT_CONFIG),
        settings,
    )
    count(Metric.RECORDS_PROCESSED, len(records) - len(outcome.failed_message_ids))
    count(Metric.NOTIFICATIONS_SENT, outcome.notified)
    return outcome.response()

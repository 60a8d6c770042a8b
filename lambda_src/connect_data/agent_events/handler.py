"""Kinesis-triggered entry point: ``connect_data.agent_events.handler.handler`` (ReportBatchItemFailures on)."""

from __future__ import annotations

import os
from typing import Any

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, env
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics


def settings_from_env() -> ProcessorSettings:
    return ProcessorSettings(
        store=StoreSettings(
            table_name=env("AGENTS_TABLE"),
            history_ttl_seconds=int(os.environ.get("HISTORY_TTL_SECONDS", "86400") or 86400),
        ),
        quarantine_queue_url=os.environ.get("QUARANTINE_QUEUE_URL") or None,
        contact_status_table=os.environ.get("CONTACT_STATUS_TABLE") or None,
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, list[dict[str, str]]]:
    records = event.get("Records", []) if isinstance(event, dict) else []
    settings = settings_from_env()
    sqs = client("sqs", config=BATCH_CLIENT_CONFIG) if settings.quarantine_queue_url else None
    outcome = process_batch(records, client("dynamodb", config=BATCH_CLIENT_CONFIG), sqs, settings)
    # Failed records come back in the stream's retry: not processed yet.
    count(Metric.RECORDS_PROCESSED, outcome.events - len(outcome.failed_sequence_numbers))
    count(Metric.RECORDS_QUARANTINED, outcome.quarantined)
    return outcome.response()

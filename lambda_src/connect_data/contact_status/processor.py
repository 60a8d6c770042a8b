"""Processor: contact events (EventBridge) and flow logs (CloudWatch Logs subscription) into status items.

Entry point ``connect_data.contact_status.processor.handler``. Both sources invoke the function
asynchronously: a record it cannot read is logged and counted and the rest of the batch goes on; a
delivery it cannot decode at all raises, so Lambda's retries and then the dead-letter queue keep it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.common.log import logger
from connect_data.contact_status.changes import group_by_contact
from connect_data.contact_status.events import (
    BadDelivery,
    BadRecord,
    Observation,
    contact_event_observations,
    decode_subscription,
    flow_log_observation,
)
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES
from connect_data.contact_status.store import StoreSettings, write_change

CONTACT_EVENT_TYPE = "Amazon Connect Contact Event"


@dataclass
class ProcessResult:
    records: int = 0
    contacts: int = 0
    calls: int = 0
    retries: int = 0
    dropped_history: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "contacts": self.contacts,
            "dynamodbCalls": self.calls,
            "retries": self.retries,
            "droppedHistory": self.dropped_history,
            "skipped": dict(self.skipped),
        }


def settings_from_env() -> StoreSettings:
    return StoreSettings(
        table_name=os.environ["STATUS_TABLE"],
        retention_minutes=int(os.environ.get("RETENTION_MINUTES", "1440")),
        max_entries=int(os.environ.get("HISTORY_MAX_ENTRIES", str(DEFAULT_MAX_ENTRIES))),
    )


def observations_of(event: Any, result: ProcessResult) -> list[Observation]:
    """Every observation a delivery holds; unreadable records are counted in ``result.skipped``."""
    observations: list[Observation] = []
    if isinstance(event, Mapping) and "awslogs" in event:
        payload = decode_subscription(event)
        if payload.get("messageType") == "CONTROL_MESSAGE":
            result.skipped["controlMessage"] += 1
            return []
        log_events = payload.get("logEvents")
        if not isinstance(log_events, list):
            raise BadDelivery("subscription payload without logEvents")
        for log_event in log_events:
            result.records += 1
            try:
                observations.append(flow_log_observation(log_event))
            except BadRecord as err:
                result.skipped[str(err)] += 1
                logger.warning(
                    "flow-log record skipped", extra={"reason": str(err), "logGroup": payload.get("logGroup")}
                )
        return observations
    if isinstance(event, Mapping) and event.get("detail-type") == CONTACT_EVENT_TYPE:
        result.records += 1
        try:
            return contact_event_observations(event)
        except BadRecord as err:
            result.skipped[str(err)] += 1
            logger.warning("contact event skipped", extra={"reason": str(err), "eventId": event.get("id")})
            return []
    raise BadDelivery("neither a contact event nor a CloudWatch Logs subscription delivery")


def apply_observations(
    dynamodb: Any, settings: StoreSettings, observations: Iterable[Observation], result: ProcessResult
) -> None:
    """Write each contact's merged change: one conditional update per contact in the common case."""
    observations = list(observations)
    initiated = {
        o.contact_id for o in observations if o.entry.get("src") == "event" and o.entry.get("type") == "INITIATED"
    }
    changes = group_by_contact(observations)
    result.contacts += len(changes)
    for contact_id, change in sorted(changes.items()):
        stats = write_change(dynamodb, settings, change, likely_new=contact_id in initiated)
        result.calls += stats.calls
        result.retries += stats.retries
        result.dropped_history += stats.dropped


def process_delivery(dynamodb: Any, settings: StoreSettings, event: Any) -> ProcessResult:
    result = ProcessResult()
    apply_observations(dynamodb, settings, observations_of(event, result), result)
    return result


@logger.inject_lambda_context(clear_state=True)
def handler(event: Any, context: Any) -> dict[str, Any]:
    try:
        result = process_delivery(client("dynamodb", config=BATCH_CLIENT_CONFIG), settings_from_env(), event)
    except BadDelivery:
        # Raising hands the delivery to Lambda's asynchronous retries and then the dead-letter queue.
        logger.exception("delivery cannot be processed")
        raise
    logger.info("delivery processed", extra=result.as_dict())
    return result.as_dict()

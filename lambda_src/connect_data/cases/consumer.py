"""One SQS batch of case events: store them, move each case's state forward, notify - and report exactly
the messages that did not make it (SQS partial batch response), never the whole batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.cases.events import CaseEvent, InvalidCaseEvent, parse_case_event
from connect_data.cases.notify import publish_notifications
from connect_data.cases.store import StoreSettings, advance_case_state, newest_case_changes, write_events
from connect_data.common.log import logger


@dataclass(frozen=True)
class ConsumerSettings:
    store: StoreSettings
    topic_arn: str | None = None
    notify_event_types: frozenset[str] = frozenset()  # empty: every event type

    def notifies(self, event: CaseEvent) -> bool:
        if not self.topic_arn:
            return False
        return not self.notify_event_types or event.event_type in self.notify_event_types


@dataclass
class BatchOutcome:
    failed_message_ids: list[str]
    stored: int = 0
    states_moved: int = 0
    notified: int = 0

    def response(self) -> dict[str, list[dict[str, str]]]:
        return {"batchItemFailures": [{"itemIdentifier": m} for m in self.failed_message_ids]}


def process_batch(
    records: Sequence[Mapping[str, Any]], dynamodb: Any, sns: Any, settings: ConsumerSettings
) -> BatchOutcome:
    """Parse, store, advance, notify; a message fails when any of its steps failed.

    Steps run in that order so a notification is only sent for an event that is stored; a failed
    message comes back and is processed again, which the event write and the state condition absorb.
    """
    failed: set[str] = set()
    parsed: list[tuple[str, CaseEvent]] = []
    for record in records:
        message_id = str(record.get("messageId", ""))
        try:
            parsed.append((message_id, parse_case_event(record.get("body"))))
        except InvalidCaseEvent as err:
            logger.warning("poison message", extra={"message_id": message_id, "reason": str(err)})
            failed.add(message_id)

    events = [e for _, e in parsed]
    try:
        unwritten = write_events(dynamodb, settings.store, events)
    except (ClientError, BotoCoreError):
        logger.exception("writing the batch's events failed")
        unwritten = {e.event_id for e in events}

    written = [e for e in events if e.event_id not in unwritten]
    failed_cases: set[str] = set()
    moved = 0
    for case_id, event in newest_case_changes(written).items():
        try:
            moved += advance_case_state(dynamodb, settings.store, event)
        except (ClientError, BotoCoreError):
            logger.exception("moving the case state forward failed", extra={"case_id": case_id})
            failed_cases.add(case_id)

    to_notify = [e for e in written if e.case_id not in failed_cases and settings.notifies(e)]
    unpublished: set[str] = set()
    if to_notify and settings.topic_arn:
        try:
            unpublished = publish_notifications(sns, settings.topic_arn, to_notify)
        except (ClientError, BotoCoreError):
            logger.exception("publishing notifications failed")
            unpublished = {e.event_id for e in to_notify}

    for message_id, event in parsed:
        if event.event_id in unwritten or event.case_id in failed_cases or event.event_id in unpublished:
            failed.add(message_id)
    ordered = [str(r.get("messageId", "")) for r in records if str(r.get("messageId", "")) in failed]
    outcome = BatchOutcome(
        failed_message_ids=ordered,
        stored=len(written),
        states_moved=moved,
        notified=len(to_notify) - len(unpublished),
    )
    logger.info(
        "batch processed",
        extra={"records": len(records), "failed": len(ordered), "stored": outcome.stored, "moved": moved},
    )
    return outcome

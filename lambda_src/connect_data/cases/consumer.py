"""One SQS batch of case events: store them, move each case's state forward, notify - and report exactly
the messages that did not make it (SQS partial batch response), never the whole batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from connect_data.cases.events import CaseEvent, InvalidCaseEvent, parse_case_event
from connect_data.cases.notify import publish_notifications
from connect_data.cases.store import (
    StoreSettings,
    claim_notification,
    read_states,
    release_claim,
    save_case_state,
    write_events,
)
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
    """Parse, store, merge the state, notify once; a message fails when any of its steps failed.

    Steps run in that order so a notification is only sent for an event that is stored; a failed
    message comes back and is processed again, which the event write, the state merge and the
    notification claim absorb. Any exception is confined to the messages it concerns (a parse error
    to its message, a state write to its case's messages, a publish to its event's messages).
    """
    failed: set[str] = set()
    parsed: list[tuple[str, CaseEvent]] = []
    for record in records:
        message_id = str(record.get("messageId", ""))
        try:
            parsed.append((message_id, parse_case_event(record.get("body"))))
        except Exception as err:  # any defect of one message is that message's failure
            reason = str(err) if isinstance(err, InvalidCaseEvent) else f"{type(err).__name__}: {err}"
            logger.warning("poison message", extra={"message_id": message_id, "reason": reason[:500]})
            failed.add(message_id)

    events = list({e.event_id: e for _, e in parsed}.values())  # a duplicate inside the batch is one event
    try:
        unwritten = write_events(dynamodb, settings.store, events)
    except Exception:
        logger.exception("writing the batch's events failed")
        unwritten = {e.event_id for e in events}
    written = [e for e in events if e.event_id not in unwritten]

    failed_cases, moved = _merge_states(dynamodb, settings, written)
    to_notify = [e for e in written if e.case_id not in failed_cases and settings.notifies(e)]
    unpublished, notified = _notify_once(dynamodb, sns, settings, to_notify)

    for message_id, event in parsed:
        if event.event_id in unwritten or event.case_id in failed_cases or event.event_id in unpublished:
            failed.add(message_id)
    ordered = [str(r.get("messageId", "")) for r in records if str(r.get("messageId", "")) in failed]
    outcome = BatchOutcome(failed_message_ids=ordered, stored=len(written), states_moved=moved, notified=notified)
    logger.info(
        "batch processed",
        extra={"records": len(records), "failed": len(ordered), "stored": outcome.stored, "moved": moved},
    )
    return outcome


def _merge_states(dynamodb: Any, settings: ConsumerSettings, written: list[CaseEvent]) -> tuple[set[str], int]:
    """Merge each case's CASE.* changes into its state; the cases whose state could not be written."""
    by_case: dict[str, list[CaseEvent]] = {}
    for event in written:
        if event.is_case_change:
            by_case.setdefault(event.case_id, []).append(event)
    if not by_case:
        return set(), 0
    try:
        current = read_states(dynamodb, settings.store, by_case)
    except Exception:
        logger.exception("reading the case states failed")
        return set(by_case), 0
    failed: set[str] = set()
    moved = 0
    for case_id, changes in by_case.items():
        try:
            moved += save_case_state(dynamodb, settings.store, case_id, changes, current.get(case_id))
        except Exception:
            logger.exception("merging the case state failed", extra={"case_id": case_id})
            failed.add(case_id)
    return failed, moved


def _notify_once(dynamodb: Any, sns: Any, settings: ConsumerSettings, events: list[CaseEvent]) -> tuple[set[str], int]:
    """Claim, then publish, each event's notification; the IDs that must come back, and how many were sent.

    The claim comes first: a crash between claim and publish loses that one notification (at most once)
    rather than sending it twice on every redelivery; a publish SNS refuses releases its claim.
    """
    if not events or not settings.topic_arn:
        return set(), 0
    failed: set[str] = set()
    claimed: list[CaseEvent] = []
    for event in events:
        try:
            if claim_notification(dynamodb, settings.store, event):
                claimed.append(event)
        except Exception:
            logger.exception("claiming the notification failed", extra={"event_id": event.event_id})
            failed.add(event.event_id)
    try:
        refused = publish_notifications(sns, settings.topic_arn, claimed)
    except Exception:
        logger.exception("publishing notifications failed")
        refused = {e.event_id for e in claimed}
    for event in claimed:
        if event.event_id in refused:
            try:
                release_claim(dynamodb, settings.store, event)
            except Exception:
                logger.exception("releasing a notification claim failed", extra={"event_id": event.event_id})
    return failed | refused, len(claimed) - len(refused)

"""Processor: contact events (EventBridge) and flow logs (CloudWatch Logs subscription) into status items.

Entry point ``connect_data.contact_status.processor.handler``. Flow logs invoke the function
asynchronously; contact events either do too (the EventBridge rule's direct target) or arrive in batches
from the contact-events SQS queue (``batch_contact_events``), merged per contact per batch: a write that
fails for a contact reports that contact's messages in ``batchItemFailures`` and the rest are deleted.
A record it cannot use (see ``events``), or one whose contact's write DynamoDB rejects,
is quarantined - sent with its reason and the raw record to the dead-letter queue as its own message
(``quarantine``) - and counted by reason in ``ProcessResult.quarantined``; the rest of the delivery is
stored. A delivery it cannot decode at all, or a quarantine the queue refuses, raises, so Lambda's
retries and then the on-failure destination (the same queue) keep it. Nothing is acknowledged unstored.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics
from connect_data.common.timeutil import now_ms
from connect_data.contact_status.changes import ContactChange, group_by_contact
from connect_data.contact_status.events import (
    BadDelivery,
    BadRecord,
    Observation,
    contact_event_observations,
    decode_subscription,
    flow_log_observation,
)
from connect_data.contact_status.pages import PagesUnprocessed, history_table_for, write_pages
from connect_data.contact_status.quarantine import (
    SOURCE_EVENT,
    SOURCE_FLOW_LOG,
    Poison,
    delivery_context,
    send_to_quarantine,
)
from connect_data.contact_status.store import StoreSettings, history_pages, write_status

CONTACT_EVENT_TYPE = "Amazon Connect Contact Event"
NOT_A_RECORD = "NOT_A_RECORD"
# A contact-events queue message whose body is not JSON (the rule always sends the event as JSON).
BODY_NOT_JSON = "BODY_NOT_JSON"
SQS_EVENT_SOURCE = "aws:sqs"
# DynamoDB refused the contact's write as invalid (say, an item past 400 KB): its records are quarantined.
WRITE_REJECTED = "WRITE_REJECTED"
_REJECTED_CODES = frozenset({"ValidationException", "ItemCollectionSizeLimitExceededException"})


@dataclass
class ProcessResult:
    records: int = 0
    contacts: int = 0
    calls: int = 0  # status UpdateItems
    retries: int = 0
    page_calls: int = 0  # history BatchWriteItems
    skipped: Counter[str] = field(default_factory=Counter)
    # Poison records by reason code: the one count an operator (and, later, an EMF metric) reads.
    quarantined: Counter[str] = field(default_factory=Counter)
    poisons: list[Poison] = field(default_factory=list, repr=False)
    quarantine_calls: int = 0
    # Queue messages left on the contact-events queue for a retry (their contact's write failed).
    failed_messages: list[str] = field(default_factory=list)

    def quarantine(self, poison: Poison) -> None:
        self.poisons.append(poison)
        self.quarantined[poison.reason] += 1
        logger.warning("record quarantined", extra={"reason": poison.reason, "detail": poison.detail})

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "contacts": self.contacts,
            "dynamodbCalls": self.calls + self.page_calls,
            "historyPageCalls": self.page_calls,
            "retries": self.retries,
            "skipped": dict(self.skipped),
            "quarantined": dict(self.quarantined),
            "failedMessages": len(self.failed_messages),
        }


def settings_from_env() -> StoreSettings:
    table = os.environ["STATUS_TABLE"]
    return StoreSettings(
        table_name=table,
        history_table_name=os.environ.get("HISTORY_TABLE") or history_table_for(table),
        retention_minutes=int(os.environ.get("RETENTION_MINUTES", "1440")),
    )


@dataclass
class Parsed:
    """A delivery's observations, and which raw records each contact's observations came from."""

    observations: list[Observation] = field(default_factory=list)
    sources: dict[str, list[Poison]] = field(default_factory=dict)

    def add(self, observations: list[Observation], origin: Poison) -> None:
        self.observations += observations
        for contact_id in {o.contact_id for o in observations}:
            self.sources.setdefault(contact_id, []).append(origin)

    def add_one(self, observation: Observation, origin: Poison) -> None:
        """:meth:`add` for the one observation of a flow-log record (a thousand a delivery: no set, no list)."""
        self.observations.append(observation)
        self.sources.setdefault(observation.contact_id, []).append(origin)


def parse_delivery(event: Any, result: ProcessResult, received_ms: int | None = None) -> Parsed:
    """Every observation a delivery holds; each unusable record is quarantined in ``result``."""
    received = now_ms() if received_ms is None else received_ms
    parsed = Parsed()
    if isinstance(event, Mapping) and "awslogs" in event:
        payload = decode_subscription(event)
        if payload.get("messageType") == "CONTROL_MESSAGE":
            result.skipped["controlMessage"] += 1  # CloudWatch Logs' own connectivity check: no record in it
            return parsed
        log_events = payload.get("logEvents")
        if not isinstance(log_events, list):
            raise BadDelivery("subscription payload without logEvents")
        context = delivery_context(payload)
        for log_event in log_events:
            result.records += 1
            origin = Poison(NOT_A_RECORD, "log event is not an object", SOURCE_FLOW_LOG, log_event, context)
            if not isinstance(log_event, Mapping):
                result.quarantine(origin)
                continue
            try:
                parsed.add_one(flow_log_observation(log_event, received), origin)
            except BadRecord as err:
                result.quarantine(Poison(err.reason, err.detail, SOURCE_FLOW_LOG, log_event, context))
        return parsed
    if isinstance(event, Mapping) and event.get("detail-type") == CONTACT_EVENT_TYPE:
        result.records += 1
        try:
            parsed.add(contact_event_observations(event, received), Poison(WRITE_REJECTED, "", SOURCE_EVENT, event))
        except BadRecord as err:
            result.quarantine(Poison(err.reason, err.detail, SOURCE_EVENT, event))
        return parsed
    raise BadDelivery("neither a contact event nor a CloudWatch Logs subscription delivery")


def is_queue_batch(event: Any) -> bool:
    """An SQS event source mapping's batch (``Records`` of ``aws:sqs`` messages)."""
    records = event.get("Records") if isinstance(event, Mapping) else None
    return (
        isinstance(records, list)
        and bool(records)
        and all(isinstance(r, Mapping) and r.get("eventSource") == SQS_EVENT_SOURCE for r in records)
    )


def parse_queue_batch(
    event: Mapping[str, Any], result: ProcessResult, received_ms: int | None = None
) -> tuple[Parsed, dict[str, list[str]]]:
    """A contact-events queue batch's observations, and the message IDs each contact's came from."""
    received = now_ms() if received_ms is None else received_ms
    parsed = Parsed()
    messages_of: dict[str, list[str]] = {}
    for message in event["Records"]:
        result.records += 1
        text = message.get("body")
        try:
            body = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            body = None
        if body is None:
            result.quarantine(Poison(BODY_NOT_JSON, "queue message body is not JSON", SOURCE_EVENT, text))
            continue
        if not isinstance(body, Mapping) or body.get("detail-type") != CONTACT_EVENT_TYPE:
            result.quarantine(Poison(NOT_A_RECORD, "queue message is not a contact event", SOURCE_EVENT, body))
            continue
        try:
            observations = contact_event_observations(body, received)
        except BadRecord as err:
            result.quarantine(Poison(err.reason, err.detail, SOURCE_EVENT, body))
            continue
        parsed.add(observations, Poison(WRITE_REJECTED, "", SOURCE_EVENT, body))
        for contact_id in {o.contact_id for o in observations}:
            messages_of.setdefault(contact_id, []).append(str(message.get("messageId")))
    return parsed, messages_of


def observations_of(event: Any, result: ProcessResult) -> list[Observation]:
    return parse_delivery(event, result).observations


def apply_observations(
    dynamodb: Any,
    settings: StoreSettings,
    observations: Iterable[Observation],
    result: ProcessResult,
    sources: Mapping[str, list[Poison]] | None = None,
    failed: set[str] | None = None,
) -> None:
    """Write each contact's merged change: its history pages (every contact's together, 25 to a batch
    write), then one conditional status update per contact in the common case.

    A write DynamoDB rejects as invalid quarantines that contact's records (``sources``) and the other
    contacts go on; any other error (throttling, network) raises, and the retried delivery is idempotent -
    or, given ``failed`` (a queue batch), adds the contact there and the other contacts go on.
    """
    changes = group_by_contact(observations)
    result.contacts += len(changes)
    for contact_id in sorted(_write_history(dynamodb, settings, changes, result, sources, failed)):
        try:
            stats = write_status(dynamodb, settings, changes[contact_id])
        except ClientError as err:
            if not _contact_write_failed(contact_id, _code(err), result, sources, failed):
                raise
            continue
        result.calls += stats.calls
        result.retries += stats.retries


def _code(err: ClientError | PagesUnprocessed) -> str:
    if isinstance(err, PagesUnprocessed):
        return "PagesUnprocessed"
    return str(err.response.get("Error", {}).get("Code"))


def _write_history(
    dynamodb: Any,
    settings: StoreSettings,
    changes: Mapping[str, ContactChange],
    result: ProcessResult,
    sources: Mapping[str, list[Poison]] | None,
    failed: set[str] | None,
) -> set[str]:
    """Every contact's pages in as few batch writes as they fit; answers the contacts whose pages are stored.

    When a batch fails and the failure can be one contact's (a rejected page, or a queue batch that keeps
    the other contacts going), each contact's pages are written again on their own to find it.
    """
    pages = {contact_id: history_pages(settings, change) for contact_id, change in changes.items()}
    try:
        every = [page for contact_pages in pages.values() for page in contact_pages]
        result.page_calls += write_pages(dynamodb, settings.history_table_name, every).calls
        return set(changes)
    except (ClientError, PagesUnprocessed) as err:
        if failed is None and (sources is None or _code(err) not in _REJECTED_CODES):
            raise
    stored = set()
    for contact_id, contact_pages in sorted(pages.items()):
        try:
            result.page_calls += write_pages(dynamodb, settings.history_table_name, contact_pages).calls
        except (ClientError, PagesUnprocessed) as err:
            if not _contact_write_failed(contact_id, _code(err), result, sources, failed):
                raise
            continue
        stored.add(contact_id)
    return stored


def _contact_write_failed(
    contact_id: str,
    code: str,
    result: ProcessResult,
    sources: Mapping[str, list[Poison]] | None,
    failed: set[str] | None,
) -> bool:
    """A contact whose write failed is left on the queue (``failed``) or quarantined (rejected as invalid);
    answers False when it is neither and the error must raise."""
    if failed is not None and code not in _REJECTED_CODES:
        logger.warning("contact write failed: its messages stay on the queue", extra={"code": code})
        failed.add(contact_id)
        return True
    if sources is None or code not in _REJECTED_CODES:
        return False
    for origin in sources.get(contact_id, []):
        detail = f"contact {contact_id[:64]}: DynamoDB {code}"
        result.quarantine(Poison(WRITE_REJECTED, detail, origin.source, origin.record, origin.delivery))
    return True


def process_delivery(
    dynamodb: Any,
    settings: StoreSettings,
    event: Any,
    *,
    sqs: Callable[[], Any] | None = None,
    quarantine_url: str | None = None,
    replay_to: str | None = None,
    received_ms: int | None = None,
) -> ProcessResult:
    """Store what the delivery holds and send what it cannot use to ``quarantine_url`` (``sqs`` makes the
    client, only when there is a poison record). Without a queue the poison records stay in the result."""
    result = ProcessResult()
    if is_queue_batch(event):
        parsed, messages_of = parse_queue_batch(event, result, received_ms)
        failed: set[str] = set()
        apply_observations(dynamodb, settings, parsed.observations, result, parsed.sources, failed)
        result.failed_messages = sorted({m for contact in failed for m in messages_of.get(contact, [])})
    else:
        parsed = parse_delivery(event, result, received_ms)
        apply_observations(dynamodb, settings, parsed.observations, result, parsed.sources)
    if result.poisons and quarantine_url and sqs is not None:
        result.quarantine_calls = send_to_quarantine(sqs(), quarantine_url, result.poisons, replay_to)
    return result


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    quarantine_url = os.environ.get("QUARANTINE_QUEUE_URL") or None
    try:
        result = process_delivery(
            client("dynamodb", config=BATCH_CLIENT_CONFIG),
            settings_from_env(),
            event,
            sqs=lambda: client("sqs", config=BATCH_CLIENT_CONFIG),
            quarantine_url=quarantine_url,
            replay_to=getattr(context, "invoked_function_arn", None),
        )
    except BadDelivery:
        # Raising hands the delivery to Lambda's asynchronous retries and then the dead-letter queue.
        logger.exception("delivery cannot be processed")
        raise
    if result.poisons and not quarantine_url:
        # Never acknowledge a record that was neither stored nor quarantined: fail to the on-failure queue.
        raise RuntimeError(f"{len(result.poisons)} poison records and no QUARANTINE_QUEUE_URL to keep them")
    quarantined = sum(result.quarantined.values())
    count(Metric.RECORDS_PROCESSED, result.records - quarantined)
    count(Metric.RECORDS_SKIPPED, sum(result.skipped.values()))
    count(Metric.RECORDS_QUARANTINED, quarantined)
    logger.info("delivery processed", extra=result.as_dict())
    if is_queue_batch(event):
        # The event source mapping's partial batch response (ReportBatchItemFailures): only these stay.
        return {"batchItemFailures": [{"itemIdentifier": m} for m in result.failed_messages]}
    return result.as_dict()

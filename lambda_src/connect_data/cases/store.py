"""Case events and the current case state in one DynamoDB table, in at most 1 + k calls per batch.

Item layout (partition key ``caseId``, sort key ``sk``):

* ``EVENT#<approximateChangeTime>#<eventId>`` - every event; the key holds the event ID, so a redelivered
  event overwrites itself with the same content (idempotent) and a case's events read back in order.
* ``STATE`` - the case as of its newest CASE.* change: status, template, fields, last change. The update is
  conditional on ``lastChangeTime < :newer``, so an older or repeated event never moves it backwards.
  RELATED_ITEM.* events are stored and notified but do not touch the state: they carry no case fields, and
  letting them advance ``lastChangeTime`` would make a late CASE.UPDATED lose its fields.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from connect_data.cases.events import CaseEvent
from connect_data.common.dynamo import serialize, to_item
from connect_data.common.timeutil import iso_utc, ttl_after

STATE_SK = "STATE"
BATCH_WRITE_LIMIT = 25
# UnprocessedItems come back under throttling; a few short retries before the messages are reported failed.
UNPROCESSED_RETRIES = 3


@dataclass(frozen=True)
class StoreSettings:
    table_name: str
    event_ttl_days: int = 0


def event_sort_key(event: CaseEvent) -> str:
    return f"EVENT#{event.change_time}#{event.event_id}"


def event_item(event: CaseEvent, settings: StoreSettings) -> dict[str, Any]:
    values: dict[str, Any] = {
        "caseId": event.case_id,
        "sk": event_sort_key(event),
        "eventId": event.event_id,
        "eventType": event.event_type,
        "detailType": event.detail_type,
        "changeTime": event.change_time,
        "domainId": event.domain_id,
        "templateId": event.template_id,
        "status": event.status,
        "changed": list(event.changed) or None,
        "relatedItemType": event.related_item_type,
        "relatedItemId": event.related_item_id,
        "performedBy": event.performed_by,
        # The detail as JSON text: field IDs are arbitrary and values mix types, which a map would
        # turn into a different shape per event; text keeps the event exactly as Cases sent it.
        "detail": json.dumps(event.detail, sort_keys=True, separators=(",", ":"), default=str),
        "storedAt": iso_utc(),
    }
    if settings.event_ttl_days > 0:
        values["expiresAt"] = ttl_after(settings.event_ttl_days * 86400)
    return to_item(values)


def write_events(dynamodb: Any, settings: StoreSettings, events: Sequence[CaseEvent]) -> set[str]:
    """Put every event with ``BatchWriteItem`` (one call per 25); the IDs of events not written."""
    unique = {(e.case_id, event_sort_key(e)): e for e in events}  # one batch may not hold a key twice
    failed: set[str] = set()
    items = list(unique.values())
    for start in range(0, len(items), BATCH_WRITE_LIMIT):
        chunk = items[start : start + BATCH_WRITE_LIMIT]
        requests = [{"PutRequest": {"Item": event_item(e, settings)}} for e in chunk]
        for attempt in range(UNPROCESSED_RETRIES + 1):
            response = dynamodb.batch_write_item(RequestItems={settings.table_name: requests})
            requests = response.get("UnprocessedItems", {}).get(settings.table_name, [])
            if not requests:
                break
            if attempt < UNPROCESSED_RETRIES:
                time.sleep(0.05 * 2**attempt)
        left = {(r["PutRequest"]["Item"]["caseId"]["S"], r["PutRequest"]["Item"]["sk"]["S"]) for r in requests}
        failed.update(e.event_id for e in chunk if (e.case_id, event_sort_key(e)) in left)
    return failed


def newest_case_changes(events: Iterable[CaseEvent]) -> dict[str, CaseEvent]:
    """Per case, its newest CASE.* event (ties broken by event ID), with the fields and template of the
    newest event in the batch that carried them: a metadata-only CASE.DELETED after a CASE.CREATED in the
    same batch must not leave the state without the fields the creation brought."""
    by_case: dict[str, list[CaseEvent]] = {}
    for event in events:
        if event.is_case_change:
            by_case.setdefault(event.case_id, []).append(event)
    newest: dict[str, CaseEvent] = {}
    for case_id, changes in by_case.items():
        changes.sort(key=lambda e: (e.change_time, e.event_id))
        last = changes[-1]
        with_fields = [e for e in changes if e.fields]
        with_template = [e for e in changes if e.template_id]
        newest[case_id] = replace(
            last,
            fields=last.fields or (with_fields[-1].fields if with_fields else {}),
            template_id=last.template_id or (with_template[-1].template_id if with_template else None),
        )
    return newest


def advance_case_state(dynamodb: Any, settings: StoreSettings, event: CaseEvent) -> bool:
    """Move the case's STATE item forward to ``event``; ``False`` when a newer change is already stored."""
    sets = {
        "lastChangeTime": event.change_time,
        "lastEventId": event.event_id,
        "lastEventType": event.event_type,
        "deleted": event.event_type == "CASE.DELETED",
        "updatedAt": iso_utc(),
        "domainId": event.domain_id,
        "templateId": event.template_id,
        "status": event.status,
        # Without includedData an event carries only metadata: keep the fields the state already has.
        "fields": event.fields or None,
    }
    sets = {k: v for k, v in sets.items() if v is not None}
    names = {f"#{k}": k for k in sets}
    values = {f":{k}": serialize(v) for k, v in sets.items()}
    try:
        dynamodb.update_item(
            TableName=settings.table_name,
            Key={"caseId": {"S": event.case_id}, "sk": {"S": STATE_SK}},
            UpdateExpression="SET " + ", ".join(f"#{k} = :{k}" for k in sets),
            ConditionExpression="attribute_not_exists(#lastChangeTime) OR #lastChangeTime < :lastChangeTime",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True

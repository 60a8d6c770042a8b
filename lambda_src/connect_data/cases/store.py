"""Case events, the current case state and notification claims in one DynamoDB table.

Item layout (partition key ``caseId``, sort key ``sk``):

* ``EVENT#<approximateChangeTime>#<eventId>`` - every event; the key holds the event ID, so a redelivered
  event overwrites itself with the same content (idempotent) and a case's events read back in order.
* ``STATE`` - the case as of its CASE.* changes: status, template, fields, last change. It is merged field by
  field (each keeps the value of the newest event that carried it, by parsed change instant and then event
  ID; ``versions`` holds the winning version per field) and written conditionally on the revision it was
  read at, so any order, repetition or batch split of the same events ends in the same state.
  RELATED_ITEM.* events are stored and notified but do not touch the state: they carry no case fields.
* ``NOTIFIED#<eventId>`` - the claim that an event's notification was sent (see ``notify_once``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from connect_data.cases.events import CaseEvent
from connect_data.common.aws import error_code
from connect_data.common.dynamo import from_item, to_item
from connect_data.common.log import logger
from connect_data.common.timeutil import iso_utc, ttl_after

STATE_SK = "STATE"
BATCH_WRITE_LIMIT = 25
# UnprocessedItems come back under throttling; a few short retries before the messages are reported failed.
UNPROCESSED_RETRIES = 3
BATCH_GET_LIMIT = 100
STATE_WRITE_ATTEMPTS = 4


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
    """Put every event with ``BatchWriteItem`` (one call per 25); the IDs of events not written.

    DynamoDB refuses a whole batch for one bad item (too large, a key it cannot hold): that batch is then
    written item by item, so only the bad event fails and its neighbours are stored.
    """
    unique = {(e.case_id, event_sort_key(e)): e for e in events}  # one batch may not hold a key twice
    failed: set[str] = set()
    items: list[tuple[CaseEvent, dict[str, Any]]] = []
    for event in unique.values():
        try:
            items.append((event, event_item(event, settings)))
        except Exception:  # one unstorable event must not fail the batch
            logger.exception("event cannot be stored", extra={"event_id": event.event_id})
            failed.add(event.event_id)
    for start in range(0, len(items), BATCH_WRITE_LIMIT):
        chunk = items[start : start + BATCH_WRITE_LIMIT]
        try:
            failed |= _batch_write(dynamodb, settings, chunk)
        except ClientError as err:
            if error_code(err) != "ValidationException":
                raise
            failed |= _put_one_by_one(dynamodb, settings, chunk)
    return failed


def _batch_write(dynamodb: Any, settings: StoreSettings, chunk: list[tuple[CaseEvent, dict[str, Any]]]) -> set[str]:
    requests = [{"PutRequest": {"Item": item}} for _, item in chunk]
    for attempt in range(UNPROCESSED_RETRIES + 1):
        response = dynamodb.batch_write_item(RequestItems={settings.table_name: requests})
        requests = response.get("UnprocessedItems", {}).get(settings.table_name, [])
        if not requests:
            break
        if attempt < UNPROCESSED_RETRIES:
            time.sleep(0.05 * 2**attempt)
    left = {(r["PutRequest"]["Item"]["caseId"]["S"], r["PutRequest"]["Item"]["sk"]["S"]) for r in requests}
    return {e.event_id for e, _ in chunk if (e.case_id, event_sort_key(e)) in left}


def _put_one_by_one(dynamodb: Any, settings: StoreSettings, chunk: list[tuple[CaseEvent, dict[str, Any]]]) -> set[str]:
    failed: set[str] = set()
    for event, item in chunk:
        try:
            dynamodb.put_item(TableName=settings.table_name, Item=item)
        except ClientError:
            logger.exception("event refused by DynamoDB", extra={"event_id": event.event_id})
            failed.add(event.event_id)
    return failed


def change_version(event: CaseEvent) -> str:
    """The order of changes: the parsed change instant (ms), ties broken on the event ID - never arrival.
    Zero-padded, so versions compare as strings in Python and in a DynamoDB condition alike."""
    return f"{event.change_ms:015d}#{event.event_id}"


def merge_case_state(current: Mapping[str, Any] | None, changes: Iterable[CaseEvent]) -> dict[str, Any]:
    """The case state after ``changes`` (CASE.* events), merged field by field into ``current``.

    Each field, the template and the domain keep the value of the newest event that carried them
    (``versions`` holds that event's version per field), so an event without fields - metadata only, or
    older than what is stored - never erases what another brought. ``lastChangeTime``, ``lastEventId``,
    ``lastEventType`` and ``deleted`` follow the newest change overall. The result does not depend on the
    order of ``changes`` or on how they were split over calls.
    """
    state: dict[str, Any] = dict(current or {})
    fields: dict[str, Any] = dict(state.get("fields") or {})
    versions: dict[str, str] = dict(state.get("versions") or {})
    for event in changes:
        version = change_version(event)
        carried: dict[str, Any] = {f"field:{k}": v for k, v in event.fields.items()}
        if event.template_id:
            carried["templateId"] = event.template_id
        if event.domain_id:
            carried["domainId"] = event.domain_id
        carried["change"] = None
        for name, value in carried.items():
            if versions.get(name, "") >= version:
                continue
            versions[name] = version
            if name == "change":
                state.update(
                    lastChangeTime=event.change_time,
                    lastEventId=event.event_id,
                    lastEventType=event.event_type,
                    deleted=event.event_type == "CASE.DELETED",
                )
            elif name.startswith("field:"):
                fields[name[6:]] = value  # None (emptyValue) is a newer "no value": kept as absent
            else:
                state[name] = value
    state["fields"] = {k: v for k, v in fields.items() if v is not None}
    state["versions"] = versions
    status = state["fields"].get("status")
    state["status"] = str(status) if status is not None else None
    return state


_STATE_ONLY = ("caseId", "sk", "revision", "updatedAt")


def _comparable(state: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (state or {}).items() if k not in _STATE_ONLY and v is not None}


def read_states(dynamodb: Any, settings: StoreSettings, case_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The STATE items of ``case_ids`` (strongly consistent, ``BatchGetItem``: one call per 100 cases)."""
    ids = sorted(set(case_ids))
    states: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), BATCH_GET_LIMIT):
        keys = [{"caseId": {"S": c}, "sk": {"S": STATE_SK}} for c in ids[start : start + BATCH_GET_LIMIT]]
        request: dict[str, Any] = {settings.table_name: {"Keys": keys, "ConsistentRead": True}}
        for attempt in range(UNPROCESSED_RETRIES + 1):
            response = dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(settings.table_name, []):
                plain = from_item(item)
                states[plain["caseId"]] = plain
            request = response.get("UnprocessedKeys") or {}
            if not request:
                break
            if attempt < UNPROCESSED_RETRIES:
                time.sleep(0.05 * 2**attempt)
        if request:
            raise StateReadIncomplete(f"{len(request[settings.table_name]['Keys'])} state items were not read")
    return states


class StateReadIncomplete(RuntimeError):
    """BatchGetItem left keys unread after its retries: those cases' messages come back."""


def save_case_state(
    dynamodb: Any,
    settings: StoreSettings,
    case_id: str,
    changes: Sequence[CaseEvent],
    current: Mapping[str, Any] | None,
) -> bool:
    """Merge ``changes`` into the case's state and write it when it changed; ``False`` when nothing changed.

    The write is conditional on the revision it was merged from (optimistic locking): a concurrent
    consumer's write makes it re-read and merge again, so neither loses the other's fields.
    """
    for _ in range(STATE_WRITE_ATTEMPTS):
        merged = merge_case_state(current, changes)
        if current is not None and _comparable(merged) == _comparable(current):
            return False
        revision = int((current or {}).get("revision") or 0)
        item = to_item({**merged, "caseId": case_id, "sk": STATE_SK, "revision": revision + 1, "updatedAt": iso_utc()})
        condition: dict[str, Any] = (
            {"ConditionExpression": "attribute_not_exists(sk)"}
            if current is None
            else {
                "ConditionExpression": "revision = :revision",
                "ExpressionAttributeValues": {":revision": {"N": str(revision)}},
            }
        )
        try:
            dynamodb.put_item(TableName=settings.table_name, Item=item, **condition)
            return True
        except dynamodb.exceptions.ConditionalCheckFailedException:
            found = dynamodb.get_item(
                TableName=settings.table_name,
                Key={"caseId": {"S": case_id}, "sk": {"S": STATE_SK}},
                ConsistentRead=True,
            ).get("Item")
            current = from_item(found) if found else None
    raise StateWriteContended(f"the state of case {case_id} changed under us {STATE_WRITE_ATTEMPTS} times")


class StateWriteContended(RuntimeError):
    """Other consumers kept writing the same case's state: its messages come back and are merged again."""


def claim_key(event: CaseEvent) -> dict[str, Any]:
    return {"caseId": {"S": event.case_id}, "sk": {"S": f"NOTIFIED#{event.event_id}"}}


def claim_notification(dynamodb: Any, settings: StoreSettings, event: CaseEvent) -> bool:
    """Record that ``event`` is being notified, once: ``False`` when an earlier delivery already claimed it.

    The claim is written before publishing (one conditional ``PutItem``), so a redelivery or a duplicate
    inside the batch never publishes twice; if publishing then fails, :func:`release_claim` removes it.
    """
    values: dict[str, Any] = {"eventId": event.event_id, "eventType": event.event_type}
    if settings.event_ttl_days > 0:
        values["expiresAt"] = ttl_after(settings.event_ttl_days * 86400)
    try:
        dynamodb.put_item(
            TableName=settings.table_name,
            Item={**claim_key(event), **to_item(values)},
            ConditionExpression="attribute_not_exists(sk)",
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True


def release_claim(dynamodb: Any, settings: StoreSettings, event: CaseEvent) -> None:
    """Undo a claim whose notification SNS did not accept, so the redelivered message notifies again."""
    dynamodb.delete_item(TableName=settings.table_name, Key=claim_key(event))

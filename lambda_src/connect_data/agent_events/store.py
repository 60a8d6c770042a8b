"""The agents table: one ``CURRENT`` item per agent and its state changes as small items with a TTL.

Item layout (partition key ``AgentArn``, sort key ``sk``):

* ``CURRENT`` - the agent as of its newest event: status and since when, routing profile, the contacts it
  holds with their state, names, ``LastEventAt`` and ``Version`` (event time in ms, then event ID).
* ``H#<event time ISO>#<event id>`` - one per state change, login and logout, with ``ExpiresAt``: the
  key holds the event ID, so a redelivery overwrites itself, and the TTL bounds the history without a
  read or a delete (a history inside the current item would make every write pay for all of it).

Heartbeats repeat the snapshot every two minutes while nothing happens, so they must not cost writes.
The rule that decides whether an event replaces the stored item (:func:`replaces`) is order-free:

* a state change, login or logout replaces an older item - or a newer item a heartbeat wrote with the
  same snapshot (the heartbeat only confirmed what this event says, so the event's time is the true one);
* a heartbeat replaces nothing unless its snapshot differs and it is newer (a change it saw but whose event
  is missing), or the stored item came from a later heartbeat with the same snapshot (the earliest
  confirmation wins, whatever order they arrive in).

A heartbeat is decided against an eventually consistent read (0.5 read units, batched 100 to a call)
instead of a conditional write that fails: on-demand, a read request unit costs a fifth of a write request
unit, so the read costs a tenth of the cheapest write, and a failed condition still bills the write.
Every write carries the same rule as its condition.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from connect_data.agent_events.events import AgentEvent
from connect_data.common.dynamo import serialize, to_item
from connect_data.common.timeutil import iso_utc

CURRENT_SK = "CURRENT"
BATCH_WRITE_LIMIT = 25
BATCH_GET_LIMIT = 100
UNPROCESSED_RETRIES = 3

REPLACE_CONDITION_CHANGE = (
    "attribute_not_exists(#Version) OR #Version < :Version OR (#FromHeartBeat = :true AND #Digest = :Digest)"
)
REPLACE_CONDITION_HEART_BEAT = (
    "attribute_not_exists(#Version) OR (#Version < :Version AND #Digest <> :Digest)"
    " OR (#FromHeartBeat = :true AND #Digest = :Digest AND #Version > :Version)"
)


@dataclass(frozen=True)
class StoreSettings:
    table_name: str
    history_ttl_seconds: int = 86400


@dataclass(frozen=True)
class Stamp:
    """What the rule needs of a stored current item."""

    version: str
    digest: str
    from_heart_beat: bool

    @classmethod
    def of(cls, event: AgentEvent) -> Stamp:
        return cls(event.version, event.digest, event.is_heart_beat)


def replaces(event: AgentEvent, stored: Stamp | None) -> bool:
    """Whether ``event`` replaces the stored current item (the conditions below, in Python)."""
    if stored is None:
        return True
    if not event.is_heart_beat:
        return stored.version < event.version or (stored.from_heart_beat and stored.digest == event.digest)
    if stored.version < event.version:
        return stored.digest != event.digest
    return stored.from_heart_beat and stored.digest == event.digest and stored.version > event.version


def winner(events: Iterable[AgentEvent], stored: Stamp | None = None) -> AgentEvent | None:
    """The one event of an agent's batch that the current item ends at, or ``None`` if none replaces it."""
    best: AgentEvent | None = None
    for event in sorted(events, key=lambda e: e.version):
        if replaces(event, stored):
            best, stored = event, Stamp.of(event)
    return best


def agent_key(agent_arn: str, sk: str) -> dict[str, Any]:
    return {"AgentArn": {"S": agent_arn}, "sk": {"S": sk}}


def read_stamps(dynamodb: Any, settings: StoreSettings, agent_arns: Sequence[str]) -> dict[str, Stamp]:
    """The stored stamps of these agents' current items (eventually consistent, projected)."""
    stamps: dict[str, Stamp] = {}
    for start in range(0, len(agent_arns), BATCH_GET_LIMIT):
        keys = [agent_key(a, CURRENT_SK) for a in agent_arns[start : start + BATCH_GET_LIMIT]]
        request: dict[str, Any] = {
            settings.table_name: {
                "Keys": keys,
                "ProjectionExpression": "#A, #V, #D, #H",
                "ExpressionAttributeNames": {"#A": "AgentArn", "#V": "Version", "#D": "Digest", "#H": "FromHeartBeat"},
            }
        }
        for attempt in range(UNPROCESSED_RETRIES + 1):
            response = dynamodb.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(settings.table_name, []):
                stamps[item["AgentArn"]["S"]] = Stamp(
                    item["Version"]["S"], item["Digest"]["S"], item.get("FromHeartBeat", {}).get("BOOL", False)
                )
            request = response.get("UnprocessedKeys") or {}
            if not request:
                break
            if attempt == UNPROCESSED_RETRIES:
                raise RuntimeError(f"{len(request[settings.table_name]['Keys'])} agent reads left unprocessed")
            time.sleep(0.05 * 2**attempt)
    return stamps


def write_current(dynamodb: Any, settings: StoreSettings, event: AgentEvent) -> bool:
    """Replace the agent's current item with ``event`` under the rule; ``False`` when the rule refused it."""
    sets: dict[str, Any] = {
        **event.snapshot_values(),
        "AgentId": event.agent_id,
        "LastEventAt": event.at_ms,
        "LastEventTime": iso_utc(event.at_ms),
        "LastEventId": event.event_id,
        "LastEventType": event.event_type,
        "Version": event.version,
        "Digest": event.digest,
        "FromHeartBeat": event.is_heart_beat,
    }
    present = {k: v for k, v in sets.items() if v is not None}
    absent = [k for k, v in sets.items() if v is None]
    names = {f"#{k}": k for k in sets}
    values = {f":{k}": serialize(v) for k, v in present.items()}
    values[":true"] = {"BOOL": True}
    expression = "SET " + ", ".join(f"#{k} = :{k}" for k in present)
    if absent:
        expression += " REMOVE " + ", ".join(f"#{k}" for k in absent)
    condition = REPLACE_CONDITION_HEART_BEAT if event.is_heart_beat else REPLACE_CONDITION_CHANGE
    names.setdefault("#FromHeartBeat", "FromHeartBeat")
    try:
        dynamodb.update_item(
            TableName=settings.table_name,
            Key=agent_key(event.agent_arn, CURRENT_SK),
            UpdateExpression=expression,
            ConditionExpression=condition,
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True


def history_sort_key(event: AgentEvent) -> str:
    return f"H#{iso_utc(event.at_ms)}#{event.event_id}"


def history_item(event: AgentEvent, settings: StoreSettings) -> dict[str, Any]:
    return to_item(
        {
            "AgentArn": event.agent_arn,
            "sk": history_sort_key(event),
            "EventId": event.event_id,
            "EventType": event.event_type,
            "At": event.at_ms,
            "StatusName": event.status_name,
            "ContactStates": {c.contact_id: c.state or "" for c in event.contacts},
            "ExpiresAt": event.at_ms // 1000 + settings.history_ttl_seconds,
        }
    )


def write_history(dynamodb: Any, settings: StoreSettings, events: Sequence[AgentEvent]) -> set[str]:
    """Put a history item per event with ``BatchWriteItem``; the versions of events not written."""
    unique = {(e.agent_arn, history_sort_key(e)): e for e in events if not e.is_heart_beat}
    items = list(unique.values())
    failed: set[str] = set()
    for start in range(0, len(items), BATCH_WRITE_LIMIT):
        chunk = items[start : start + BATCH_WRITE_LIMIT]
        requests = [{"PutRequest": {"Item": history_item(e, settings)}} for e in chunk]
        for attempt in range(UNPROCESSED_RETRIES + 1):
            response = dynamodb.batch_write_item(RequestItems={settings.table_name: requests})
            requests = response.get("UnprocessedItems", {}).get(settings.table_name, [])
            if not requests:
                break
            if attempt < UNPROCESSED_RETRIES:
                time.sleep(0.05 * 2**attempt)
        left = {(r["PutRequest"]["Item"]["AgentArn"]["S"], r["PutRequest"]["Item"]["sk"]["S"]) for r in requests}
        failed.update(e.version for e in chunk if (e.agent_arn, history_sort_key(e)) in left)
    return failed


def stored_agents(
    dynamodb: Any, table_name: str, scanned: Callable[[int], None] = lambda n: None
) -> list[dict[str, Any]]:
    """Every agent's current item (a scan filtered on the sort key: the board's one read); ``scanned`` is told
    how many items each page read (history entries included), for a progress bar."""
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": table_name,
        "FilterExpression": "sk = :current",
        "ExpressionAttributeValues": {":current": {"S": CURRENT_SK}},
    }
    while True:
        page = dynamodb.scan(**kwargs)
        items.extend(page.get("Items", []))
        scanned(int(page.get("ScannedCount", len(page.get("Items", [])))))
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

"""The agent who connected to a contact, written onto that contact's status item (the contact-status table).

View data and the timeline then name the agent without a DescribeUser call per contact. One UpdateItem per
newly connected contact, only on the transition into CONNECTED (a hold or a heartbeat writes nothing), and
guarded two ways:

* ``attribute_exists(ContactId)``: the contact-status store owns its items - their TTL, history and index
  keys - so this function never creates one. A contact whose item does not exist (yet) is counted, not
  retried: contact events reach the status table well before an agent answers, and a contact the status
  capability never sees would otherwise be retried forever.
* ``AgentJoinVersion < :v``: a transferred contact's later agent wins whatever order the events come in.

Holds come from the same events (Connect's contact events say nothing of a voice hold; the agent event
stream's contact state ``CONNECTED_ONHOLD`` does): on a transition into the hold its start, on a transition
out of it its end (the contact's ``StateStartTimestamp`` both times), added to the number sets
``HoldStartedAt`` and ``HoldEndedAt`` of the contact's item. A set ADD is idempotent and commutative, so
duplicated, redelivered and reordered events leave the same item; heartbeats (no transition) add nothing.
The timeline pairs each start with the first end after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from connect_data.agent_events.events import ON_HOLD, AgentEvent
from connect_data.common.dynamo import serialize

JOIN_CONDITION = "attribute_exists(#ContactId) AND (attribute_not_exists(#AgentJoinVersion) OR #AgentJoinVersion < :v)"


@dataclass
class JoinOutcome:
    written: int = 0
    no_status_item: int = 0
    stale: int = 0
    holds_written: int = 0


def contact_joins(events: Iterable[AgentEvent]) -> dict[str, AgentEvent]:
    """Per contact, the newest event in which an agent connected to it."""
    joins: dict[str, AgentEvent] = {}
    for event in events:
        for contact in event.newly_connected():
            known = joins.get(contact.contact_id)
            if known is None or known.version < event.version:
                joins[contact.contact_id] = event
    return joins


def join_agent_to_contact(dynamodb: Any, status_table: str, contact_id: str, event: AgentEvent) -> str:
    """Write the agent onto the contact's status item: ``written``, ``no_status_item`` or ``stale``."""
    values = {
        "AgentArn": event.agent_arn,
        "AgentUsername": event.username,
        "AgentFirstName": event.first_name,
        "AgentLastName": event.last_name,
        "AgentName": event.agent_name,
        "AgentJoinVersion": event.version,
    }
    present = {k: v for k, v in values.items() if v is not None}
    try:
        dynamodb.update_item(
            TableName=status_table,
            Key={"ContactId": {"S": contact_id}},
            UpdateExpression="SET " + ", ".join(f"#{k} = :{k}" for k in present),
            ConditionExpression=JOIN_CONDITION,
            ExpressionAttributeNames={"#ContactId": "ContactId", **{f"#{k}": k for k in present}},
            ExpressionAttributeValues={
                ":v": serialize(event.version),
                **{f":{k}": serialize(v) for k, v in present.items()},
            },
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except dynamodb.exceptions.ConditionalCheckFailedException as err:
        return "stale" if err.response.get("Item") else "no_status_item"
    return "written"


def hold_marks(events: Iterable[AgentEvent]) -> dict[str, tuple[set[int], set[int]]]:
    """Per contact, the times it went on hold and came off hold in these events (transitions only)."""
    marks: dict[str, tuple[set[int], set[int]]] = {}
    for event in events:
        for contact in event.contacts:
            before = event.previous_contact_states.get(contact.contact_id)
            if contact.state_start_ms is None or (contact.state == ON_HOLD) == (before == ON_HOLD):
                continue
            starts, ends = marks.setdefault(contact.contact_id, (set(), set()))
            (starts if contact.state == ON_HOLD else ends).add(contact.state_start_ms)
    return marks


def add_holds(dynamodb: Any, status_table: str, contact_id: str, starts: set[int], ends: set[int]) -> str:
    """Add the hold marks to the contact's status item: ``written`` or ``no_status_item``."""
    adds = {name: marks for name, marks in (("HoldStartedAt", starts), ("HoldEndedAt", ends)) if marks}
    try:
        dynamodb.update_item(
            TableName=status_table,
            Key={"ContactId": {"S": contact_id}},
            UpdateExpression="ADD " + ", ".join(f"#{name} :{name}" for name in adds),
            ConditionExpression="attribute_exists(#ContactId)",
            ExpressionAttributeNames={"#ContactId": "ContactId", **{f"#{name}": name for name in adds}},
            ExpressionAttributeValues={
                f":{name}": {"NS": [str(m) for m in sorted(marks)]} for name, marks in adds.items()
            },
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return "no_status_item"
    return "written"

"""An agent event from a Kinesis record, parsed into what the agents table keeps, or a clear reason not to.

Connect writes one JSON ``AgentEvent`` per record (partition key: the agent ARN), documented in the
Administrator Guide's "Agent event streams data model". Only the current snapshot matters for the table:
the previous one tells the join which contacts have just connected.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

EVENT_TYPES = frozenset({"STATE_CHANGE", "HEART_BEAT", "LOGIN", "LOGOUT"})
HEART_BEAT = "HEART_BEAT"
ON_HOLD = "CONNECTED_ONHOLD"
CONNECTED_STATES = frozenset({"CONNECTED", ON_HOLD})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class InvalidAgentEvent(ValueError):
    """A record that is not an agent event; ``str(err)`` is the reason kept with the quarantined record."""


@dataclass(frozen=True)
class ContactSnapshot:
    contact_id: str
    state: str | None
    channel: str | None
    initiation_method: str | None
    state_start_ms: int | None
    connected_to_agent_ms: int | None
    queue_name: str | None
    queue_arn: str | None

    def as_values(self) -> dict[str, Any]:
        return {
            "State": self.state,
            "Channel": self.channel,
            "InitiationMethod": self.initiation_method,
            "StateStartAt": self.state_start_ms,
            "ConnectedToAgentAt": self.connected_to_agent_ms,
            "QueueName": self.queue_name,
            "QueueArn": self.queue_arn,
        }


@dataclass(frozen=True)
class AgentEvent:
    agent_arn: str
    event_id: str
    event_type: str
    at_ms: int
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    status_name: str | None = None
    status_arn: str | None = None
    status_start_ms: int | None = None
    next_status_name: str | None = None
    routing_profile_name: str | None = None
    routing_profile_arn: str | None = None
    contacts: tuple[ContactSnapshot, ...] = ()
    previous_contact_states: Mapping[str, str | None] = field(default_factory=dict)

    @property
    def agent_id(self) -> str:
        return self.agent_arn.rsplit("/", 1)[-1]

    @property
    def version(self) -> str:
        """Orders events: the timestamp in fixed-width milliseconds, then the event ID for ties."""
        return f"{self.at_ms:015d}#{self.event_id}"

    @property
    def is_heart_beat(self) -> bool:
        return self.event_type == HEART_BEAT

    @property
    def agent_name(self) -> str | None:
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        return name or None

    def snapshot_values(self) -> dict[str, Any]:
        """What the agent's current item holds of this event's snapshot (the digest covers exactly this)."""
        return {
            "Username": self.username,
            "FirstName": self.first_name,
            "LastName": self.last_name,
            "StatusName": self.status_name,
            "StatusArn": self.status_arn,
            "StatusStartAt": self.status_start_ms,
            "NextStatusName": self.next_status_name,
            "RoutingProfileName": self.routing_profile_name,
            "RoutingProfileArn": self.routing_profile_arn,
            "Contacts": {
                c.contact_id: {k: v for k, v in c.as_values().items() if v is not None} for c in self.contacts
            },
        }

    @property
    def digest(self) -> str:
        text = json.dumps(self.snapshot_values(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def newly_connected(self) -> list[ContactSnapshot]:
        """Contacts connected in this snapshot that were not connected in the previous one."""
        return [
            c
            for c in self.contacts
            if c.state in CONNECTED_STATES and self.previous_contact_states.get(c.contact_id) not in CONNECTED_STATES
        ]


def parse_timestamp_ms(value: Any, what: str) -> int:
    """Epoch milliseconds of an ISO 8601 timestamp such as ``2019-05-25T18:55:27.017Z``."""
    if not isinstance(value, str) or not value:
        raise InvalidAgentEvent(f"{what} is missing or not a string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as err:
        raise InvalidAgentEvent(f"{what} is not an ISO 8601 timestamp: {value!r}") from err
    if parsed.tzinfo is None:
        raise InvalidAgentEvent(f"{what} has no time zone: {value!r}")
    # Integer arithmetic: a float of epoch seconds loses the last millisecond on some values.
    return (parsed - _EPOCH) // timedelta(milliseconds=1)


def _optional_ms(value: Any, what: str) -> int | None:
    return None if value in (None, "") else parse_timestamp_ms(value, what)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _contacts(snapshot: Mapping[str, Any]) -> tuple[ContactSnapshot, ...]:
    raw = snapshot.get("Contacts")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InvalidAgentEvent("CurrentAgentSnapshot.Contacts is not a list")
    contacts = []
    for entry in raw:
        entry = _mapping(entry)
        contact_id = _text(entry.get("ContactId"))
        if contact_id is None:
            raise InvalidAgentEvent("a contact of the snapshot has no ContactId")
        queue = _mapping(entry.get("Queue"))
        contacts.append(
            ContactSnapshot(
                contact_id=contact_id,
                state=_text(entry.get("State")),
                channel=_text(entry.get("Channel")),
                initiation_method=_text(entry.get("InitiationMethod")),
                state_start_ms=_optional_ms(entry.get("StateStartTimestamp"), "Contact.StateStartTimestamp"),
                connected_to_agent_ms=_optional_ms(
                    entry.get("ConnectedToAgentTimestamp"), "Contact.ConnectedToAgentTimestamp"
                ),
                queue_name=_text(queue.get("Name")),
                queue_arn=_text(queue.get("ARN")),
            )
        )
    return tuple(sorted(contacts, key=lambda c: c.contact_id))


def parse_agent_event(document: Any) -> AgentEvent:
    """An :class:`AgentEvent` from the decoded JSON document; :class:`InvalidAgentEvent` says what is wrong."""
    if not isinstance(document, Mapping):
        raise InvalidAgentEvent("the record is not a JSON object")
    agent_arn = _text(document.get("AgentARN"))
    if agent_arn is None or "/agent/" not in agent_arn:
        raise InvalidAgentEvent("AgentARN is missing or not an agent ARN")
    event_id = _text(document.get("EventId"))
    if event_id is None:
        raise InvalidAgentEvent("EventId is missing")
    event_type = document.get("EventType")
    if event_type not in EVENT_TYPES:
        raise InvalidAgentEvent(f"EventType {event_type!r} is not one of {sorted(EVENT_TYPES)}")
    at_ms = parse_timestamp_ms(document.get("EventTimestamp"), "EventTimestamp")
    current = _mapping(document.get("CurrentAgentSnapshot"))
    if not current and event_type != "LOGOUT":
        raise InvalidAgentEvent("CurrentAgentSnapshot is missing")
    config = _mapping(current.get("Configuration"))
    status = _mapping(current.get("AgentStatus"))
    next_status = _mapping(current.get("NextAgentStatus"))
    profile = _mapping(config.get("RoutingProfile"))
    previous = _mapping(document.get("PreviousAgentSnapshot"))
    return AgentEvent(
        agent_arn=agent_arn,
        event_id=event_id,
        event_type=str(event_type),
        at_ms=at_ms,
        username=_text(config.get("Username")),
        first_name=_text(config.get("FirstName")),
        last_name=_text(config.get("LastName")),
        status_name=_text(status.get("Name")),
        status_arn=_text(status.get("ARN")),
        status_start_ms=_optional_ms(status.get("StartTimestamp"), "AgentStatus.StartTimestamp"),
        next_status_name=_text(next_status.get("Name")),
        routing_profile_name=_text(profile.get("Name")),
        routing_profile_arn=_text(profile.get("ARN")),
        contacts=_contacts(current),
        previous_contact_states={c.contact_id: c.state for c in _contacts(previous)},
    )


def decode_kinesis_record(record: Mapping[str, Any]) -> AgentEvent:
    """The agent event a Lambda Kinesis record carries (``kinesis.data`` is base64 of the JSON)."""
    data = _mapping(record.get("kinesis")).get("data")
    if not isinstance(data, str):
        raise InvalidAgentEvent("kinesis.data is missing")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as err:
        raise InvalidAgentEvent("kinesis.data is not base64") from err
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InvalidAgentEvent(f"kinesis.data is not JSON: {err}") from err
    return parse_agent_event(document)

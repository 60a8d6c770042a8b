"""Contact events and flow-log records as :class:`Observation` s: what one record says about one contact.

Both sources are read tolerantly: a field of the wrong type is ignored, not fatal, and any event type -
including ones Connect adds later - becomes a history entry. A record that cannot be tied to a contact
or placed in time is refused (:class:`BadRecord`, with one of the reason codes below) and quarantined by
the processor: no contact ID, or one longer than :data:`MAX_ID_CHARS`; no timestamp; a timestamp that is
not finite or outside the sane window (before 2017, more than a day after receipt) - such a time would
order the item's state wrongly or pin its TTL forever, so it is never stored. Free-form values DynamoDB
cannot hold as numbers (NaN, Infinity, more than 38 digits) are kept in history as strings instead.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from connect_data.common.dynamo import loads_noting_unstorable, storable
from connect_data.contact_status.customer import customer_key
from connect_data.contact_status.history import bounded_entry

# Ties on the same millisecond are broken by where an event sits in a contact's life, so the newest
# state is the same whichever of two same-millisecond events arrives last.
LIFECYCLE_RANK = {
    "INITIATED": 10,
    "CONNECTED_TO_SYSTEM": 20,
    "CONTACT_DATA_UPDATED": 25,
    "QUEUED": 30,
    "CONNECTED_TO_AGENT": 40,
    "PAUSED": 50,
    "RESUMED": 55,
    "DISCONNECTED": 80,
    "COMPLETED": 90,
}
# Event types that are a state of the contact; others (CONTACT_DATA_UPDATED, new types) go to history only.
STATUS_TYPES = frozenset(LIFECYCLE_RANK) - {"CONTACT_DATA_UPDATED"}
FLAG_BY_TYPE = {
    "QUEUED": "Queued",
    "CONNECTED_TO_SYSTEM": "ConnectedToSystem",
    "CONNECTED_TO_AGENT": "ConnectedToAgent",
    "DISCONNECTED": "Disconnected",
    "COMPLETED": "Completed",
}
# Doc samples and some CONTACT_DATA_UPDATED events carry 1970-01-01T00:00:00.001Z for "not yet".
_PLACEHOLDER_BEFORE_MS = 946_684_800_000  # 2000-01-01
# The sane window of a stored time: Amazon Connect's contact events and flow logs postdate 2017, and a
# time more than a day after receipt is a clock or a producer gone wrong (1e20 would pin the TTL forever).
EARLIEST_MS = 1_483_228_800_000  # 2017-01-01T00:00:00Z
MAX_AHEAD_MS = 86_400_000
# Connect schedules tasks up to 6 days ahead: a scheduled time may lie that far in the future.
MAX_SCHEDULED_AHEAD_MS = 7 * 86_400_000
# Contact IDs are UUIDs (36 characters); a key of thousands is not from Connect and would fail the
# table's and its indexes' key limits (2,048 bytes).
MAX_ID_CHARS = 256
# Reason codes of refused records (the quarantine message's ``reason`` and the processor's counts).
NO_CONTACT_ID = "NO_CONTACT_ID"
CONTACT_ID_TOO_LONG = "CONTACT_ID_TOO_LONG"
NO_TIMESTAMP = "NO_TIMESTAMP"
TIMESTAMP_NOT_FINITE = "TIMESTAMP_NOT_FINITE"
TIMESTAMP_OUT_OF_WINDOW = "TIMESTAMP_OUT_OF_WINDOW"
NO_MESSAGE = "NO_MESSAGE"
MESSAGE_NOT_JSON = "MESSAGE_NOT_JSON"
MESSAGE_NOT_OBJECT = "MESSAGE_NOT_OBJECT"
# Top-level timestamps copied to the item as facts (they never change once set).
FACT_TIMESTAMPS = {
    "initiationTimestamp": "InitiatedAt",
    "connectedToSystemTimestamp": "ConnectedToSystemAt",
    "disconnectTimestamp": "DisconnectedAt",
    "scheduledTimestamp": "ScheduledAt",
}
SCHEDULED = "scheduledTimestamp"


class BadRecord(ValueError):
    """A record the processor cannot use: quarantined with ``reason`` (a constant), never fatal to the batch."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail or reason


@dataclass(frozen=True)
class Window:
    """The times a record may carry, from the moment the processor received it."""

    received_ms: int

    def check(self, name: str, ms: int, ahead_ms: int = MAX_AHEAD_MS) -> int:
        if not EARLIEST_MS <= ms <= self.received_ms + ahead_ms:
            raise BadRecord(TIMESTAMP_OUT_OF_WINDOW, f"{name} {ms} is outside 2017 .. receipt + {ahead_ms} ms")
        return ms


class BadDelivery(ValueError):
    """A whole delivery that cannot be decoded; the function fails so it goes to the dead-letter queue."""


@dataclass(frozen=True)
class Group:
    """Attributes that change only together and only when ``version`` is newer than the item's."""

    version: str
    values: Mapping[str, Any]


@dataclass
class Observation:
    """What one record says about one contact."""

    contact_id: str
    entry_key: str
    at_ms: int
    entry: dict[str, Any]
    groups: dict[str, Group] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    # Facts set only when the item has none yet (an explicit value from another record wins).
    defaults: dict[str, Any] = field(default_factory=dict)


def parse_ms(value: Any) -> int | None:
    """Epoch milliseconds of an ISO 8601 timestamp (``2023-01-10T16:32:28.682Z``) or a number; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        raise BadRecord(TIMESTAMP_NOT_FINITE, f"timestamp {value!r}")
    if isinstance(value, (int, float)):
        return int(value)
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return int(parsed.timestamp() * 1000 + 0.5)


def _real_ms(
    value: Any, window: Window | None = None, name: str = "timestamp", ahead_ms: int = MAX_AHEAD_MS
) -> int | None:
    """A real time (placeholders such as 1970-01-01T00:00:00.001Z are None), checked against ``window``."""
    ms = parse_ms(value)
    if ms is None or ms < _PLACEHOLDER_BEFORE_MS:
        return None
    return window.check(name, ms, ahead_ms) if window is not None else ms


def _contact_id(value: Any, name: str) -> str | None:
    text = _text(value)
    if text is not None and len(text) > MAX_ID_CHARS:
        raise BadRecord(CONTACT_ID_TOO_LONG, f"{name} of {len(text)} characters")
    return text


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def short_key(prefix: str, raw: str) -> str:
    """A short, stable history key: the full IDs (56-digit log event IDs) would double a small entry."""
    return prefix + hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def version(at_ms: int, rank: int, key: str) -> str:
    """A string that sorts like (time, lifecycle rank, key): DynamoDB compares strings in conditions."""
    return f"{max(at_ms, 0):015d}#{rank:03d}#{key}"


def _event_time_ms(detail: Mapping[str, Any], envelope_time: Any, window: Window) -> int:
    """The event's own time: the newest millisecond timestamp it carries, never before the envelope's second.

    A scheduled time is the future the contact waits for, not when the event happened: it is not a candidate.
    """
    candidates = [_real_ms(v, window, k) for k, v in detail.items() if k.endswith("Timestamp") and k != SCHEDULED]
    candidates.append(_real_ms(_mapping(detail.get("queueInfo")).get("enqueueTimestamp"), window, "enqueueTimestamp"))
    agent = _mapping(detail.get("agentInfo"))
    candidates += [_real_ms(v, window, k) for k, v in agent.items() if k.endswith("Timestamp")]
    candidates.append(_real_ms(envelope_time, window, "time"))
    known = [c for c in candidates if c is not None]
    if not known:
        raise BadRecord(NO_TIMESTAMP, "contact event carries no timestamp")
    return max(known)


def contact_event_observations(event: Any, received_ms: int) -> list[Observation]:
    """The observations of one EventBridge ``Amazon Connect Contact Event`` (one, or two for a transfer)."""
    window = Window(received_ms)
    envelope = _mapping(event)
    detail = _mapping(envelope.get("detail"))
    contact_id = _contact_id(detail.get("contactId"), "detail.contactId")
    if not contact_id:
        raise BadRecord(NO_CONTACT_ID, "contact event without detail.contactId")
    for linked in ("initialContactId", "previousContactId", "relatedContactId"):
        _contact_id(detail.get(linked), f"detail.{linked}")
    event_type = _text(detail.get("eventType")) or "UNKNOWN"
    at_ms = _event_time_ms(detail, envelope.get("time"), window)
    raw_id = _text(envelope.get("id")) or json.dumps(detail, sort_keys=True, default=str)
    key = short_key("e", raw_id)
    rank = LIFECYCLE_RANK.get(event_type, 60)
    this_version = version(at_ms, rank, key)

    entry_detail = {k: v for k, v in detail.items() if k not in ("contactId", "instanceArn", "tags")}
    entry = bounded_entry({"t": at_ms, "src": "event", "type": event_type, "detail": storable(entry_detail)})
    obs = Observation(contact_id=contact_id, entry_key=key, at_ms=at_ms, entry=entry)

    if event_type in STATUS_TYPES:
        obs.groups["status"] = Group(this_version, {"Status": event_type, "StatusAt": at_ms})
    flag = FLAG_BY_TYPE.get(event_type)
    if flag:
        obs.facts[flag] = True

    channel = _text(detail.get("channel"))
    if channel:
        obs.facts["Channel"] = channel.upper()
    for source, target in (
        ("initiationMethod", "InitiationMethod"),
        ("instanceArn", "InstanceArn"),
        ("previousContactId", "PreviousContactId"),
        ("relatedContactId", "RelatedContactId"),
        ("disconnectReason", "DisconnectReason"),
    ):
        value = _text(detail.get(source))
        if value:
            obs.facts[target] = value
    initial = _text(detail.get("initialContactId"))
    if initial:
        obs.facts["InitialContactId"] = initial
    else:
        obs.defaults["InitialContactId"] = contact_id
    for source, target in FACT_TIMESTAMPS.items():
        ahead = MAX_SCHEDULED_AHEAD_MS if source == SCHEDULED else MAX_AHEAD_MS
        ms = _real_ms(detail.get(source), window, source, ahead)
        if ms is not None:
            obs.facts[target] = ms
    # A contact disconnected by a transfer was transferred, whatever the DISCONNECTED event says next.
    reason = _text(detail.get("disconnectReason")) or ""
    if "TRANSFER" in reason.upper():
        obs.facts["Transferred"] = True
    customer = _mapping(detail.get("customerEndpoint"))
    if _text(customer.get("address")):
        obs.facts["CustomerEndpoint"] = customer["address"]
    # The history index key, so callbacks and chats no flow recorded are found too; the record function's
    # key (the same derivation, or a trusted parameter) is never overwritten.
    customer_id = customer_key(customer.get("address"), customer.get("type"))
    if customer_id:
        obs.defaults["CustomerId"] = customer_id

    queue = _mapping(detail.get("queueInfo"))
    if _text(queue.get("queueArn")):
        obs.groups["queue"] = Group(
            this_version,
            {
                "QueueArn": queue["queueArn"],
                "QueueType": _text(queue.get("queueType")),
                "EnqueuedAt": _real_ms(queue.get("enqueueTimestamp"), window),
            },
        )
    agent = _mapping(detail.get("agentInfo"))
    if _text(agent.get("agentArn")):
        obs.groups["agent"] = Group(
            this_version,
            {
                "AgentArn": agent["agentArn"],
                "ConnectedToAgentAt": _real_ms(agent.get("connectedToAgentTimestamp"), window),
            },
        )
    obs.groups["last"] = Group(this_version, {"LastEventAt": at_ms, "LastEventType": event_type})

    observations = [obs]
    previous = _text(detail.get("previousContactId"))
    if previous and (_text(detail.get("initiationMethod")) or "").upper() == "TRANSFER" and previous != contact_id:
        # The seed never marked the contact a transfer came from; its item learns it here.
        observations.append(
            Observation(
                contact_id=previous,
                entry_key="",
                at_ms=at_ms,
                entry={},
                groups={"transfer": Group(this_version, {"TransferredToContactId": contact_id})},
                facts={"Transferred": True},
            )
        )
    return observations


def decode_subscription(event: Any) -> dict[str, Any]:
    """The JSON inside a CloudWatch Logs subscription event (``awslogs.data``: base64 of gzip)."""
    data = _mapping(_mapping(event).get("awslogs")).get("data")
    if not isinstance(data, str):
        raise BadDelivery("not a CloudWatch Logs subscription event (no awslogs.data)")
    try:
        payload = json.loads(gzip.decompress(base64.b64decode(data, validate=True)))
    except (binascii.Error, OSError, EOFError, zlib.error, ValueError) as err:
        raise BadDelivery(f"awslogs.data is not base64 gzip JSON: {err}") from err
    if not isinstance(payload, dict):
        raise BadDelivery("awslogs.data does not hold a JSON object")
    return payload


def encode_subscription(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`decode_subscription` (tests, the demo and the benchmark build deliveries with it)."""
    raw = gzip.compress(json.dumps(payload).encode(), mtime=0)
    return {"awslogs": {"data": base64.b64encode(raw).decode()}}


def _flow_id(arn: Any) -> str | None:
    text = _text(arn)
    return text.rsplit("/", 1)[-1] if text else None


def flow_log_observation(log_event: Any, received_ms: int) -> Observation:
    """The observation of one flow-log record (one ``logEvents[]`` item of a subscription delivery)."""
    log_event = _mapping(log_event)
    message = log_event.get("message")
    if not isinstance(message, str):
        raise BadRecord(NO_MESSAGE, "log event without a message")
    try:
        record, unstorable = loads_noting_unstorable(message)
    except ValueError as err:
        raise BadRecord(MESSAGE_NOT_JSON, "flow-log message is not JSON") from err
    if not isinstance(record, dict):
        raise BadRecord(MESSAGE_NOT_OBJECT, "flow-log message is not a JSON object")
    contact_id = _contact_id(record.get("ContactId"), "ContactId")
    if not contact_id:
        raise BadRecord(NO_CONTACT_ID, "flow-log record without ContactId")
    window = Window(received_ms)
    at_ms = _real_ms(record.get("Timestamp"), window, "Timestamp") or _real_ms(
        log_event.get("timestamp"), window, "timestamp"
    )
    if at_ms is None:
        raise BadRecord(NO_TIMESTAMP, "flow-log record without a timestamp")
    key = short_key("f", _text(log_event.get("id")) or message)
    block = _text(record.get("ContactFlowModuleType")) or "UNKNOWN"
    entry_record = {k: v for k, v in record.items() if k not in ("ContactId", "Timestamp")}
    if "ContactFlowId" in entry_record:
        entry_record["ContactFlowId"] = _flow_id(entry_record["ContactFlowId"])
    if unstorable:  # else every number fits, and storable() would walk the record to change nothing
        entry_record = storable(entry_record)
    entry = bounded_entry({"t": at_ms, "src": "flow", "type": block, "record": entry_record})
    this_version = version(at_ms, 0, key)
    flow = {
        "FlowId": _flow_id(record.get("ContactFlowId")),
        "FlowName": _text(record.get("ContactFlowName")),
        "BlockType": block,
        "BlockIdentifier": _text(record.get("Identifier")),
        "At": at_ms,
    }
    return Observation(
        contact_id=contact_id,
        entry_key=key,
        at_ms=at_ms,
        entry=entry,
        groups={
            "flow": Group(this_version, {"LatestFlow": {k: v for k, v in flow.items() if v is not None}}),
            "last": Group(this_version, {"LastEventAt": at_ms, "LastEventType": f"FLOW:{block}"}),
        },
    )

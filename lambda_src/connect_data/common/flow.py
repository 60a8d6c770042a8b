"""The contact-flow side of a flow-invoked Lambda: a tolerant event accessor and the one reply shape.

Powertools' ``ConnectContactFlowEvent`` raises on TASK contacts and on a missing ``CustomerEndpoint``;
real events carry ``null`` for endpoints, queue and related contact, so every accessor here answers
``None`` (or an empty mapping) instead of raising.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connect_data.common.phone import InvalidNumber, normalize_e164

# Connect rejects a response over 32 KB of UTF-8; keep a margin for its own envelope.
MAX_REPLY_BYTES = 32_000


class FlowError:
    """Error codes a flow can branch on (``$.External.error``); listed in the module READMEs."""

    NOT_A_FLOW_EVENT = "NOT_A_FLOW_EVENT"
    NO_NUMBER = "NO_NUMBER"
    INVALID_NUMBER = "INVALID_NUMBER"
    LOOKUP_FAILED = "LOOKUP_FAILED"
    INTERNAL = "INTERNAL"


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text or None


@dataclass(frozen=True)
class FlowEvent:
    """Typed, null-tolerant view of an ``Invoke AWS Lambda function`` block's event."""

    contact: Mapping[str, Any]
    parameters: Mapping[str, Any]
    raw: Mapping[str, Any] = field(repr=False)

    @classmethod
    def parse(cls, event: Any) -> FlowEvent:
        """Accept any value; ``is_flow_event`` tells whether it looked like Connect's event at all."""
        raw = _mapping(event)
        details = _mapping(raw.get("Details"))
        return cls(
            contact=_mapping(details.get("ContactData")), parameters=_mapping(details.get("Parameters")), raw=raw
        )

    @property
    def is_flow_event(self) -> bool:
        return bool(self.contact.get("ContactId"))

    def _get(self, key: str) -> str | None:
        return _text(self.contact.get(key))

    @property
    def contact_id(self) -> str | None:
        return self._get("ContactId")

    @property
    def initial_contact_id(self) -> str | None:
        return self._get("InitialContactId")

    @property
    def previous_contact_id(self) -> str | None:
        return self._get("PreviousContactId")

    @property
    def related_contact_id(self) -> str | None:
        return self._get("RelatedContactId")

    @property
    def channel(self) -> str | None:
        return self._get("Channel")

    @property
    def initiation_method(self) -> str | None:
        return self._get("InitiationMethod")

    @property
    def instance_arn(self) -> str | None:
        return self._get("InstanceARN")

    @property
    def instance_id(self) -> str | None:
        arn = self.instance_arn
        return arn.rsplit("/", 1)[-1] if arn and "/" in arn else None

    @property
    def customer_number(self) -> str | None:
        return _text(_mapping(self.contact.get("CustomerEndpoint")).get("Address"))

    @property
    def system_number(self) -> str | None:
        return _text(_mapping(self.contact.get("SystemEndpoint")).get("Address"))

    @property
    def queue_name(self) -> str | None:
        return _text(_mapping(self.contact.get("Queue")).get("Name"))

    @property
    def queue_arn(self) -> str | None:
        return _text(_mapping(self.contact.get("Queue")).get("ARN"))

    @property
    def attributes(self) -> Mapping[str, Any]:
        return _mapping(self.contact.get("Attributes"))

    @property
    def references(self) -> Mapping[str, Any]:
        return _mapping(self.contact.get("References"))

    def parameter(self, name: str, default: str | None = None) -> str | None:
        return _text(self.parameters.get(name)) or default


def number_from_flow(
    event: FlowEvent,
    *,
    source: str,
    number_parameter: str,
    default_country_code: str,
    allowed_sources: tuple[str, ...] = ("customer", "dialled", "parameter"),
) -> str:
    """The E.164 number a flow-invoked function works on.

    ``source`` is ``customer`` (the caller), ``dialled`` (the system endpoint) or ``parameter`` (the
    flow parameter ``number_parameter``); a flow block overrides it with the parameter ``numberSource``.
    Raises :class:`InvalidNumber` (codes ``NO_NUMBER``, ``INVALID_NUMBER``, ``INVALID_SOURCE``).
    """
    chosen = (event.parameter("numberSource") or source).lower()
    raw = {
        "customer": lambda: event.customer_number,
        "dialled": lambda: event.system_number,
        "parameter": lambda: event.parameter(number_parameter),
    }
    if chosen not in allowed_sources:
        raise InvalidNumber("INVALID_SOURCE", f"numberSource must be one of {', '.join(allowed_sources)}")
    return normalize_e164(raw[chosen](), default_country_code)


def flat_string(value: Any) -> str:
    """One value as the string a contact attribute can hold (booleans as ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list, tuple, set)):
        return json.dumps(
            sorted(value) if isinstance(value, set) else value, sort_keys=True, default=str, separators=(",", ":")
        )
    return str(value)


def flow_reply(values: Mapping[str, Any] | None = None, /, **control: Any) -> dict[str, str]:
    """The flat string map Connect's STRING_MAP validation accepts; ``None`` values are left out.

    ``values`` are the answers; the keyword arguments are the control keys a flow branches on
    (``status``, ``error``, ``contactKey``, ``found``...). Control keys come first and win over an answer
    of the same name. When the reply would pass Connect's 32 KB limit, answers are dropped from the end
    (never a control key) and ``truncated=true`` says so, so the flow can still branch.
    """
    head = {str(k): flat_string(v) for k, v in control.items() if v is not None}
    tail = {str(k): flat_string(v) for k, v in (values or {}).items() if v is not None and str(k) not in head}
    reply = {**head, **tail}
    if len(json.dumps(reply).encode()) <= MAX_REPLY_BYTES:
        return reply
    kept = {**head, "truncated": "true"}
    budget = MAX_REPLY_BYTES - len(json.dumps(kept).encode())
    for key, value in tail.items():
        cost = len(json.dumps({key: value}).encode())
        if cost > budget:
            break
        kept[key] = value
        budget -= cost
    return kept

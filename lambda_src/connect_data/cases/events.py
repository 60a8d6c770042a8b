"""Cases events (EventBridge source ``aws.cases``) as typed records, whichever detail-type carried them.

Connect has published the same payload as ``Amazon Connect Cases Event`` (2022-2023 documentation) and
``Amazon Connect Cases Change`` (current). Related-item types arrive as ``Comment`` in the documentation
and as ``contact`` in AWS sample code, so they are compared in lower case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connect_data.cases.fields import decode_event_fields
from connect_data.common.timeutil import parse_instant_ms

SOURCE = "aws.cases"
DETAIL_TYPES = ("Amazon Connect Cases Change", "Amazon Connect Cases Event")
EVENT_TYPE = re.compile(r"^(CASE|RELATED_ITEM)\.[A-Z_]+$")
# Keys must fit DynamoDB (partition key 2,048 bytes, sort key 1,024 with the change time in it); Cases IDs
# are far shorter (a case ID is 36 characters, an EventBridge event ID a UUID).
MAX_ID_LENGTH = 500
_CASE_ARN = re.compile(r":domain/(?P<domain>[^/]+)(?:/case/(?P<case>[^/]+))?")


class InvalidCaseEvent(ValueError):
    """A message that is not a Cases event we can store: it goes back to the queue and, after the receive
    limit, to the dead-letter queue."""


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True)
class CaseEvent:
    event_id: str
    event_type: str
    detail_type: str
    change_time: str
    change_ms: int
    case_id: str
    domain_id: str | None
    template_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    changed: tuple[str, ...] = ()
    related_item_type: str | None = None
    related_item_id: str | None = None
    related_item: Mapping[str, Any] = field(default_factory=dict)
    performed_by: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_case_change(self) -> bool:
        return self.event_type.startswith("CASE.")

    @property
    def action(self) -> str:
        """``created`` / ``updated`` / ``deleted``."""
        return self.event_type.split(".", 1)[1].lower()

    @property
    def status(self) -> str | None:
        value = self.fields.get("status")
        return str(value) if value is not None else None

    @property
    def comment(self) -> str | None:
        body = _mapping(self.related_item.get("comment")).get("body")
        return str(body) if body else None


def _resource_ids(resources: Any) -> tuple[str | None, str | None]:
    domain = case = None
    for arn in resources if isinstance(resources, list) else []:
        match = _CASE_ARN.search(str(arn))
        if match:
            domain = domain or match.group("domain")
            case = case or match.group("case")
    return domain, case


def parse_case_event(event: Any) -> CaseEvent:
    """``event`` (the EventBridge event, or its JSON text as an SQS body) as a :class:`CaseEvent`."""
    if isinstance(event, (str, bytes)):
        try:
            event = json.loads(event)
        except ValueError as err:
            raise InvalidCaseEvent(f"not JSON: {err}") from err
    event = _mapping(event)
    if event.get("source") != SOURCE:
        raise InvalidCaseEvent(f"source is {event.get('source')!r}, not {SOURCE}")
    detail = _mapping(event.get("detail"))
    event_type = str(detail.get("eventType") or "")
    if not EVENT_TYPE.match(event_type):
        raise InvalidCaseEvent(f"eventType {event_type!r} is not CASE.* or RELATED_ITEM.*")
    event_id = event.get("id")
    if not event_id:
        raise InvalidCaseEvent("the event has no id")
    change_time = detail.get("approximateChangeTime") or event.get("time")
    if not change_time:
        raise InvalidCaseEvent("the event has neither approximateChangeTime nor time")
    try:
        change_ms = parse_instant_ms(str(change_time))
    except (ValueError, OverflowError) as err:
        raise InvalidCaseEvent(f"change time {str(change_time)[:40]!r} is not an ISO 8601 instant") from err
    if change_ms < 0:
        raise InvalidCaseEvent(f"change time {change_time!r} is before 1970")
    case = _mapping(detail.get("case"))
    item = _mapping(detail.get("relatedItem"))
    domain_id, arn_case_id = _resource_ids(event.get("resources"))
    case_id = case.get("caseId") or item.get("caseId") or arn_case_id
    if not case_id:
        raise InvalidCaseEvent("no case ID in the event")
    changed = detail.get("changedFieldIds") or detail.get("changedAttributes") or []
    user = _mapping(_mapping(detail.get("performedBy")).get("user"))
    performed_by = user.get("userArn") or _mapping(user.get("customEntity")).get("id") or user.get("customEntity")
    item_type = item.get("relatedItemType")
    for name, value in (("event ID", event_id), ("case ID", case_id)):
        if isinstance(value, (Mapping, list)) or len(str(value)) > MAX_ID_LENGTH:
            raise InvalidCaseEvent(f"the {name} is not an ID of at most {MAX_ID_LENGTH} characters")
    return CaseEvent(
        event_id=str(event_id),
        event_type=event_type,
        detail_type=str(event.get("detail-type") or ""),
        change_time=str(change_time),
        change_ms=change_ms,
        case_id=str(case_id),
        domain_id=domain_id,
        template_id=case.get("templateId"),
        fields=decode_event_fields(case.get("fields")),
        changed=tuple(str(c) for c in changed if c) if isinstance(changed, list) else (),
        related_item_type=str(item_type).lower() if item_type else None,
        related_item_id=item.get("relatedItemId"),
        related_item=item,
        performed_by=str(performed_by) if performed_by else None,
        detail=detail,
    )

"""Readable case notifications on SNS, ten per ``PublishBatch`` call, with attributes subscribers filter on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from connect_data.cases.events import CaseEvent
from connect_data.common.flow import flat_string

PUBLISH_BATCH_LIMIT = 10
SUBJECT_LIMIT = 100
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")
_ENTRY_ID = re.compile(r"[^A-Za-z0-9_-]")

_LABELS = {
    "CASE.CREATED": "created",
    "CASE.UPDATED": "updated",
    "CASE.DELETED": "deleted",
    "RELATED_ITEM.CREATED": "{item} added",
    "RELATED_ITEM.UPDATED": "{item} updated",
    "RELATED_ITEM.DELETED": "{item} removed",
}


def _case_label(event: CaseEvent) -> str:
    reference = event.fields.get("reference_number")
    return f"#{reference}" if reference else event.case_id


def subject(event: CaseEvent) -> str:
    """``Case #1234: updated (status open)`` - SNS subjects are printable ASCII of at most 100 characters."""
    label = _LABELS.get(event.event_type, event.event_type.lower()).format(item=event.related_item_type or "item")
    text = f"Case {_case_label(event)}: {label}"
    if event.status:
        text += f" (status {event.status})"
    return _NOT_PRINTABLE_ASCII.sub("?", text)[:SUBJECT_LIMIT]


def body(event: CaseEvent) -> str:
    lines = [
        subject(event),
        "",
        f"Event:        {event.event_type}",
        f"Case ID:      {event.case_id}",
        f"Changed at:   {event.change_time}",
    ]
    if event.domain_id:
        lines.append(f"Domain:       {event.domain_id}")
    if event.template_id:
        lines.append(f"Template:     {event.template_id}")
    if event.status:
        lines.append(f"Status:       {event.status}")
    if event.changed:
        lines.append(f"Changed:      {', '.join(event.changed)}")
    if event.related_item_type:
        lines.append(f"Related item: {event.related_item_type} {event.related_item_id or ''}".rstrip())
    if event.comment:
        lines.append(f"Comment:      {event.comment}")
    contact = event.related_item.get("contact")
    if isinstance(contact, dict) and contact.get("contactArn"):
        lines.append(f"Contact:      {contact['contactArn']} ({contact.get('channel', '')})")
    if event.performed_by:
        lines.append(f"By:           {event.performed_by}")
    if event.fields:
        shown = sorted((k, v) for k, v in event.fields.items() if v is not None)
        lines += ["", "Fields:"] + [f"  {k}: {flat_string(v)}" for k, v in shown]
    return "\n".join(lines)


def attributes(event: CaseEvent) -> dict[str, dict[str, str]]:
    """Message attributes for subscription filter policies (SNS refuses empty values, so absent ones are left out)."""
    values = {
        "eventId": event.event_id,  # what a subscriber de-duplicates on
        "eventType": event.event_type,
        "caseId": event.case_id,
        "status": event.status,
        "relatedItemType": event.related_item_type,
        "domainId": event.domain_id,
    }
    return {k: {"DataType": "String", "StringValue": v} for k, v in values.items() if v}


def entry(event: CaseEvent, index: int) -> dict[str, Any]:
    return {
        "Id": f"{index}-{_ENTRY_ID.sub('_', event.event_id)}"[:80],
        "Subject": subject(event),
        "Message": body(event),
        "MessageAttributes": attributes(event),
    }


def publish_notifications(sns: Any, topic_arn: str, events: Sequence[CaseEvent]) -> set[str]:
    """Publish one notification per event, ten per call; the IDs of events SNS did not accept."""
    failed: set[str] = set()
    for start in range(0, len(events), PUBLISH_BATCH_LIMIT):
        chunk = events[start : start + PUBLISH_BATCH_LIMIT]
        entries = [entry(e, start + i) for i, e in enumerate(chunk)]
        by_id = {en["Id"]: ev for en, ev in zip(entries, chunk, strict=True)}
        response = sns.publish_batch(TopicArn=topic_arn, PublishBatchRequestEntries=entries)
        failed.update(by_id[f["Id"]].event_id for f in response.get("Failed", []) if f.get("Id") in by_id)
    return failed

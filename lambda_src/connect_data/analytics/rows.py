"""Stream records as lake rows: which dataset a record feeds and the flat rows it adds there.

Pure functions (no AWS): a record of the view data table adds one row per changed answer, a contact status
record one ``contacts`` row, a contact history page one ``contact_history`` row per entry the page's write
added (a page rewritten by a redelivery adds none; an entry that a differently split redelivery put in a
second page adds its row again, with the same ``entry_key``: queries keep one row per key), a cases
record a ``case_events`` or ``case_state`` row, a vanity record one ``vanity_results`` row. Every row
carries where it came from (``change_id``, ``change_sequence``, ``changed_at``), so a query can keep the latest version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from connect_data.common.dynamo import from_item
from connect_data.common.flow import flat_string
from connect_data.common.phone import mask_number

# The source kinds a table can be (the DATASETS setting maps table names to them).
SOURCES = ("view_data", "contact_status", "contact_history", "cases", "vanity")
DATASETS = ("view_answers", "contacts", "contact_history", "case_events", "case_state", "vanity_results")
CASE_STATE_SK = "STATE"
# A history page's entries (contact_status/pages.py ENTRIES): spelled here because the writer's zip carries no
# contact_status code; tests/unit/analytics/test_rows.py holds the two together.
ENTRIES = "Entries"
QUESTION_SUFFIX = "_Question"  # the view data table keeps an answer's question text as Questions.<key>_Question
_E164 = re.compile(r"^\+\d{7,15}$")


class BadStreamRecord(ValueError):
    """A record that cannot become a row (no image, unknown table); it is quarantined, never dropped."""


@dataclass(frozen=True)
class Row:
    dataset: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Privacy:
    """How phone numbers reach the lake: ``mask`` (country code and last two digits) or ``keep``."""

    phone_numbers: str = "mask"

    def number(self, value: Any) -> Any:
        if self.phone_numbers == "keep" or not isinstance(value, str) or not _E164.match(value):
            return value
        return mask_number(value)

    def scrub(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: self.number(v) for k, v in values.items()}


def table_name(record: Mapping[str, Any]) -> str:
    """``arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`` -> ``<name>``."""
    arn = str(record.get("eventSourceARN") or "")
    parts = arn.split(":table/", 1)
    if len(parts) != 2 or not parts[1]:
        raise BadStreamRecord(f"stream record without a table ARN: {arn!r}")
    return parts[1].split("/", 1)[0]


def sequence_number(record: Mapping[str, Any]) -> str:
    return str((record.get("dynamodb") or {}).get("SequenceNumber") or "")


def created_at(record: Mapping[str, Any]) -> datetime:
    """When the change happened (the stream's approximate creation time, epoch seconds)."""
    raw: Any = (record.get("dynamodb") or {}).get("ApproximateCreationDateTime")
    try:
        return datetime.fromtimestamp(float(raw), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError) as err:
        raise BadStreamRecord(f"stream record without ApproximateCreationDateTime: {raw!r}") from err


def _images(record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    change = record.get("dynamodb") or {}
    new = change.get("NewImage")
    if not isinstance(new, Mapping) or not new:
        raise BadStreamRecord(f"{record.get('eventName')} record without NewImage (stream view type?)")
    old = change.get("OldImage") if isinstance(change.get("OldImage"), Mapping) else {}
    try:
        return from_item(dict(new)), from_item(dict(old or {}))
    except (TypeError, ValueError, AttributeError) as err:
        raise BadStreamRecord(f"image is not DynamoDB JSON: {err}") from err


def _meta(record: Mapping[str, Any]) -> dict[str, Any]:
    at = created_at(record)
    return {
        "change_id": str(record.get("eventID") or ""),
        "change_type": str(record.get("eventName") or ""),
        "change_sequence": sequence_number(record),
        "changed_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _iso_ms(value: Any) -> str | None:
    """Epoch milliseconds as ISO 8601 in UTC (Athena's from_iso8601_timestamp and DuckDB read it alike)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def view_answer_rows(new: dict[str, Any], old: dict[str, Any], key_attribute: str) -> list[dict[str, Any]]:
    """One row per answer the change added or altered, with the contact's agent, queue and campaign."""
    answers, before, questions = _map(new.get("Answers")), _map(old.get("Answers")), _map(new.get("Questions"))
    context = {
        "contact_id": _text(new.get(key_attribute)),
        "agent_id": _text(new.get("AgentId")),
        "agent_username": _text(new.get("AgentUsername")),
        "agent_name": _text(new.get("AgentName")),
        "campaign_id": _text(new.get("CampaignId")),
        "queue_name": _text(new.get("QueueName")),
        "created_at": _text(new.get("CreatedAt")),
    }
    rows = []
    for question, answer in sorted(answers.items()):
        if question in before and before[question] == answer:
            continue
        label = questions.get(f"{question}{QUESTION_SUFFIX}")
        # The answer as a contact attribute and export-view-data show it (lists and maps as compact JSON).
        rows.append({**context, "question": question, "question_label": _text(label), "answer": flat_string(answer)})
    return rows


CONTACT_COLUMNS = {
    "ContactId": "contact_id",
    "InitialContactId": "initial_contact_id",
    "PreviousContactId": "previous_contact_id",
    "Channel": "channel",
    "InitiationMethod": "initiation_method",
    "Status": "status",
    "QueueArn": "queue_arn",
    "QueueName": "queue_name",
    "AgentArn": "agent_arn",
    "DisconnectReason": "disconnect_reason",
    "CustomerEndpoint": "customer_endpoint",
    "CustomerId": "customer_id",
}
CONTACT_FLAGS = {
    "Queued": "queued",
    "ConnectedToAgent": "connected_to_agent",
    "Disconnected": "disconnected",
    "Transferred": "transferred",
}
CONTACT_TIMES = {
    "InitiatedAt": "initiated_at",
    "EnqueuedAt": "enqueued_at",
    "ConnectedToAgentAt": "connected_to_agent_at",
    "DisconnectedAt": "disconnected_at",
    "LastEventAt": "last_event_at",
}


def contact_row(new: dict[str, Any]) -> Row:
    """The contact's state after the change."""
    state: dict[str, Any] = {column: _text(new.get(name)) for name, column in CONTACT_COLUMNS.items()}
    state |= {column: bool(new.get(name)) for name, column in CONTACT_FLAGS.items()}
    state |= {column: _iso_ms(new.get(name)) for name, column in CONTACT_TIMES.items()}
    return Row("contacts", state)


def history_rows(new: dict[str, Any], old: dict[str, Any]) -> list[Row]:
    """The history entries a page's write added."""
    history, seen = _map(new.get(ENTRIES)), _map(old.get(ENTRIES))
    rows = []
    for key in sorted(set(history) - set(seen)):
        entry = _map(history[key])
        rows.append(
            Row(
                "contact_history",
                {
                    "contact_id": _text(new.get("ContactId")),
                    "entry_key": key,
                    "entry_at": _iso_ms(entry.get("t")),
                    "entry_source": _text(entry.get("src")),
                    "entry_type": _text(entry.get("type") or entry.get("block")),
                },
            )
        )
    return rows


def case_row(new: dict[str, Any]) -> Row:
    if new.get("sk") == CASE_STATE_SK:
        return Row(
            "case_state",
            {
                "case_id": _text(new.get("caseId")),
                "status": _text(new.get("status")),
                "template_id": _text(new.get("templateId")),
                "last_event_type": _text(new.get("lastEventType")),
                "last_change_time": _text(new.get("lastChangeTime")),
                "deleted": bool(new.get("deleted")),
            },
        )
    return Row(
        "case_events",
        {
            "case_id": _text(new.get("caseId")),
            "event_id": _text(new.get("eventId")),
            "event_type": _text(new.get("eventType")),
            "change_time": _text(new.get("changeTime")),
            "status": _text(new.get("status")),
            "template_id": _text(new.get("templateId")),
            "related_item_type": _text(new.get("relatedItemType")),
            "performed_by": _text(new.get("performedBy")),
        },
    )


def area_code(number: Any) -> str | None:
    """The area code of a NANP number ``+1NXXNXXXXXX``; ``None`` for other numbers (no one rule fits them)."""
    if not isinstance(number, str) or not _E164.match(number):
        return None
    digits = number[1:]
    if digits.startswith("1") and len(digits) == 11:
        return digits[1:4]
    return None


def vanity_row(new: dict[str, Any]) -> Row:
    number = new.get("PhoneNumber")
    vanities: list[Any] = new["Vanity"] if isinstance(new.get("Vanity"), list) else []
    return Row(
        "vanity_results",
        {
            "phone_number": _text(number),
            "country_code": "1" if area_code(number) else None,
            "area_code": area_code(number),
            "contact_id": _text(new.get("ContactId")),
            "vanity_count": len(vanities),
            "best_vanity": _text(vanities[0]) if vanities else None,
            "created_at": _text(new.get("CreatedAt")),
        },
    )


def rows_of(record: Mapping[str, Any], source: str, privacy: Privacy, key_attribute: str) -> list[Row]:
    """The lake rows of one stream record from a table of kind ``source``; raises BadStreamRecord."""
    new, old = _images(record)
    if source == "view_data":
        rows = [Row("view_answers", r) for r in view_answer_rows(new, old, key_attribute)]
    elif source == "contact_status":
        rows = [contact_row(new)]
    elif source == "contact_history":
        rows = history_rows(new, old)
    elif source == "cases":
        rows = [case_row(new)]
    elif source == "vanity":
        rows = [vanity_row(new)]
    else:
        raise BadStreamRecord(f"unknown source kind {source!r}")
    meta = _meta(record)
    return [Row(r.dataset, {**privacy.scrub(r.values), **meta}) for r in rows]

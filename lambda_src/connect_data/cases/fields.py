"""Case field values as plain Python values, and the system fields every configuration includes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Cases' system fields (Amazon Connect admin guide, "System case fields"): always useful in an event or a
# flow, present in every domain, so they are the default set; custom fields are added by ID.
SYSTEM_FIELD_IDS: tuple[str, ...] = (
    "title",
    "status",
    "reference_number",
    "customer_id",
    "summary",
    "case_reason",
    "created_datetime",
    "last_updated_datetime",
    "last_closed_datetime",
    "assigned_queue",
    "assigned_user",
)

# GetCase accepts at most 220 field identifiers; PutCaseEventConfiguration at most 400.
GET_CASE_MAX_FIELDS = 220
EVENT_CONFIG_MAX_FIELDS = 400


def decode_field_value(value: Any) -> str | float | bool | None:
    """One ``FieldValueUnion`` (``stringValue``, ``doubleValue``, ``booleanValue``, ``userArnValue``,
    ``emptyValue``) as a plain value; an empty or unknown union is ``None``."""
    if not isinstance(value, Mapping):
        return None
    if "stringValue" in value:
        return str(value["stringValue"])
    if "doubleValue" in value:
        return _number(value["doubleValue"])
    if "booleanValue" in value:
        return bool(value["booleanValue"])
    if "userArnValue" in value:
        return str(value["userArnValue"])
    return None


def _number(value: Any) -> str | float | None:
    """A ``doubleValue`` as a float; one that is not a number (a string, a map) is kept as its text rather
    than failing the event. Numbers DynamoDB cannot hold are turned into text where they are stored."""
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)


def decode_event_fields(fields: Any) -> dict[str, str | float | bool | None]:
    """An event's ``case.fields`` map (``{id: {"value": union}}``) as ``{id: plain value}``."""
    if not isinstance(fields, Mapping):
        return {}
    return {str(k): decode_field_value((v or {}).get("value")) for k, v in fields.items() if isinstance(v, Mapping)}


def decode_case_fields(fields: Iterable[Mapping[str, Any]]) -> dict[str, str | float | bool | None]:
    """GetCase's ``fields`` list (``[{"id":..., "value": union}]``) as ``{id: plain value}``."""
    return {str(f["id"]): decode_field_value(f.get("value")) for f in fields if isinstance(f, Mapping) and "id" in f}


def field_list(custom_field_ids: Iterable[str], *, include_system: bool = True) -> list[str]:
    """The system fields (when asked) followed by the custom ones, each once, in a stable order."""
    ordered: dict[str, None] = {}
    if include_system:
        ordered.update(dict.fromkeys(SYSTEM_FIELD_IDS))
    ordered.update(dict.fromkeys(f.strip() for f in custom_field_ids if f and f.strip()))
    return list(ordered)

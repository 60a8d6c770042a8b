"""Finding (and optionally stamping) a caller's profile: one DynamoDB call either way."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from connect_data.common import timeutil
from connect_data.common.dynamo import from_item, serialize
from connect_data.common.flow import FlowEvent, number_from_flow

NUMBER_SOURCES = ("customer", "dialled", "parameter")


@dataclass(frozen=True)
class LookupSettings:
    table_name: str
    key_attribute: str = "PhoneNumber"
    number_source: str = "customer"
    number_parameter: str = "phoneNumber"
    default_country_code: str = "1"
    allowed_attributes: frozenset[str] = frozenset()  # the only attributes answered besides ``found``
    calls_table_name: str | None = None  # set: found callers' calls are recorded there
    calls_ttl_days: int = 365


def caller_number(event: FlowEvent, settings: LookupSettings) -> str:
    """The E.164 number to look up, from the endpoint or parameter the settings (or the flow) choose."""
    return number_from_flow(
        event,
        source=settings.number_source,
        number_parameter=settings.number_parameter,
        default_country_code=settings.default_country_code,
        allowed_sources=NUMBER_SOURCES,
    )


def _visible(profile: dict[str, Any], allowed: Collection[str]) -> dict[str, Any]:
    """Only the allow-listed attributes: no allow-list, no attributes (a flow gets ``found`` and nothing
    a table column added later could leak)."""
    return {k: v for k, v in profile.items() if k in allowed}


def find_profile(dynamodb: Any, settings: LookupSettings, number: str) -> dict[str, Any] | None:
    """The caller's profile (restricted to the allow-list), or ``None``: one ``GetItem``."""
    response = dynamodb.get_item(TableName=settings.table_name, Key={settings.key_attribute: {"S": number}})
    item = response.get("Item")
    return _visible(from_item(item), settings.allowed_attributes) if item else None


def record_call(dynamodb: Any, settings: LookupSettings, number: str, contact_id: str | None) -> dict[str, Any]:
    """Stamp this call in the calls table and answer the previous stamp (``LastCalledAt``, ``LastContactId``).

    The stamps live beside the profiles, not in them, so profiles stay reference data that Terraform or a
    CRM sync owns without drift; the stamp expires after ``calls_ttl_days``.
    """
    now_ms = timeutil.now_ms()
    values = {
        ":at": serialize(timeutil.iso_utc(now_ms)),
        ":ttl": serialize(timeutil.ttl_after(settings.calls_ttl_days * 86400, from_ms=now_ms)),
    }
    update = "SET LastCalledAt = :at, ExpiresAt = :ttl"
    if contact_id:
        update += ", LastContactId = :contact"
        values[":contact"] = serialize(contact_id)
    else:
        update += " REMOVE LastContactId"
    response = dynamodb.update_item(
        TableName=settings.calls_table_name,
        Key={settings.key_attribute: {"S": number}},
        UpdateExpression=update,
        ExpressionAttributeValues=values,
        ReturnValues="ALL_OLD",
    )
    previous = from_item(response.get("Attributes", {}))
    return {k: previous[k] for k in ("LastCalledAt", "LastContactId") if k in previous}

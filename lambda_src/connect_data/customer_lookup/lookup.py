"""Finding (and optionally stamping) a caller's profile: one DynamoDB call either way."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import from_item, serialize
from connect_data.common.flow import FlowEvent
from connect_data.common.phone import InvalidNumber, normalize_e164
from connect_data.common.timeutil import iso_utc

NUMBER_SOURCES = ("customer", "dialled", "parameter")


@dataclass(frozen=True)
class LookupSettings:
    table_name: str
    key_attribute: str = "PhoneNumber"
    number_source: str = "customer"
    number_parameter: str = "phoneNumber"
    default_country_code: str = "1"
    allowed_attributes: frozenset[str] = frozenset()
    record_last_call: bool = False


def caller_number(event: FlowEvent, settings: LookupSettings) -> str:
    """The E.164 number to look up, from the endpoint or parameter the settings (or the flow) choose.

    A flow may override the configured source per block with the parameter ``numberSource``.
    """
    source = (event.parameter("numberSource") or settings.number_source).lower()
    if source == "dialled":
        raw = event.system_number
    elif source == "parameter":
        raw = event.parameter(settings.number_parameter)
    elif source == "customer":
        raw = event.customer_number
    else:
        raise InvalidNumber("INVALID_SOURCE", f"numberSource must be one of {', '.join(NUMBER_SOURCES)}")
    return normalize_e164(raw, settings.default_country_code)


def _visible(profile: dict[str, Any], allowed: Collection[str]) -> dict[str, Any]:
    if not allowed:
        return profile
    return {k: v for k, v in profile.items() if k in allowed}


def find_profile(
    dynamodb: Any, settings: LookupSettings, number: str, contact_id: str | None = None
) -> dict[str, Any] | None:
    """The caller's profile, or ``None``.

    With ``record_last_call`` the read and the stamp are one conditional ``UpdateItem`` that returns
    the profile as it was before this call (so ``LastCalledAt`` is the previous call's time) and never
    creates an item for an unknown number.
    """
    key = {settings.key_attribute: {"S": number}}
    if not settings.record_last_call:
        response = dynamodb.get_item(TableName=settings.table_name, Key=key)
        item = response.get("Item")
        return _visible(from_item(item), settings.allowed_attributes) if item else None
    values = {":at": serialize(iso_utc())}
    update = "SET LastCalledAt = :at"
    if contact_id:
        update += ", LastContactId = :contact"
        values[":contact"] = serialize(contact_id)
    try:
        response = dynamodb.update_item(
            TableName=settings.table_name,
            Key=key,
            UpdateExpression=update,
            ConditionExpression="attribute_exists(#key)",
            ExpressionAttributeNames={"#key": settings.key_attribute},
            ExpressionAttributeValues=values,
            ReturnValues="ALL_OLD",
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return None
    return _visible(from_item(response.get("Attributes", {})), settings.allowed_attributes)

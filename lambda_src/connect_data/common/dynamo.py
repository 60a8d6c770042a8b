"""DynamoDB attribute-value conversion for the low-level client (the resource API costs cold-start time)."""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import Any

from boto3.dynamodb.types import DYNAMODB_CONTEXT, TypeDeserializer, TypeSerializer

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def to_number(value: int | float | Decimal) -> Decimal:
    """A number for DynamoDB: a float goes through its shortest repr, so 0.1 is stored as 0.1."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def storable_number(value: int | float | Decimal) -> Decimal | str:
    """``value`` as a DynamoDB number, or as its text when DynamoDB cannot hold it (more than 38 digits,
    beyond 1E+126 or below 1E-130, NaN, infinities): the value is kept and the item still stored."""
    number = to_number(value)
    if not number.is_finite():
        return str(value)
    try:
        DYNAMODB_CONTEXT.create_decimal(number)
    except DecimalException:
        return str(value)
    return number


def _plain_to_dynamo(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return storable_number(value)
    if isinstance(value, dict):
        return {str(k): _plain_to_dynamo(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain_to_dynamo(v) for v in value]
    return value


def serialize(value: Any) -> dict[str, Any]:
    """One Python value as a DynamoDB AttributeValue (floats as exact decimals, numbers DynamoDB cannot hold
    as strings, ``None`` map entries dropped)."""
    return _serializer.serialize(_plain_to_dynamo(value))


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    """A Python mapping as a DynamoDB item; ``None`` values are left out rather than stored as NULL."""
    return {k: serialize(v) for k, v in values.items() if v is not None}


def _dynamo_to_plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _dynamo_to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return [_dynamo_to_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return value


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB item as plain Python values (whole numbers as int, other numbers as float)."""
    return {k: _dynamo_to_plain(_deserializer.deserialize(v)) for k, v in item.items()}

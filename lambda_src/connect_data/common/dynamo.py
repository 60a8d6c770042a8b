"""DynamoDB attribute-value conversion for the low-level client (the resource API costs cold-start time)."""

from __future__ import annotations

import math
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


# DynamoDB numbers: at most 38 significant digits, magnitude between 1E-130 and 9.9999...E+125.
_MAX_DIGITS = 38
_MAX_EXPONENT = 125
_MIN_EXPONENT = -130
_INT_LIMIT = 10**_MAX_DIGITS


def fits_number(value: int | float | Decimal) -> bool:
    """Whether DynamoDB can store ``value`` as a number (finite, <= 38 digits, within its exponent range)."""
    if isinstance(value, int):
        return -_INT_LIMIT < value < _INT_LIMIT  # the common case, without a Decimal
    if isinstance(value, float):
        # A float has at most 17 significant digits: only its magnitude can be out of range.
        return value == 0.0 or (math.isfinite(value) and 1e-130 <= abs(value) < 1e125)
    number = to_number(value)
    if not number.is_finite():
        return False
    if number.is_zero():
        return True
    digits = number.normalize().as_tuple().digits
    return len(digits) <= _MAX_DIGITS and _MIN_EXPONENT <= number.adjusted() <= _MAX_EXPONENT


def storable(value: Any) -> Any:
    """``value`` with every number DynamoDB cannot hold (NaN, Infinity, > 38 digits, 1e300) as its JSON text.

    For free-form payloads kept as they came (history entries): the value survives, readable, as a string,
    instead of one field failing the whole write.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        return value if fits_number(value) else _number_text(value)
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    return value


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return str(value)

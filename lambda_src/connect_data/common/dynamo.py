"""DynamoDB attribute-value conversion for the low-level client (the resource API costs cold-start time)."""

from __future__ import annotations

import json
import math
from decimal import Context, Decimal, DecimalException
from typing import Any

from boto3.dynamodb.types import DYNAMODB_CONTEXT, TypeDeserializer, TypeSerializer

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def to_number(value: int | float | Decimal) -> Decimal:
    """A number for DynamoDB: a float goes through its shortest repr, so 0.1 is stored as 0.1."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


# DynamoDB numbers (documented limits): at most 38 significant digits, magnitude from 1E-130 up to
# 9.99...E+125. boto3's serializer checks every number against DYNAMODB_CONTEXT, which traps Rounded and
# Inexact at 38 digits (so an exact value written with trailing zeros, 1.000...0 in 40 digits, raised
# decimal.Rounded unless its zeros are stripped first) and is stricter than DynamoDB below 1E-128 (a
# subnormal there keeps fewer than 38 digits), but allows exponents up to 126 that DynamoDB refuses.
_MAX_ADJUSTED = 125
_MIN_ADJUSTED = -130
_INT_LIMIT = 10**38


def number_text(value: int | float | Decimal) -> str:
    """The documented text of a number DynamoDB cannot hold: ``NaN``, ``Infinity`` and ``-Infinity`` as in
    JSON (``json.loads`` reads them back), any other number as Python writes it (``1e+300``, ``5e-324``)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Decimal) and not value.is_finite():
        return "NaN" if value.is_nan() else ("-Infinity" if value.is_signed() else "Infinity")
    return str(value)


def storable_number(value: int | float | Decimal) -> Decimal | str:
    """``value`` as a DynamoDB number, or as :func:`number_text` when DynamoDB cannot hold it (more than 38
    digits, beyond 9.99E+125 or below 1E-130, NaN, infinities): the value is kept and the item still stored.
    The one rule for every number any handler stores."""
    if isinstance(value, int) and -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)  # the common case: at most 38 digits, exponent 0
    number = to_number(value)
    if not number.is_finite():
        return number_text(value)
    if number.is_zero():
        return Decimal(0)
    # Trailing zeros stripped exactly: a precision of the number's own digit count never rounds.
    exact = number.normalize(Context(prec=len(number.as_tuple().digits)))
    if not _MIN_ADJUSTED <= exact.adjusted() <= _MAX_ADJUSTED:
        return number_text(value)
    try:
        return DYNAMODB_CONTEXT.create_decimal(exact)
    except DecimalException:
        return number_text(value)


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
    if isinstance(value, (set, frozenset)):
        # A DynamoDB set has no order, and a Python set's order varies with PYTHONHASHSEED: sorted, so the
        # same item reads back the same in every process (a set's members share one type, so they sort).
        return sorted(_dynamo_to_plain(v) for v in value)
    if isinstance(value, list):
        return [_dynamo_to_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return value


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB item as plain Python values (whole numbers as int, other numbers as float)."""
    return {k: _dynamo_to_plain(_deserializer.deserialize(v)) for k, v in item.items()}


class _NumberWatch:
    """What the decoder below saw: set by its number hooks, read by :func:`loads_noting_unstorable`."""

    unstorable = False


def _watched_int(literal: str) -> int:
    if len(literal.lstrip("-")) > 38:
        _NumberWatch.unstorable = True
    return int(literal)


def _watched_float(literal: str) -> float:
    value = float(literal)
    if isinstance(storable_number(value), str):
        _NumberWatch.unstorable = True
    return value


def _watched_constant(literal: str) -> float:
    _NumberWatch.unstorable = True
    return float(literal)


# One decoder for every call: json.loads with hooks would build a new one per record.
_WATCHING_DECODER = json.JSONDecoder(
    parse_int=_watched_int, parse_float=_watched_float, parse_constant=_watched_constant
)


def loads_noting_unstorable(text: str) -> tuple[Any, bool]:
    """``json.loads(text)``, and whether any of its numbers is beyond DynamoDB (NaN, Infinity, more than 38
    digits, an exponent out of range): the decoder hands over each number's literal, so only a payload that
    holds such a number needs the :func:`storable` walk over every value."""
    _NumberWatch.unstorable = False
    value = _WATCHING_DECODER.decode(text)
    return value, _NumberWatch.unstorable


def storable(value: Any) -> Any:
    """``value`` with every number DynamoDB cannot hold (NaN, Infinity, > 38 digits, 1e300) as its
    :func:`number_text`, every other number as it is.

    For free-form payloads kept as they came (history entries): the value survives, readable, as a string,
    instead of one field failing the whole write.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        number = storable_number(value)
        return number if isinstance(number, str) else value
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    return value

"""One rule for numbers DynamoDB cannot hold (common/dynamo.py): every number either round-trips through a
table exactly or is stored as its documented text (``NaN``, ``Infinity``, ``-Infinity``, else as Python
writes it), and the free-form ``storable`` of history entries follows the same rule."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_data.common.dynamo import (
    loads_noting_unstorable,
    number_text,
    serialize,
    storable,
    storable_number,
    to_number,
)

REGION = "us-east-1"
TABLE = "numbers"

# Exponents past DynamoDB's range on both sides, digit counts past its 38.
decimals = st.builds(
    lambda digits, exponent, negative: Decimal((int(negative), tuple(digits), exponent)),
    st.lists(st.integers(0, 9), min_size=1, max_size=45),
    st.integers(-180, 140),
    st.booleans(),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**45), max_value=10**45),
    decimals,
    st.decimals(allow_nan=True, allow_infinity=True),
)


def _within_dynamodb_limits(stored: Decimal) -> bool:
    digits = len("".join(map(str, stored.as_tuple().digits)).rstrip("0") or "0")
    return stored.is_zero() or (digits <= 38 and -130 <= stored.adjusted() <= 125)


@pytest.fixture(scope="module")
def table() -> Iterator[Any]:
    from moto import mock_aws

    with mock_aws():
        client = boto3.client(
            "dynamodb", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        client.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


@settings(max_examples=400, deadline=None)
@given(value=numbers)
def test_every_number_round_trips_or_is_stored_as_its_documented_text(table, value):
    table.put_item(TableName=TABLE, Item={"id": {"S": "n"}, "value": serialize(value)})
    stored = table.get_item(TableName=TABLE, Key={"id": {"S": "n"}}, ConsistentRead=True)["Item"]["value"]
    if "N" in stored:
        assert Decimal(stored["N"]) == to_number(value) and _within_dynamodb_limits(Decimal(stored["N"]))
    else:
        assert stored == {"S": number_text(value)}
        assert not to_number(value).is_finite() or not _within_dynamodb_limits(to_number(value))


@given(value=numbers)
def test_history_payloads_follow_the_same_rule(value):
    kept = storable({"nested": [value]})["nested"][0]
    rule = storable_number(value)
    assert kept == rule if isinstance(rule, str) else kept is value


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (float("nan"), {"S": "NaN"}),
        (Decimal("NaN"), {"S": "NaN"}),
        (float("inf"), {"S": "Infinity"}),
        (float("-inf"), {"S": "-Infinity"}),
        (Decimal("-Infinity"), {"S": "-Infinity"}),
        (1e300, {"S": "1e+300"}),
        (5e-324, {"S": "5e-324"}),
        (10**40 + 1, {"S": str(10**40 + 1)}),
        (Decimal("1E+126"), {"S": "1E+126"}),
        (Decimal("1E+500"), {"S": "1E+500"}),  # no float overflow to "Infinity" on the way
        # Exact in 38 digits once its trailing zeros go: boto3's context raised decimal.Rounded on it.
        (Decimal("1." + "0" * 39), {"N": "1"}),
        (Decimal("9" * 38 + "E+88"), {"N": "9." + "9" * 37 + "E+125"}),  # the largest DynamoDB holds
        (Decimal("1E-130"), {"N": "1E-130"}),
        (10**40, {"N": "1E+40"}),
        (0.1, {"N": "0.1"}),
        (Decimal("0E-300"), {"N": "0"}),
    ],
)
def test_edge_numbers(value, stored):
    assert serialize(value) == stored


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=False, allow_infinity=False).map(float)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(value=_json_values)
def test_json_noted_as_storable_is_storable_as_it_is(value):
    # The flow-log path skips the storable() walk when the decoder saw no number beyond DynamoDB: that must
    # never skip a value storable() would change, and the decoded value is json.loads's.
    text = json.dumps(value)
    decoded, unstorable = loads_noting_unstorable(text)
    assert json.dumps(decoded) == text
    if not unstorable:
        assert storable(decoded) == decoded
    for literal in ("NaN", "Infinity", "-Infinity", "1e400", "1" * 39, "0." + "0" * 140 + "1", "1.5e-200"):
        assert loads_noting_unstorable(f'{{"v": [{literal}]}}')[1], literal
    assert not loads_noting_unstorable('{"id": "214e7d8a", "n": 12, "f": 0.5, "big": ' + "9" * 38 + "}")[1]

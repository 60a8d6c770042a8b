"""E.164 normalization, masking, and exact number conversion for DynamoDB."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.common.dynamo import from_item, serialize, to_item
from connect_data.common.phone import InvalidNumber, mask_number, normalize_e164


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+14155550100", "+14155550100"),
        ("(415) 555-0100", "+14155550100"),
        ("1-415-555-0100", "+14155550100"),
        ("0044 20 7946 0000", "+442079460000"),
        ("+44 (20) 7946.0000", "+442079460000"),
    ],
)
def test_numbers_people_write_become_e164(raw, expected):
    assert normalize_e164(raw) == expected


def test_national_number_gets_the_configured_country_code():
    assert normalize_e164("020 7946 0000", default_country_code="44") == "+442079460000"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "NO_NUMBER"),
        ("  ", "NO_NUMBER"),
        ("anonymous", "INVALID_NUMBER"),
        ("+1234", "INVALID_NUMBER"),
        ("+1234567890123456", "INVALID_NUMBER"),
        ("+0123456789", "INVALID_NUMBER"),
    ],
)
def test_unusable_numbers_raise_with_a_code(raw, code):
    with pytest.raises(InvalidNumber) as err:
        normalize_e164(raw)
    assert err.value.code == code


@given(st.text(max_size=30))
def test_normalize_either_answers_e164_or_raises_invalid_number(raw):
    try:
        number = normalize_e164(raw)
    except InvalidNumber:
        return
    assert number.startswith("+") and number[1:].isdigit() and 7 <= len(number) - 1 <= 15


def test_mask_keeps_only_the_country_digit_and_last_two():
    assert mask_number("+14155550100") == "+1********00"
    assert "555" not in mask_number("+14155550100")


def test_floats_are_stored_exactly_and_none_is_left_out():
    assert serialize(0.1) == {"N": "0.1"}
    assert to_item({"a": 1.5, "b": None, "m": {"x": None, "y": 2}}) == {
        "a": {"N": "1.5"},
        "m": {"M": {"y": {"N": "2"}}},
    }


def test_from_item_gives_ints_for_whole_numbers():
    assert from_item({"n": {"N": "3"}, "f": {"N": "2.5"}, "s": {"SS": ["a"]}}) == {"n": 3, "f": 2.5, "s": ["a"]}
    assert isinstance(serialize(Decimal("1"))["N"], str)


@given(members=st.sets(st.text(min_size=1, max_size=12), min_size=1, max_size=20), data=st.data())
def test_a_set_reads_back_sorted_whatever_order_it_was_stored_in(members, data):
    # DynamoDB sets have no order and a Python set's order follows PYTHONHASHSEED: the same item must read
    # back the same in every process, or a stored item compared across runs differs by its set's order.
    stored = data.draw(st.permutations(sorted(members)))
    assert from_item({"s": {"SS": list(stored)}}) == {"s": sorted(members)}
    numbers = data.draw(st.sets(st.integers(-(10**6), 10**6), min_size=1, max_size=20))
    assert from_item({"n": {"NS": [str(n) for n in numbers]}}) == {"n": sorted(numbers)}

"""Reading answers from every shape Connect and the AWS samples pass them in."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.common.flow import flow_reply
from connect_data.view_data.answers import answer_text, read_answers
from tests.support import load_event

FORM = {"reason": "Billing", "extras": {"0": "Toll", "1": "Radio"}}
EXPECTED = {"reason": "Billing", "extras": "Toll, Radio"}


@pytest.mark.parametrize(
    "shape",
    [
        FORM,
        json.dumps(FORM),
        {"FormData": FORM},
        json.dumps({"FormData": FORM}),
        {"Action": "Submit", "ViewResultData": json.dumps({"FormData": FORM})},
        {"Action": "Submit", "ViewResultData": {"FormData": FORM}},
        json.dumps({"Action": "Submit", "ViewResultData": json.dumps(FORM)}),
    ],
    ids=["object", "json-string", "formdata", "formdata-string", "views-string", "views-object", "views-json"],
)
def test_every_shape_gives_the_same_flat_answers(shape):
    submission = read_answers(shape)
    assert submission.error is None
    assert {k: answer_text(v) for k, v in submission.answers.items()} == EXPECTED


def test_the_views_object_carries_the_action():
    assert read_answers({"Action": "Next", "ViewResultData": "{}"}).action == "Next"
    assert read_answers({"Action": "Next", "ViewResultData": "{}"}, "Explicit").action == "Explicit"


def test_multi_select_is_joined_in_numeric_key_order_not_text_order():
    value = {str(i): f"opt{i}" for i in (10, 2, 0, 1, 9)}
    assert read_answers({"q": value}).answers["q"] == "opt0, opt1, opt2, opt9, opt10"


def test_list_answers_are_joined_like_multi_selects():
    assert read_answers({"q": ["A", "B"]}).answers["q"] == "A, B"


def test_numbers_are_exact_decimals_and_booleans_stay_booleans():
    answers = read_answers('{"score": 0.1, "count": 3, "ok": true, "none": null}').answers
    assert answers == {"score": Decimal("0.1"), "count": Decimal(3), "ok": True, "none": ""}
    assert [answer_text(answers[k]) for k in ("score", "count", "ok")] == ["0.1", "3", "true"]


def test_numbers_dynamodb_cannot_hold_are_kept_as_text():
    answers = read_answers({"huge": 10**50 + 1, "tiny": 5e-324, "inf": float("inf")}).answers
    assert answers == {"huge": str(10**50 + 1), "tiny": "5e-324", "inf": "Infinity"}


@pytest.mark.parametrize("bad", ["not json {", "42", "[1, 2]", 7, "", '"just text"'])
def test_unparsable_or_non_object_data_is_an_error_that_keeps_the_raw_input(bad):
    submission = read_answers(bad)
    assert submission.error == "INVALID_VIEW_DATA"
    assert submission.raw == (bad if isinstance(bad, str) else json.dumps(bad))
    assert submission.answers == {}


def test_missing_data_is_its_own_error():
    assert read_answers(None).error == "NO_VIEW_DATA"


def test_documented_view_outputs_are_read():
    docs = load_event("view_data/view_output_docs_custom_view.json")
    assert read_answers(docs["aws_managed_form_view_output"]).answers == {"email": "user@example.com"}
    assert read_answers(docs["custom_view_with_form_component_output"]).answers == {"email": "user@example.com"}
    assert read_answers(docs["scenario2_skip_button"]).answers == {"action": "Button"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_any_json_value_gives_a_flat_string_map_and_never_raises(value):
    for shape in (value, json.dumps(value), {"ViewResultData": json.dumps(value), "Action": "x"}):
        submission = read_answers(shape)
        reply = flow_reply({k: answer_text(v) for k, v in submission.answers.items()})
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in reply.items())
        # Nothing is lost: either the answers were read, or the raw input is kept with the error.
        if shape is None:
            assert submission.error == "NO_VIEW_DATA"
        else:
            assert submission.error is None or (submission.error == "INVALID_VIEW_DATA" and submission.raw is not None)

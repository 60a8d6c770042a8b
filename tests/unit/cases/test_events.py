"""Parsing Cases events: both detail-types, every documented sample, field values, poison input."""

from __future__ import annotations

import pytest

from connect_data.cases.events import InvalidCaseEvent, parse_case_event
from connect_data.cases.fields import decode_case_fields, decode_field_value, field_list
from tests.support import load_event
from tests.unit.cases.conftest import case_event


@pytest.mark.parametrize(
    "name",
    ["docs_current_case_updated", "docs2023_case_updated"],
)
def test_both_detail_types_of_a_case_update_parse_the_same(name):
    event = parse_case_event(load_event(f"cases/cases_event_{name}.json"))
    assert event.event_type == "CASE.UPDATED" and event.is_case_change
    assert event.case_id == "case ID" and event.template_id == "template ID"
    assert event.fields == {
        "status": "open",
        "case_reason": "Shipment lost",
        "custom-field-uuid-1": "Customer didn't receive the product",
    }
    assert event.changed == ("status", "last_updated_datetime")
    assert event.change_time == "2022-03-16T23:16:57.893Z"


def test_related_item_events_take_the_case_from_the_item_and_lower_case_the_type():
    event = parse_case_event(load_event("cases/cases_event_docs_current_related_item_created.json"))
    assert event.case_id == "case id that this related item is a sub-resource of"
    assert event.related_item_type == "comment" and event.comment == "Gave a $5 refund to customer to make them happy"
    assert not event.is_case_change and event.status is None
    assert event.performed_by.startswith("arn:aws:connect:")


def test_domain_and_case_come_from_the_resource_arns_when_the_payload_has_only_metadata():
    raw = case_event(case_id="c-42")
    del raw["detail"]["case"]
    event = parse_case_event(raw)
    assert (event.domain_id, event.case_id, event.fields) == ("dad5efb6-8485-4a55-8241-98a88example", "c-42", {})


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ({"stringValue": "open"}, "open"),
        ({"doubleValue": 12.5}, 12.5),
        ({"booleanValue": False}, False),
        ({"userArnValue": "arn:aws:connect:::user/1"}, "arn:aws:connect:::user/1"),
        ({"emptyValue": {}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_every_field_value_type_is_decoded(value, plain):
    assert decode_field_value(value) == plain


def test_get_case_fields_become_a_plain_map():
    fields = [{"id": "title", "value": {"stringValue": "Lost parcel"}}, {"id": "amount", "value": {"doubleValue": 3.0}}]
    assert decode_case_fields(fields) == {"title": "Lost parcel", "amount": 3.0}


def test_field_list_puts_system_fields_first_and_each_field_once():
    fields = field_list(["custom-1", " status ", "", "custom-1"])
    assert fields[0] == "title" and fields[-1] == "custom-1" and fields.count("status") == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("not json", "not JSON"),
        ('{"source": "aws.connect", "detail": {}}', "source"),
        ({"source": "aws.cases", "id": "x", "detail": {"eventType": "CASE.EXPLODED!"}}, "eventType"),
        ({"source": "aws.cases", "detail": {"eventType": "CASE.CREATED", "approximateChangeTime": "t"}}, "no id"),
        ({"source": "aws.cases", "id": "x", "detail": {"eventType": "CASE.CREATED"}}, "approximateChangeTime"),
        (
            {"source": "aws.cases", "id": "x", "time": "2024-05-01T10:00:00Z", "detail": {"eventType": "CASE.CREATED"}},
            "no case ID",
        ),
    ],
)
def test_poison_input_raises_a_clear_reason(body, reason):
    with pytest.raises(InvalidCaseEvent, match=reason):
        parse_case_event(body)

"""One poison message never fails its neighbours: for each class of bad message, the good messages of the
same batch are stored and only the poison one is reported in batchItemFailures; values DynamoDB cannot
hold are stored as text when the message is otherwise good."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from connect_data.cases.consumer import ConsumerSettings, process_batch
from connect_data.cases.store import StoreSettings
from devtools.sqs_events import sqs_record
from tests.unit.cases.conftest import REGION, TABLE, case_event


def _with_field(event: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    event["detail"]["case"]["fields"]["amount"] = {"value": value}
    return event


def _poison(kind: str) -> str:
    bad = case_event(event_id="bad", case_id="case-bad")
    if kind == "not JSON":
        return '{"source": "aws.cases", "detail": "truncated'
    if kind == "over-long case ID":
        bad["detail"]["case"]["caseId"] = "c" * 3000
    elif kind == "over-long event ID":
        bad["id"] = "e" * 3000
    elif kind == "unparseable change time":
        bad["detail"]["approximateChangeTime"] = "yesterday"
    elif kind == "detail not a map":
        bad["detail"] = ["CASE.CREATED"]
    elif kind == "event ID a map":
        bad["id"] = {"nested": True}
    return json.dumps(bad)


def _batch(poison: str) -> list[dict[str, Any]]:
    return [
        sqs_record(case_event(event_id="good-1", case_id="case-1"), "m-good-1"),
        sqs_record(poison, "m-poison"),
        sqs_record(case_event(event_id="good-2", case_id="case-2", event_type="CASE.CREATED"), "m-good-2"),
    ]


def _state(dynamodb: Any, case_id: str) -> dict[str, Any]:
    key = {"caseId": {"S": case_id}, "sk": {"S": "STATE"}}
    return dynamodb.get_item(TableName=TABLE, Key=key).get("Item", {})


SETTINGS = ConsumerSettings(store=StoreSettings(table_name=TABLE))


@pytest.mark.parametrize(
    "kind",
    [
        "not JSON",
        "over-long case ID",
        "over-long event ID",
        "unparseable change time",
        "detail not a map",
        "event ID a map",
    ],
)
def test_only_the_poison_message_is_reported_and_the_good_ones_are_stored(cases_table, kind):
    outcome = process_batch(_batch(_poison(kind)), cases_table, None, SETTINGS)
    assert outcome.failed_message_ids == ["m-poison"]
    assert outcome.stored == 2
    assert _state(cases_table, "case-1") and _state(cases_table, "case-2")


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ({"doubleValue": 1e300}, {"S": "1e+300"}),
        ({"doubleValue": "twelve"}, {"S": "twelve"}),
        ({"doubleValue": "NaN"}, {"S": "NaN"}),
        ({"doubleValue": "-Infinity"}, {"S": "-Infinity"}),
        ({"doubleValue": 10**40}, {"N": "1E+40"}),  # a double of 1e40 fits: 1 digit, exponent 40
        ({"doubleValue": 12.5}, {"N": "12.5"}),
    ],
)
def test_numbers_dynamodb_cannot_hold_are_stored_as_text_and_the_message_succeeds(cases_table, value, stored):
    odd = _with_field(case_event(event_id="odd", case_id="case-odd"), value)
    records = [sqs_record(odd, "m-odd"), sqs_record(case_event(event_id="good-1", case_id="case-1"), "m-good-1")]
    outcome = process_batch(records, cases_table, None, SETTINGS)
    assert outcome.failed_message_ids == []
    assert _state(cases_table, "case-odd")["fields"]["M"]["amount"] == stored
    assert _state(cases_table, "case-1")


def test_an_item_dynamodb_refuses_fails_only_its_message(cases_table):
    huge = case_event(event_id="huge", case_id="case-huge")
    huge["detail"]["case"]["fields"]["summary"] = {"value": {"stringValue": "x" * 450_000}}  # past 400 KB
    records = [sqs_record(huge, "m-huge"), sqs_record(case_event(event_id="good-1", case_id="case-1"), "m-good-1")]
    outcome = process_batch(records, cases_table, None, SETTINGS)
    assert outcome.failed_message_ids == ["m-huge"]
    assert _state(cases_table, "case-1") and not _state(cases_table, "case-huge")


def test_nine_events_with_duplicates_and_a_redelivery_notify_nine_times(cases_table, topic):
    from tests.unit.cases.conftest import received_notifications

    sns = boto3.client("sns", region_name=REGION)
    settings = ConsumerSettings(store=StoreSettings(table_name=TABLE), topic_arn=topic["arn"])
    events = [
        case_event(event_id=f"ev-{i}", case_id=f"case-{i % 3}", time=f"2024-05-01T10:00:0{i}.000Z") for i in range(9)
    ]
    first = [sqs_record(e, f"m-{i}") for i, e in enumerate(events + events[:3])]  # three duplicates in the batch
    assert process_batch(first, cases_table, sns, settings).failed_message_ids == []
    again = [sqs_record(e, f"r-{i}") for i, e in enumerate(events[5:])]  # a redelivery later
    assert process_batch(again, cases_table, sns, settings).failed_message_ids == []
    notes = received_notifications(topic)
    assert sorted(n["MessageAttributes"]["eventId"]["Value"] for n in notes) == sorted(e["id"] for e in events)


@pytest.mark.parametrize("kind", ["not JSON", "over-long case ID", "over-long event ID"])
def test_a_poison_message_is_logged_with_its_reason_and_counted_in_the_batch_line(cases_table, kind, caplog):
    process_batch(_batch(_poison(kind)), cases_table, None, SETTINGS)
    [poison] = [r for r in caplog.records if r.getMessage() == "poison message"]
    assert poison.__dict__["message_id"] == "m-poison" and poison.__dict__["reason"]
    [batch] = [r for r in caplog.records if r.getMessage() == "batch processed"]
    assert (batch.__dict__["records"], batch.__dict__["failed"], batch.__dict__["stored"]) == (3, 1, 2)

"""Poison isolation: each unusable record of a delivery is quarantined with its reason and counted, and the
good records of the same delivery are stored; values DynamoDB cannot hold are kept as strings."""

from __future__ import annotations

import copy
import json
from typing import Any

import boto3
import pytest

from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.processor import handler, process_delivery
from connect_data.contact_status.quarantine import replay_payload
from tests.unit.contact_status.conftest import SETTINGS, delivery, real_contact_events, real_flow_log_events, stored

GOOD_CONTACT = "8b6c3e87-a3d5-46d6-b8bf-3aa1def785b2"
RECEIVED_MS = 1_700_000_000_000  # 2023-11-14: the fixtures' 2023 events are in the window


@pytest.fixture
def quarantine(status_table: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="contact-status-dlq")["QueueUrl"]
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", url)
    return sqs, url


def quarantined(sqs: Any, url: str) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60).get("Messages", [])
        if not messages:
            return bodies
        bodies += [json.loads(m["Body"]) for m in messages]


def process(status_table: Any, quarantine: tuple[Any, str], event: Any) -> Any:
    sqs, url = quarantine
    return process_delivery(
        status_table,
        SETTINGS,
        event,
        sqs=lambda: sqs,
        quarantine_url=url,
        replay_to="processor",
        received_ms=RECEIVED_MS,
    )


def good_logs() -> list[dict[str, Any]]:
    return [e for e in real_flow_log_events() if json.loads(e["message"])["ContactId"] == GOOD_CONTACT]


def log_event(record_id: str, message: Any) -> dict[str, Any]:
    text = message if isinstance(message, str) or message is None else json.dumps(message)
    return {"id": record_id, "timestamp": RECEIVED_MS - 1_000, "message": text}


def flow_record(**fields: Any) -> dict[str, Any]:
    return {**json.loads(good_logs()[0]["message"]), **fields}


FLOW_LOG_POISON = {
    "MESSAGE_NOT_JSON": log_event("p", "[ERROR] not json"),
    "MESSAGE_NOT_OBJECT": log_event("p", ["a list"]),
    "NO_MESSAGE": log_event("p", None),
    "NO_CONTACT_ID": log_event("p", {k: v for k, v in flow_record().items() if k != "ContactId"}),
    "CONTACT_ID_TOO_LONG": log_event("p", flow_record(ContactId="c" * 3_000)),
    # json.loads reads 1e400 as infinity, NaN as NaN.
    "TIMESTAMP_NOT_FINITE": log_event(
        "p", json.dumps(flow_record()).replace('"Timestamp": "', '"Timestamp": 1e400, "x": "')
    ),
    "TIMESTAMP_OUT_OF_WINDOW": log_event("p", flow_record(Timestamp=1e20)),
    "NOT_A_RECORD": "not even a mapping",
}


@pytest.mark.parametrize("reason", sorted(FLOW_LOG_POISON))
def test_a_poison_flow_log_record_is_quarantined_and_the_good_records_are_stored(status_table, quarantine, reason):
    poison = FLOW_LOG_POISON[reason]
    event = delivery([*good_logs()[:2], poison, *good_logs()[2:]])
    result = process(status_table, quarantine, event)
    assert len(stored(status_table, GOOD_CONTACT)["History"]) == len(good_logs())
    assert result.quarantined == {reason: 1} and result.as_dict()["quarantined"] == {reason: 1}
    [message] = quarantined(*quarantine)
    assert message["reason"] == reason and message["source"] == "flow-log" and message["replayTo"] == "processor"
    assert (
        message["record"] == json.loads(json.dumps(poison))
        and message["delivery"]["logGroup"] == "/aws/connect/example"
    )


def test_timestamps_before_2017_or_over_a_day_ahead_are_quarantined_never_stored(status_table, quarantine):
    too_old = log_event("old", flow_record(Timestamp="2016-12-31T23:59:59.999Z"))
    too_new = log_event("new", flow_record(Timestamp=iso_utc(RECEIVED_MS + 86_400_000 + 1)))
    just_in = log_event("in", flow_record(Timestamp=iso_utc(RECEIVED_MS + 86_400_000)))
    result = process(status_table, quarantine, delivery([too_old, too_new, just_in]))
    assert result.quarantined == {"TIMESTAMP_OUT_OF_WINDOW": 2}
    item = stored(status_table, GOOD_CONTACT)
    assert len(item["History"]) == 1 and item["LastEventAt"] == RECEIVED_MS + 86_400_000


@pytest.mark.parametrize(
    ("reason", "change"),
    [
        ("NO_CONTACT_ID", lambda d: d.pop("contactId")),
        ("CONTACT_ID_TOO_LONG", lambda d: d.update(contactId="c" * 3_000)),
        ("CONTACT_ID_TOO_LONG", lambda d: d.update(initialContactId="i" * 3_000)),
        ("TIMESTAMP_OUT_OF_WINDOW", lambda d: d.update(initiationTimestamp=1e20)),
        ("TIMESTAMP_NOT_FINITE", lambda d: d.update(disconnectTimestamp=float("inf"))),
    ],
)
def test_a_poison_contact_event_is_quarantined_whole_and_other_events_are_stored(
    status_table, quarantine, lambda_context, reason, change
):
    good, bad = copy.deepcopy(real_contact_events()[:2])
    change(bad["detail"])
    assert handler(good, lambda_context)["quarantined"] == {}
    reply = handler(bad, lambda_context)
    assert reply["quarantined"] == {reason: 1} and reply["records"] == 1
    [message] = quarantined(*quarantine)
    assert message["reason"] == reason and message["source"] == "event"
    assert (
        replay_payload(message)["id"] == bad["id"] and replay_payload(message)["detail"].keys() == bad["detail"].keys()
    )
    assert stored(status_table, good["detail"]["contactId"])["History"]


def test_numbers_dynamodb_cannot_hold_are_stored_as_strings_with_the_rest_of_the_record(status_table, quarantine):
    record = flow_record(
        Parameters={
            "nan": float("nan"),
            "inf": float("-inf"),
            "big": 10**40 + 1,
            "huge": 1e300,
            "ok": 1.5,
            "round": 10**40,
        }
    )
    events = [*good_logs()[:1], log_event("odd", record)]
    result = process(status_table, quarantine, delivery(events))
    assert result.quarantined == {}
    entries = [e for e in stored(status_table, GOOD_CONTACT)["History"].values() if "Parameters" in e["record"]]
    parameters = next(e["record"]["Parameters"] for e in entries if "nan" in e["record"]["Parameters"])
    # 10**40 is one digit with exponent 40: DynamoDB holds it, as the same rule stores it for Cases.
    assert parameters == {
        "nan": "NaN",
        "inf": "-Infinity",
        "big": str(10**40 + 1),
        "huge": "1e+300",
        "ok": 1.5,
        "round": 10**40,
    }


def test_a_write_dynamodb_rejects_quarantines_that_contacts_records_only(status_table, quarantine):
    huge, fine = copy.deepcopy(real_contact_events()[:2])
    huge["detail"]["contactId"] = "c-huge"
    huge["detail"]["customerEndpoint"] = {"type": "TELEPHONE_NUMBER", "address": "x" * 420_000}
    result = process(status_table, quarantine, huge)
    assert result.quarantined == {"WRITE_REJECTED": 1}
    assert process(status_table, quarantine, fine).quarantined == {}
    [message] = quarantined(*quarantine)
    assert message["reason"] == "WRITE_REJECTED" and "recordGzip" in message  # 420 KB kept whole, compressed
    assert replay_payload(message) == huge


def test_a_poison_record_without_a_quarantine_queue_fails_the_delivery(status_table, lambda_context, monkeypatch):
    monkeypatch.delenv("QUARANTINE_QUEUE_URL", raising=False)
    with pytest.raises(RuntimeError, match="QUARANTINE_QUEUE_URL"):
        handler(delivery([log_event("p", "not json"), *good_logs()]), lambda_context)
    assert len(stored(status_table, GOOD_CONTACT)["History"]) == len(good_logs())  # the good ones are stored


def test_a_redelivered_entry_left_out_of_the_bound_is_not_counted_again(status_table):
    base = 1_673_366_400_000
    logs = [log_event(f"{n:056d}", flow_record(Timestamp=iso_utc(base + n))) for n in range(12)]
    for part in (logs, logs[:7], logs[3:9]):  # the delivery, then redeliveries split differently
        process_delivery(status_table, SETTINGS, delivery(part), received_ms=RECEIVED_MS)
    item = stored(status_table, GOOD_CONTACT, max_entries=5)
    assert item["HistoryDropped"] == 7 and len(item["History"]) == 5
    assert sorted(int(e["t"]) for e in item["History"].values()) == [base + n for n in range(7, 12)]
    assert item["HistoryDroppedBefore"] == base + 6

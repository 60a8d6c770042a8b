"""The case event consumer on moto: storage, state, notifications, partial batch failure, call budgets."""

from __future__ import annotations

import json
import time

import boto3
import pytest
from botocore.stub import ANY, Stubber

from connect_data.cases.consumer import ConsumerSettings, process_batch
from connect_data.cases.store import StoreSettings
from connect_data.cases.stream_handler import handler
from devtools.sqs_events import run_mapping, sqs_record
from tests.unit.cases.conftest import (
    REGION,
    TABLE,
    CallCounter,
    case_event,
    received_notifications,
)


def _settings(topic_arn: str | None) -> ConsumerSettings:
    return ConsumerSettings(store=StoreSettings(table_name=TABLE), topic_arn=topic_arn)


def _items(dynamodb, case_id: str) -> list[dict]:
    return dynamodb.query(
        TableName=TABLE,
        KeyConditionExpression="caseId = :c",
        ExpressionAttributeValues={":c": {"S": case_id}},
    )["Items"]


def _state(dynamodb, case_id: str) -> dict:
    return dynamodb.get_item(TableName=TABLE, Key={"caseId": {"S": case_id}, "sk": {"S": "STATE"}}).get("Item", {})


def _ten_events_over_three_cases() -> list[dict]:
    events = []
    for i in range(10):
        case = f"case-{i % 3}"
        kind = "RELATED_ITEM.CREATED" if i == 9 else ("CASE.CREATED" if i < 3 else "CASE.UPDATED")
        events.append(
            case_event(event_id=f"ev-{i}", case_id=case, event_type=kind, time=f"2024-05-01T10:00:{i:02d}.000Z")
        )
    return events


def test_ten_events_on_three_cases_take_one_write_one_read_three_states_ten_claims_and_one_publish(
    cases_table, topic, monkeypatch
):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    sns = boto3.client("sns", region_name=REGION)
    counter = CallCounter(dynamodb, sns)
    records = [sqs_record(e, f"m-{i}") for i, e in enumerate(_ten_events_over_three_cases())]

    outcome = process_batch(records, dynamodb, sns, _settings(topic["arn"]))

    assert outcome.failed_message_ids == []
    # Events: one BatchWriteItem; states: one BatchGetItem, one PutItem per case; claims: one PutItem per event.
    assert counter.count("BatchWriteItem") == 1 and counter.count("BatchGetItem") == 1
    assert counter.count("PutItem") == 3 + 10 and counter.count("UpdateItem") == counter.count("GetItem") == 0
    assert counter.count("PublishBatch") == 1 and counter.count("Publish") == 0
    assert sum(len(_items(dynamodb, f"case-{k}")) for k in range(3)) == 10 + 3 + 10
    assert _state(dynamodb, "case-0")["lastEventId"] == {"S": "ev-6"}  # ev-9 is a related item
    assert len(received_notifications(topic)) == 10


def test_notifications_are_readable_and_carry_filterable_attributes(cases_table, topic):
    dynamodb, sns = boto3.client("dynamodb", region_name=REGION), boto3.client("sns", region_name=REGION)
    event = case_event(event_id="ev-1", case_id="case-7", event_type="CASE.CREATED", status="open")
    process_batch([sqs_record(event, "m-1")], dynamodb, sns, _settings(topic["arn"]))
    [note] = received_notifications(topic)
    assert note["Subject"] == "Case case-7: created (status open)"
    assert "Case ID:      case-7" in note["Message"] and "case_reason: Shipment lost" in note["Message"]
    attributes = {k: v["Value"] for k, v in note["MessageAttributes"].items()}
    expected = {"eventId": "ev-1", "eventType": "CASE.CREATED", "caseId": "case-7", "status": "open", "domainId": ANY}
    assert attributes == expected


def test_a_redelivered_batch_changes_nothing(cases_table):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    records = [sqs_record(e, f"m-{i}") for i, e in enumerate(_ten_events_over_three_cases())]
    process_batch(records, dynamodb, None, _settings(None))
    before = {k: _items(dynamodb, f"case-{k}") for k in range(3)}
    process_batch(records, dynamodb, None, _settings(None))
    after = {k: _items(dynamodb, f"case-{k}") for k in range(3)}
    strip = lambda items: [{k: v for k, v in i.items() if k not in ("storedAt",)} for i in items]  # noqa: E731
    assert {k: strip(v) for k, v in before.items()} == {k: strip(v) for k, v in after.items()}


def test_an_older_change_never_moves_the_state_backwards(cases_table):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    newer = case_event(event_id="new", status="closed", time="2024-05-01T12:00:00.000Z")
    older = case_event(event_id="old", status="open", time="2024-05-01T11:00:00.000Z")
    process_batch([sqs_record(newer, "m-1")], dynamodb, None, _settings(None))
    outcome = process_batch([sqs_record(older, "m-2")], dynamodb, None, _settings(None))
    state = _state(dynamodb, "case-0001")
    assert outcome.failed_message_ids == [] and outcome.states_moved == 0
    assert state["status"] == {"S": "closed"} and state["lastEventId"] == {"S": "new"}
    assert len(_items(dynamodb, "case-0001")) == 3  # both events are still stored


def test_a_case_deletion_marks_the_state_deleted_and_keeps_its_fields(cases_table):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    created = case_event(event_id="a", event_type="CASE.CREATED", time="2024-05-01T10:00:00.000Z")
    deleted = case_event(event_id="b", event_type="CASE.DELETED", time="2024-05-01T10:05:00.000Z")
    del deleted["detail"]["case"]["fields"]
    process_batch([sqs_record(created, "m-1"), sqs_record(deleted, "m-2")], dynamodb, None, _settings(None))
    state = _state(dynamodb, "case-0001")
    assert state["deleted"] == {"BOOL": True} and state["fields"]["M"]["case_reason"] == {"S": "Shipment lost"}


@pytest.mark.parametrize("item_type", ["Comment", "contact", "CONTACT", "File", "Sla"])
def test_related_items_of_every_type_are_stored_and_notified_without_touching_the_state(cases_table, topic, item_type):
    dynamodb, sns = boto3.client("dynamodb", region_name=REGION), boto3.client("sns", region_name=REGION)
    event = case_event(event_type="RELATED_ITEM.CREATED", related_item_type=item_type)
    outcome = process_batch([sqs_record(event, "m-1")], dynamodb, sns, _settings(topic["arn"]))
    assert outcome.failed_message_ids == [] and outcome.stored == 1
    [item] = [i for i in _items(dynamodb, "case-0001") if i["sk"]["S"].startswith("EVENT#")]
    assert item["relatedItemType"] == {"S": item_type.lower()} and _state(dynamodb, "case-0001") == {}
    [note] = received_notifications(topic)
    assert note["MessageAttributes"]["relatedItemType"]["Value"] == item_type.lower()


def test_only_the_poison_message_is_reported_and_it_reaches_the_dead_letter_queue(
    cases_table, monkeypatch, lambda_context
):
    sqs = boto3.client("sqs", region_name=REGION)
    dlq_url = sqs.create_queue(QueueName="case-events-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue_url = sqs.create_queue(
        QueueName="case-events",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "3"})},
    )["QueueUrl"]
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(case_event(event_id="good-1")))
    sqs.send_message(QueueUrl=queue_url, MessageBody='{"source": "aws.cases", "detail": "truncated')
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(case_event(event_id="good-2", case_id="case-2")))
    monkeypatch.setenv("CASES_TABLE", TABLE)

    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    reports = run_mapping(sqs, queue_url, queue_arn, lambda event: handler(event, lambda_context), rounds=5).failures

    poison = [m for m in reports[0]]
    assert len(poison) == 1 and all(r == set(poison) for r in reports)
    dead = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10)["Messages"]
    assert [m["MessageId"] for m in dead] == poison and dead[0]["Body"].endswith("truncated")
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    assert _state(dynamodb, "case-0001") and _state(dynamodb, "case-2")


def test_a_failed_state_update_fails_only_that_cases_messages():
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    records = [
        sqs_record(case_event(event_id="a1", case_id="A"), "m-a1"),
        sqs_record(case_event(event_id="b1", case_id="B"), "m-b1"),
        sqs_record(case_event(event_id="b2", case_id="B", time="2024-05-01T10:00:01.000Z"), "m-b2"),
    ]
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_write_item", {"UnprocessedItems": {}})
        stub.add_response("batch_get_item", {"Responses": {TABLE: []}, "UnprocessedKeys": {}})
        stub.add_response(
            "put_item",
            {},
            {"TableName": TABLE, "Item": ANY, "ConditionExpression": "attribute_not_exists(sk)"},
        )
        stub.add_client_error("put_item", service_error_code="ProvisionedThroughputExceededException")
        outcome = process_batch(records, dynamodb, None, _settings(None))
        stub.assert_no_pending_responses()
    assert outcome.failed_message_ids == ["m-b1", "m-b2"]


def test_unprocessed_items_are_retried_and_those_left_fail_their_messages(monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda _: None)
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    events = [
        case_event(event_id="a1", case_id="A", event_type="RELATED_ITEM.CREATED"),
        case_event(event_id="b1", case_id="B", event_type="RELATED_ITEM.CREATED"),
    ]
    records = [sqs_record(e, f"m-{i}") for i, e in enumerate(events)]
    with Stubber(dynamodb) as stub:

        def left_b(_: object) -> dict:
            return {
                "UnprocessedItems": {
                    TABLE: [
                        {
                            "PutRequest": {
                                "Item": {"caseId": {"S": "B"}, "sk": {"S": "EVENT#2024-05-01T10:00:00.000Z#b1"}}
                            }
                        }
                    ]
                }
            }

        for _ in range(4):
            stub.add_response("batch_write_item", left_b(None))
        outcome = process_batch(records, dynamodb, None, _settings(None))
        stub.assert_no_pending_responses()
    assert outcome.failed_message_ids == ["m-1"]


def test_a_notification_sns_refused_fails_only_its_message(cases_table):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    sns = boto3.client("sns", region_name=REGION)
    topic_arn = f"arn:aws:sns:{REGION}:123456789012:t"
    events = [case_event(event_id=f"e{i}", case_id=f"c{i}", event_type="RELATED_ITEM.CREATED") for i in range(2)]
    with Stubber(sns) as stub:
        stub.add_response(
            "publish_batch",
            {
                "Successful": [{"Id": "0-e0", "MessageId": "x"}],
                "Failed": [{"Id": "1-e1", "Code": "InternalError", "SenderFault": False}],
            },
        )
        outcome = process_batch(
            [sqs_record(e, f"m{i}") for i, e in enumerate(events)], dynamodb, sns, _settings(topic_arn)
        )
    assert outcome.failed_message_ids == ["m1"]


def test_eventbridge_routes_both_detail_types_of_the_domain_to_the_queue(aws):
    events = boto3.client("events", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    queue_url = sqs.create_queue(QueueName="routed")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    from connect_data.cases.routing import event_pattern

    events.put_rule(
        Name="cases",
        EventPattern=json.dumps(event_pattern(REGION, "123456789012", "dad5efb6-8485-4a55-8241-98a88example")),
    )
    events.put_targets(Rule="cases", Targets=[{"Id": "queue", "Arn": queue_arn}])
    entries = []
    for i, detail_type in enumerate(["Amazon Connect Cases Change", "Amazon Connect Cases Event"]):
        e = case_event(event_id=f"e{i}", detail_type=detail_type)
        entries.append(
            {
                "Source": e["source"],
                "DetailType": detail_type,
                "Detail": json.dumps(e["detail"]),
                "Resources": e["resources"],
            }
        )
    other = case_event(event_id="other")
    entries.append(
        {
            "Source": "aws.cases",
            "DetailType": other["detail-type"],
            "Detail": json.dumps(other["detail"]),
            "Resources": ["arn:aws:cases:us-east-1:123456789012:domain/another-domain"],
        }
    )
    entries.append({"Source": "aws.connect", "DetailType": "Amazon Connect Contact Event", "Detail": "{}"})
    events.put_events(Entries=entries)
    bodies = [
        json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    ]
    assert sorted(b["detail-type"] for b in bodies) == ["Amazon Connect Cases Change", "Amazon Connect Cases Event"]


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_batch_counts_the_stored_records_and_notifications_not_the_poison_one(
    cases_table, topic, monkeypatch, lambda_context, emf
):
    monkeypatch.setenv("CASES_TABLE", TABLE)
    monkeypatch.setenv("TOPIC_ARN", topic["arn"])
    records = [
        sqs_record(case_event(event_id="good-1"), "m-1"),
        sqs_record('{"source": "aws.cases", "detail": "truncated', "m-2"),
        sqs_record(case_event(event_id="good-2", case_id="case-2"), "m-3"),
    ]
    failed = handler({"Records": records}, lambda_context)["batchItemFailures"]
    metrics = emf("cases", forbidden=("case-0001", "case-2"))
    assert failed == [{"itemIdentifier": "m-2"}]
    assert metrics["RecordsProcessed"] == 2 and metrics["NotificationsSent"] == len(received_notifications(topic)) == 2
    assert metrics["DynamoDBCalls"] > 0


def test_emf_a_batch_whose_table_is_missing_processes_nothing(aws, monkeypatch, lambda_context, emf):
    monkeypatch.setenv("CASES_TABLE", "no-such-table")
    handler({"Records": [sqs_record(case_event(), "m-1")]}, lambda_context)
    metrics = emf("cases")
    assert metrics["RecordsProcessed"] == 0 and metrics["NotificationsSent"] == 0 and metrics["DynamoDBCalls"] >= 1

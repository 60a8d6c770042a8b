"""Contact events in batches from the contact-events queue: merged per contact, partial batch failures,
poison messages quarantined, and the same stored state as one invocation per event."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.contact_status.processor import handler
from devtools.sqs_events import sqs_event
from tests.unit.contact_status.conftest import HISTORY_TABLE, create_status_table, real_contact_events, stored

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:test-contact-status-events"


def sqs_batch(bodies: list[Any]) -> dict[str, Any]:
    return sqs_event(bodies, queue_arn=QUEUE_ARN)


def processor_dynamodb() -> Any:
    """The processor's own DynamoDB client (the container's one, as the handler makes it)."""
    return client("dynamodb", config=BATCH_CLIENT_CONFIG)


def written_contact(request: dict[str, Any]) -> str:
    """The ContactId an UpdateItem request (as serialized, in a before-call hook) writes."""
    return str(json.loads(request["body"])["Key"]["ContactId"]["S"])


def count_writes(dynamodb: Any) -> Counter[str]:
    """UpdateItem calls per ContactId, and history batch writes under ``"BatchWriteItem"``, counted with
    botocore's before-call hook."""
    writes: Counter[str] = Counter()

    def count(params: dict[str, Any], **_: Any) -> None:
        writes[written_contact(params)] += 1

    def count_batch(**_: Any) -> None:
        writes["BatchWriteItem"] += 1

    dynamodb.meta.events.register("before-call.dynamodb.UpdateItem", count)
    dynamodb.meta.events.register("before-call.dynamodb.BatchWriteItem", count_batch)
    return writes


def scan(dynamodb: Any) -> dict[str, Any]:
    """Every contact's status item with its history as readers see it."""
    items = dynamodb.scan(TableName="contact-status", ConsistentRead=True)["Items"]
    return {i["ContactId"]["S"]: stored(dynamodb, i["ContactId"]["S"]) for i in items}


def test_a_batch_writes_each_contact_once_and_stores_what_one_event_per_invocation_stores(
    status_table, lambda_context, monkeypatch
):
    events = real_contact_events()
    contacts = {e["detail"]["contactId"] for e in events}
    assert len(events) > len(contacts)  # several events per contact: the batch has something to merge
    writes = count_writes(processor_dynamodb())

    reply = handler(sqs_batch(events), lambda_context)

    assert reply == {"batchItemFailures": []}
    # One status write per contact, and every contact's history pages in one batch write.
    assert writes == {**dict.fromkeys(contacts, 1), "BatchWriteItem": 1}
    batched = scan(status_table)
    assert all(item["History"] for item in batched.values())

    status_table.delete_table(TableName="contact-status")
    status_table.delete_table(TableName=HISTORY_TABLE)
    create_status_table(status_table)
    for event in events:
        handler(event, lambda_context)
    assert scan(status_table) == batched


def test_poison_messages_are_quarantined_and_their_neighbours_stored(status_table, lambda_context, monkeypatch):
    sqs = boto3.client("sqs")
    queue = sqs.create_queue(QueueName="quarantine")["QueueUrl"]
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", queue)
    good = real_contact_events()[0]
    out_of_window = json.loads(json.dumps(good))
    out_of_window["id"] = "poison"
    out_of_window["detail"]["disconnectTimestamp"] = 1e20

    reply = handler(sqs_batch(["not json {", {"detail-type": "Something else"}, out_of_window, good]), lambda_context)

    assert reply == {"batchItemFailures": []}  # quarantined messages are kept on the quarantine queue instead
    assert stored(status_table, good["detail"]["contactId"])["Status"] == good["detail"]["eventType"]
    bodies = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]]
    assert sorted(b["reason"] for b in bodies) == ["BODY_NOT_JSON", "NOT_A_RECORD", "TIMESTAMP_OUT_OF_WINDOW"]
    assert {b["source"] for b in bodies} == {"event"}


def test_a_failed_contact_write_reports_only_that_contacts_messages(status_table, lambda_context):
    events = real_contact_events()
    failing = events[0]["detail"]["contactId"]

    def throttle(params: dict[str, Any], **_: Any) -> Any:
        if written_contact(params) != failing:
            return None
        error = {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "throttled"}}
        return AWSResponse("https://dynamodb.us-east-1.amazonaws.com/", 400, {}, None), error

    processor_dynamodb().meta.events.register("before-call.dynamodb.UpdateItem", throttle)
    batch = sqs_batch(events)

    reply = handler(batch, lambda_context)

    records = zip(batch["Records"], events, strict=True)
    expected = sorted(r["messageId"] for r, e in records if e["detail"]["contactId"] == failing)
    assert expected and sorted(f["itemIdentifier"] for f in reply["batchItemFailures"]) == expected
    others = {e["detail"]["contactId"] for e in events} - {failing}
    assert set(scan(status_table)) >= others and failing not in scan(status_table)

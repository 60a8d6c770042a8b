"""The archive function with a real S3 bucket on moto and stream records shaped like DynamoDB's."""

from __future__ import annotations

import json
from urllib.parse import quote

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.common import aws as common_aws
from connect_data.common.dynamo import to_item
from connect_data.contact_status.archive import handler
from connect_data.contact_status.pages import ENTRIES, PAGE, page_key
from connect_data.contact_status.quarantine import replay_payload

BUCKET = "archive-bucket"


def stream_record(contact_id: str, sequence: str, *, ttl: bool = True, event_name: str = "REMOVE") -> dict:
    record = {
        "eventID": sequence,
        "eventName": event_name,
        "eventSource": "aws:dynamodb",
        "dynamodb": {
            "ApproximateCreationDateTime": 1673454846,
            "Keys": {"ContactId": {"S": contact_id}},
            "OldImage": to_item(
                {
                    "ContactId": contact_id,
                    "Status": "DISCONNECTED",
                    "History": {"b": {"t": 2, "type": "DISCONNECTED"}, "a": {"t": 1, "type": "INITIATED"}},
                }
            ),
            "SequenceNumber": sequence,
            "StreamViewType": "OLD_IMAGE",
        },
    }
    if ttl:
        record["userIdentity"] = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}
    return record


@pytest.fixture
def bucket(aws, monkeypatch):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    monkeypatch.setenv("ARCHIVE_BUCKET", BUCKET)
    return s3


def archived(s3) -> dict[str, dict]:
    objects = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: json.loads(s3.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read()) for o in objects}


def test_each_ttl_deletion_is_one_object_with_history_in_order(bucket, lambda_context):
    records = [
        stream_record("c-1", "100"),
        stream_record("c-2", "101", ttl=False),  # deleted by someone, not by TTL: not archived
        stream_record("c-3", "102", event_name="MODIFY"),
        stream_record("c-4", "103"),
    ]
    assert handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    objects = archived(bucket)
    assert sorted(objects) == ["contact-status/2023/01/11/c-1/100.json", "contact-status/2023/01/11/c-4/103.json"]
    item = objects["contact-status/2023/01/11/c-1/100.json"]
    assert item["ContactId"] == "c-1" and [e["type"] for e in item["History"]] == ["INITIATED", "DISCONNECTED"]


def test_an_expired_history_page_is_one_object_beside_its_contact_with_entries_in_order(bucket, lambda_context):
    entries = {"b": {"t": 2, "type": "DISCONNECTED"}, "a": {"t": 1, "type": "INITIATED"}}
    page = page_key(entries)
    record = stream_record("c-1", "200")
    record["dynamodb"]["Keys"] = to_item({"ContactId": "c-1", PAGE: page})
    record["dynamodb"]["OldImage"] = to_item({"ContactId": "c-1", PAGE: page, ENTRIES: entries, "ExpiresAt": 9})
    for _ in range(2):  # redelivered: the same object
        assert handler({"Records": [record]}, lambda_context) == {"batchItemFailures": []}
    objects = archived(bucket)
    assert list(objects) == [f"contact-status/2023/01/11/c-1/history/{quote(page, safe='')}.json"]
    assert [e["type"] for e in next(iter(objects.values()))[ENTRIES]] == ["INITIATED", "DISCONNECTED"]


def test_a_redelivered_record_in_another_batch_overwrites_its_own_object(bucket, lambda_context):
    handler({"Records": [stream_record("c-1", "100"), stream_record("c-2", "101")]}, lambda_context)
    handler({"Records": [stream_record("c-2", "101")]}, lambda_context)
    handler({"Records": [stream_record("c-1", "100")]}, lambda_context)
    assert sorted(archived(bucket)) == [
        "contact-status/2023/01/11/c-1/100.json",
        "contact-status/2023/01/11/c-2/101.json",
    ]


@pytest.fixture
def dead_letters(aws, monkeypatch):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="contact-status-dlq")["QueueUrl"]
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", url)
    return sqs, url


def test_a_failed_write_puts_the_records_themselves_on_the_dead_letter_queue(dead_letters, lambda_context, monkeypatch):
    sqs, url = dead_letters
    monkeypatch.setenv("ARCHIVE_BUCKET", BUCKET)
    s3 = common_aws.client("s3", config=common_aws.BATCH_CLIENT_CONFIG)
    records = [stream_record("c-1", "100"), stream_record("c-2", "101")]
    with Stubber(s3) as stub:
        stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        reply = handler({"Records": records}, lambda_context)
    assert reply == {"batchItemFailures": []}  # both records are safe in the queue, whole
    bodies = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert sorted(b["record"]["dynamodb"]["SequenceNumber"] for b in bodies) == ["100", "101"]
    assert {b["reason"] for b in bodies} == {"ARCHIVE_WRITE_FAILED"} and {b["source"] for b in bodies} == {"archive"}
    assert replay_payload(bodies[0]) == {
        "Records": [next(r for r in records if r["eventID"] == bodies[0]["record"]["eventID"])]
    }


def test_when_the_queue_refuses_too_the_failed_records_go_back_to_the_stream(lambda_context, monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUCKET", BUCKET)
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/missing")
    s3 = common_aws.client("s3", config=common_aws.BATCH_CLIENT_CONFIG)
    sqs = common_aws.client("sqs", config=common_aws.BATCH_CLIENT_CONFIG)
    with Stubber(s3) as s3_stub, Stubber(sqs) as sqs_stub:
        s3_stub.add_response("put_object", {})
        s3_stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        sqs_stub.add_client_error("send_message_batch", service_error_code="AWS.SimpleQueueService.NonExistentQueue")
        reply = handler({"Records": [stream_record("c-1", "100"), stream_record("c-2", "101")]}, lambda_context)
    assert reply == {"batchItemFailures": [{"itemIdentifier": "101"}]}


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_ttl_deletions_are_processed_and_other_records_skipped(bucket, lambda_context, emf):
    records = [stream_record("c-1", "100"), stream_record("c-2", "101", ttl=False), stream_record("c-3", "102")]
    handler({"Records": records}, lambda_context)
    metrics = emf("contact_status", forbidden=("c-1", "c-2", "c-3"))
    assert metrics == {"DynamoDBCalls": 0, "RecordsProcessed": 2, "RecordsSkipped": 1, "RecordsQuarantined": 0}


def test_emf_failed_writes_are_counted_as_quarantined(dead_letters, lambda_context, monkeypatch, emf):
    monkeypatch.setenv("ARCHIVE_BUCKET", BUCKET)
    s3 = common_aws.client("s3", config=common_aws.BATCH_CLIENT_CONFIG)
    with Stubber(s3) as stub:
        stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        handler({"Records": [stream_record("c-1", "100")]}, lambda_context)
    metrics = emf("contact_status", forbidden=("c-1",))
    assert metrics == {"DynamoDBCalls": 0, "RecordsProcessed": 0, "RecordsSkipped": 0, "RecordsQuarantined": 1}

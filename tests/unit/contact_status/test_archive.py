"""The archive function with a real S3 bucket on moto and stream records shaped like DynamoDB's."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.common import aws as common_aws
from connect_data.common.dynamo import to_item
from connect_data.contact_status.archive import handler

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


def test_ttl_deletions_are_written_as_json_lines_with_history_in_order(bucket, lambda_context):
    records = [
        stream_record("c-1", "100"),
        stream_record("c-2", "101", ttl=False),  # deleted by someone, not by TTL: not archived
        stream_record("c-3", "102", event_name="MODIFY"),
        stream_record("c-4", "103"),
    ]
    assert handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    key = "contact-status/2023/01/11/100-103.jsonl"
    lines = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read().decode().splitlines()
    items = [json.loads(line) for line in lines]
    assert [i["ContactId"] for i in items] == ["c-1", "c-4"]
    assert [e["type"] for e in items[0]["History"]] == ["INITIATED", "DISCONNECTED"]


def test_a_retried_batch_overwrites_its_own_object(bucket, lambda_context):
    event = {"Records": [stream_record("c-1", "100")]}
    handler(event, lambda_context)
    handler(event, lambda_context)
    assert bucket.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 1


def test_a_failed_write_reports_the_whole_batch_for_retry(lambda_context, monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUCKET", BUCKET)
    s3 = common_aws.client("s3", config=common_aws.BATCH_CLIENT_CONFIG)
    with Stubber(s3) as stub:
        stub.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
        reply = handler({"Records": [stream_record("c-1", "100"), stream_record("c-2", "101")]}, lambda_context)
    assert reply == {"batchItemFailures": [{"itemIdentifier": "100"}, {"itemIdentifier": "101"}]}

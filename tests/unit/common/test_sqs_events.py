"""devtools/sqs_events.py: the SQS event the tests, the demo and the benchmarks hand to consumers, read back
by Powertools' SQS data class (the documented record shape), and the event source mapping's loop on moto."""

from __future__ import annotations

import hashlib
import json

import boto3
from aws_lambda_powertools.utilities.data_classes import SQSEvent

from devtools.sqs_events import run_mapping, sqs_event


def test_an_sqs_event_reads_as_lambda_documents_it():
    event = SQSEvent(sqs_event([{"n": 1}, "raw text"], queue_arn="arn:aws:sqs:eu-west-2:123456789012:q"))
    first, second = list(event.records)
    assert (first.message_id, first.json_body, second.body) == ("m-0", {"n": 1}, "raw text")
    assert first.event_source == "aws:sqs" and first.aws_region == "eu-west-2"
    assert first.queue_url == "https://sqs.eu-west-2.amazonaws.com/123456789012/q"
    assert first.md5_of_body == hashlib.md5(b'{"n": 1}', usedforsecurity=False).hexdigest()


def test_the_mapping_deletes_what_succeeded_and_hands_back_what_failed(aws):
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = sqs.create_queue(QueueName="mapping")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for n in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": n}))
    seen: list[list[int]] = []

    def consumer(event):
        bodies = [json.loads(r["body"])["n"] for r in event["Records"]]
        seen.append(sorted(bodies))
        assert all(r["eventSourceARN"] == arn for r in event["Records"])
        return {
            "batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if '"n": 1' in r["body"]]
        }

    run = run_mapping(sqs, url, arn, consumer, rounds=3)
    assert seen == [[0, 1, 2], [1], [1]] and run.received == 5
    assert [json.loads(b) for b in run.failed_bodies] == [{"n": 1}] * 3
    assert [len(f) for f in run.failures] == [1, 1, 1]

"""Fixtures of the Cases tests: case events built on the documented samples, a table, a topic and a
queue subscribed to it on moto."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from tests.support import load_event

DOMAIN = "dad5efb6-8485-4a55-8241-98a88example"
TABLE = "cases"
REGION = "us-east-1"
ACCOUNT = "123456789012"


def case_event(
    *,
    event_id: str = "ev-1",
    case_id: str = "case-0001",
    event_type: str = "CASE.UPDATED",
    time: str = "2024-05-01T10:00:00.000Z",
    status: str | None = "open",
    detail_type: str = "Amazon Connect Cases Change",
    related_item_type: str = "Comment",
) -> dict[str, Any]:
    """An EventBridge Cases event on the documented sample, with the given identity and change time."""
    related = event_type.startswith("RELATED_ITEM.")
    name = "current_related_item_created" if related else "current_case_updated"
    event = load_event(f"cases/cases_event_docs_{name}.json")
    event.update(id=event_id, account=ACCOUNT, region=REGION, time=time)
    event["detail-type"] = detail_type
    domain_arn = f"arn:aws:cases:{REGION}:{ACCOUNT}:domain/{DOMAIN}"
    event["resources"] = [domain_arn, f"{domain_arn}/case/{case_id}"]
    detail = event["detail"]
    detail.update(eventType=event_type, approximateChangeTime=time)
    if related:
        detail["relatedItem"].update(caseId=case_id, relatedItemId=f"ri-{event_id}", relatedItemType=related_item_type)
    else:
        detail["case"]["caseId"] = case_id
        if status is None:
            del detail["case"]["fields"]["status"]
        else:
            detail["case"]["fields"]["status"]["value"]["stringValue"] = status
    return event


@pytest.fixture
def cases_table(aws: None) -> Any:
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "caseId", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return dynamodb


@pytest.fixture
def topic(aws: None) -> dict[str, Any]:
    """A topic with a queue subscribed (raw delivery off, so the queue sees SNS's envelope)."""
    sns = boto3.client("sns", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    topic_arn = sns.create_topic(Name="case-notifications")["TopicArn"]
    queue_url = sqs.create_queue(QueueName="case-notifications-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
    return {"arn": topic_arn, "queue_url": queue_url, "sns": sns, "sqs": sqs}


def received_notifications(topic: dict[str, Any]) -> list[dict[str, Any]]:
    """Every SNS envelope the subscribed queue holds."""
    out: list[dict[str, Any]] = []
    while True:
        page = topic["sqs"].receive_message(QueueUrl=topic["queue_url"], MaxNumberOfMessages=10)
        messages = page.get("Messages", [])
        if not messages:
            return out
        for message in messages:
            out.append(json.loads(message["Body"]))
            topic["sqs"].delete_message(QueueUrl=topic["queue_url"], ReceiptHandle=message["ReceiptHandle"])


class CallCounter:
    """Counts the AWS operations a client makes, through botocore's before-call hook."""

    def __init__(self, *clients: Any) -> None:
        self.calls: list[str] = []
        for c in clients:
            c.meta.events.register("before-call.*.*", self._count)

    def _count(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def count(self, operation: str) -> int:
        return self.calls.count(operation)

"""Fixtures of the agent event tests: agent events built on the documented samples, Kinesis records, and
the agents, contact-status and quarantine resources on moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from devtools.demos.agent_events import agent_arn, agent_event, kinesis_record

AGENTS = "agents"
STATUS = "contact-status"
REGION = "us-east-1"

__all__ = ["agent_arn", "agent_event", "kinesis_record"]


def create_agents_table(dynamodb: Any) -> None:
    dynamodb.create_table(
        TableName=AGENTS,
        KeySchema=[{"AttributeName": "AgentArn", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "AgentArn", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture
def dynamodb(aws: None) -> Any:
    client = boto3.client("dynamodb", region_name=REGION)
    create_agents_table(client)
    client.create_table(
        TableName=STATUS,
        KeySchema=[{"AttributeName": "ContactId", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ContactId", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


@pytest.fixture
def quarantine_queue(aws: None) -> dict[str, Any]:
    sqs = boto3.client("sqs", region_name=REGION)
    return {"sqs": sqs, "url": sqs.create_queue(QueueName="agent-events-quarantine")["QueueUrl"]}


def items(dynamodb: Any) -> dict[tuple[str, str], dict[str, Any]]:
    scanned = dynamodb.scan(TableName=AGENTS)["Items"]
    return {(i["AgentArn"]["S"], i["sk"]["S"]): i for i in scanned}


class CallCounter:
    """Counts the AWS operations a client makes, through botocore's before-call hook."""

    def __init__(self, client: Any) -> None:
        self.calls: list[str] = []
        client.meta.events.register("before-call.*.*", lambda model, **_: self.calls.append(model.name))

    def count(self, operation: str) -> int:
        return self.calls.count(operation)

"""Fixtures of the agent event tests: agent events built on the documented samples, Kinesis records, and
the agents, contact-status and quarantine resources on moto."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

import boto3
import pytest

from tests.support import load_event

AGENTS = "agents"
STATUS = "contact-status"
REGION = "us-east-1"
INSTANCE = "arn:aws:connect:us-east-1:012345678901:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111"


def agent_arn(name: str) -> str:
    return f"{INSTANCE}/agent/{name}"


def _contact(template: dict[str, Any], contact_id: str, state: str, at: str) -> dict[str, Any]:
    return {**template, "ContactId": contact_id, "State": state, "StateStartTimestamp": at}


def agent_event(
    *,
    agent: str = "agent-1",
    event_id: str = "ev-1",
    event_type: str = "STATE_CHANGE",
    at: str = "2019-05-25T18:55:27.017Z",
    status: str = "Available",
    contacts: Sequence[tuple[str, str]] = (),
    previous_contacts: Sequence[tuple[str, str]] = (),
    username: str | None = None,
) -> dict[str, Any]:
    """An agent event on the documented ACW sample, for ``agent``, with the given status and contacts."""
    event = load_event("agent_events/state_change_docs_acw_started.json")
    template = event["PreviousAgentSnapshot"]["Contacts"][0]
    event.update(AgentARN=agent_arn(agent), EventId=event_id, EventType=event_type, EventTimestamp=at)
    for key, listed in (("CurrentAgentSnapshot", contacts), ("PreviousAgentSnapshot", previous_contacts)):
        snapshot = event[key]
        snapshot["AgentStatus"]["Name"] = status if key == "CurrentAgentSnapshot" else "Available"
        snapshot["Configuration"].update(Username=username or agent, FirstName="Ada", LastName=agent.title())
        snapshot["Contacts"] = [_contact(template, cid, state, at) for cid, state in listed]
    return event


def kinesis_record(event: Any, sequence: str) -> dict[str, Any]:
    data = event if isinstance(event, bytes) else json.dumps(event).encode()
    return {
        "eventSource": "aws:kinesis",
        "eventSourceARN": "arn:aws:kinesis:us-east-1:012345678901:stream/agent-events",
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": "agent",
            "sequenceNumber": sequence,
            "data": base64.b64encode(data).decode(),
            "approximateArrivalTimestamp": 1558810527.017,
        },
    }


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

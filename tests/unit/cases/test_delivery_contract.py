"""The Cases consumer holds the delivery contract (docs/DELIVERY_CONTRACT.md): whatever order, duplication
and batch split the queue delivers a case's events in, through the SQS handler, the stored events, the
merged STATE items and the notification claims equal the in-order result, and each distinct event is
notified exactly once (counted on a queue subscribed to the topic)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import boto3
from hypothesis import strategies as st

from connect_data.cases.stream_handler import handler
from connect_data.common.dynamo import from_item
from devtools.sqs_events import sqs_record
from tests.delivery_contract import SCENARIOS_RUN, ContractConsumer, check_delivery_contract, scenarios_planned
from tests.unit.cases.conftest import REGION, TABLE, case_event

TYPES = ("CASE.CREATED", "CASE.UPDATED", "CASE.DELETED", "RELATED_ITEM.CREATED")
FIELDS = ("status", "title", "summary")
# Instants 500 ms apart and written three ways, so text order and time order disagree and ties happen.
INSTANTS = ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.500Z", "2024-05-01T09:00:01.000-01:00")
SAME_INSTANT = {"2024-05-01T10:00:00Z": "2024-05-01T10:00:00.000+00:00"}


@st.composite
def one_event(draw: Any, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(TYPES))
    instant = draw(st.sampled_from(INSTANTS))
    if draw(st.booleans()):
        instant = SAME_INSTANT.get(instant, instant)
    event = case_event(
        event_id=f"e{index:02d}", case_id=draw(st.sampled_from(("A", "B"))), event_type=kind, time=instant
    )
    if kind.startswith("CASE."):
        carried = draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=3))
        if carried:
            value = draw(st.sampled_from(("open", "closed", "x")))
            event["detail"]["case"]["fields"] = {f: {"value": {"stringValue": f"{f}-{value}"}} for f in carried}
        else:
            del event["detail"]["case"]["fields"]  # metadata only, as without includedData
        if draw(st.booleans()):
            event["detail"]["case"]["templateId"] = draw(st.sampled_from(("tpl-1", "tpl-2")))
    return event


@st.composite
def case_histories(draw: Any) -> list[dict[str, Any]]:
    size = draw(st.integers(1, 9))
    return [draw(one_event(i)) for i in range(size)]


@dataclass
class World:
    dynamodb: Any
    sqs: Any
    queue_url: str


class CasesWorld:
    """One topic with one queue subscribed (moto makes a 2048-bit signing key per subscription, so it is
    made once); each world gets an empty table and an emptied queue."""

    def __init__(self, monkeypatch: Any, context: Any) -> None:
        self.dynamodb = boto3.client("dynamodb", region_name=REGION)
        self.sqs = boto3.client("sqs", region_name=REGION)
        sns = boto3.client("sns", region_name=REGION)
        topic_arn = sns.create_topic(Name="case-notifications")["TopicArn"]
        self.queue_url = self.sqs.create_queue(QueueName="case-notifications-inbox")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])["Attributes"]
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn["QueueArn"])
        self.context = context
        self.made = False
        monkeypatch.setenv("CASES_TABLE", TABLE)
        monkeypatch.setenv("TOPIC_ARN", topic_arn)

    def new(self) -> World:
        if self.made:
            self.dynamodb.delete_table(TableName=TABLE)
            notified(World(self.dynamodb, self.sqs, self.queue_url))  # drains (PurgeQueue: once a minute)
        self.made = True
        self.dynamodb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": "caseId", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        return World(self.dynamodb, self.sqs, self.queue_url)

    def deliver(self, world: World, batch: list[dict[str, Any]]) -> None:
        records = [sqs_record(e, f"m{i}") for i, e in enumerate(batch)]
        assert handler({"Records": records}, self.context) == {"batchItemFailures": []}


ARRIVAL_DEPENDENT = ("storedAt", "updatedAt", "revision", "expiresAt")


def stored(world: World) -> dict[tuple[str, str], dict[str, Any]]:
    items = world.dynamodb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
    plain = (from_item(i) for i in items)
    return {(i["caseId"], i["sk"]): {k: v for k, v in i.items() if k not in ARRIVAL_DEPENDENT} for i in plain}


def notified(world: World) -> Counter[str]:
    counts: Counter[str] = Counter()
    while messages := world.sqs.receive_message(QueueUrl=world.queue_url, MaxNumberOfMessages=10).get("Messages"):
        for message in messages:
            counts[json.loads(message["Body"])["MessageAttributes"]["eventId"]["Value"]] += 1
            world.sqs.delete_message(QueueUrl=world.queue_url, ReceiptHandle=message["ReceiptHandle"])
    return counts


def test_cases_consumer_holds_the_delivery_contract(aws, monkeypatch, lambda_context):
    worlds = CasesWorld(monkeypatch, lambda_context)
    before = SCENARIOS_RUN["cases"]
    check_delivery_contract(
        ContractConsumer(
            name="cases",
            events=case_histories(),
            key=lambda e: e["id"],
            new_world=worlds.new,
            deliver=worlds.deliver,
            read_state=stored,
            side_effects=notified,
        )
    )
    print(f"cases: {SCENARIOS_RUN['cases'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["cases"] - before == scenarios_planned()

"""The contact-status processor holds the delivery contract (docs/DELIVERY_CONTRACT.md): contact events and
flow-log records of a few contacts, mixed, with poison records among them, delivered through the real
handler in any order, duplicated and split - the same items and the same quarantine as in order.

The state compared is each contact's status item with its history as readers see it (the pages merged, the
newest entries kept): how a delivery's entries fall into pages is not the contract, the merged history is.
A small reader bound (4) makes ``HistoryDropped`` part of every larger scenario.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

import boto3
from hypothesis import strategies as st

from connect_data.common.dynamo import to_item
from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.pages import ENTRIES, PAGE, page_key
from connect_data.contact_status.processor import handler
from devtools.sqs_events import sqs_event
from tests.delivery_contract import SCENARIOS_RUN, ContractConsumer, check_delivery_contract, scenarios_planned
from tests.unit.contact_status.conftest import HISTORY_TABLE, TABLE, create_status_table, delivery, stored

BASE_MS = 1_700_000_000_000
CONTACTS = {"A": ("VOICE", "INBOUND"), "B": ("CHAT", "API")}  # facts fixed per contact, as Connect's are
TYPES = ("INITIATED", "CONNECTED_TO_SYSTEM", "QUEUED", "CONNECTED_TO_AGENT", "CONTACT_DATA_UPDATED", "DISCONNECTED")
BLOCKS = ("SetQueue", "GetUserInput", "PlayPrompt")
# Offsets in ms: several events share a millisecond, and 999/1000 straddle a second.
OFFSETS = (0, 0, 1, 999, 1_000, 1_500)
HISTORY_MAX = 4


def contact_event(n: int, contact: str, event_type: str, at_ms: int) -> dict[str, Any]:
    channel, method = CONTACTS[contact]
    return {
        "id": f"ev-{n:02d}",
        "detail-type": "Amazon Connect Contact Event",
        "source": "aws.connect",
        "time": iso_utc(at_ms),
        "detail": {
            "contactId": contact,
            "eventType": event_type,
            "channel": channel,
            "initiationMethod": method,
            "initiationTimestamp": iso_utc(BASE_MS),
        },
    }


def flow_log(n: int, contact: str, block: str, at_ms: int) -> dict[str, Any]:
    record = {"ContactId": contact, "ContactFlowModuleType": block, "Timestamp": iso_utc(at_ms), "n": n}
    return {"id": f"{n:056d}", "timestamp": at_ms, "message": json.dumps(record)}


@st.composite
def one_event(draw: Any, n: int) -> dict[str, Any]:
    contact = draw(st.sampled_from(sorted(CONTACTS)))
    at_ms = BASE_MS + draw(st.sampled_from(OFFSETS))
    kind = draw(st.sampled_from(("event", "event", "flow", "flow", "poison-flow", "poison-event")))
    if kind == "event":
        return {"kind": kind, "body": contact_event(n, contact, draw(st.sampled_from(TYPES)), at_ms)}
    if kind == "flow":
        return {"kind": kind, "body": flow_log(n, contact, draw(st.sampled_from(BLOCKS)), at_ms)}
    if kind == "poison-flow":
        return {"kind": "flow", "body": {"id": f"{n:056d}", "timestamp": at_ms, "message": "[ERROR] not json"}}
    event = contact_event(n, contact, "QUEUED", at_ms)
    event["detail"]["disconnectTimestamp"] = 1e20  # out of the window: quarantined, never stored
    return {"kind": "event", "body": event}


@st.composite
def mixed_deliveries(draw: Any) -> list[dict[str, Any]]:
    return [draw(one_event(n)) for n in range(draw(st.integers(1, 10)))]


def key(event: dict[str, Any]) -> str:
    return f"{event['kind']}:{event['body']['id']}"


@dataclass
class World:
    queue_url: str


class StatusWorlds:
    """One status table, its history table and one quarantine queue at a time, recreated empty for each
    world."""

    def __init__(self, monkeypatch: Any, context: Any) -> None:
        self.dynamodb = boto3.client("dynamodb")
        self.sqs = boto3.client("sqs")
        self.context = context
        self.names = itertools.count()
        self.world: World | None = None
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("STATUS_TABLE", TABLE)
        monkeypatch.setenv("HISTORY_TABLE", HISTORY_TABLE)

    def new(self) -> World:
        if self.world:
            self.dynamodb.delete_table(TableName=TABLE)
            self.dynamodb.delete_table(TableName=HISTORY_TABLE)
            self.sqs.delete_queue(QueueUrl=self.world.queue_url)
        create_status_table(self.dynamodb, TABLE)
        self.world = World(self.sqs.create_queue(QueueName=f"quarantine-{next(self.names)}")["QueueUrl"])
        self.monkeypatch.setenv("QUARANTINE_QUEUE_URL", self.world.queue_url)
        return self.world

    def deliver(self, world: World, batch: list[dict[str, Any]]) -> None:
        """Flow-log records arrive together as one subscription delivery, each contact event on its own,
        in the batch's order (consecutive flow-log records form one delivery)."""
        for kind, run in itertools.groupby(batch, key=lambda e: e["kind"]):
            if kind == "flow":
                handler(delivery([e["body"] for e in run]), self.context)
            else:
                for event in run:
                    handler(event["body"], self.context)

    def state(self, world: World) -> dict[str, Any]:
        contacts = {
            item["ContactId"]["S"]
            for table in (TABLE, HISTORY_TABLE)
            for item in self.dynamodb.scan(TableName=table, ConsistentRead=True)["Items"]
        }
        quarantined: set[tuple[str, str]] = set()
        while messages := self.sqs.receive_message(
            QueueUrl=world.queue_url, MaxNumberOfMessages=10, VisibilityTimeout=600
        ).get("Messages"):
            for message in messages:
                body = json.loads(message["Body"])
                quarantined.add((body["reason"], body["record"]["id"]))
        # A redelivered poison record is quarantined again (at least once); the set of them is the contract.
        return {
            "items": {c: stored(self.dynamodb, c, max_entries=HISTORY_MAX) for c in sorted(contacts)},
            "quarantined": sorted(quarantined),
        }


def test_contact_status_processor_holds_the_delivery_contract(aws, monkeypatch, lambda_context):
    worlds = StatusWorlds(monkeypatch, lambda_context)
    before = SCENARIOS_RUN["contact-status"]
    check_delivery_contract(
        ContractConsumer(
            name="contact-status",
            events=mixed_deliveries(),
            key=key,
            new_world=worlds.new,
            deliver=worlds.deliver,
            read_state=worlds.state,
        )
    )
    print(f"contact-status: {SCENARIOS_RUN['contact-status'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["contact-status"] - before == scenarios_planned()


@st.composite
def stream_histories(draw: Any) -> list[dict[str, Any]]:
    """Stream records of the status and history tables: TTL deletions (archived) among ordinary ones (not
    archived)."""
    from tests.unit.contact_status.test_archive import stream_record

    records = []
    for n in range(draw(st.integers(1, 8))):
        ttl = draw(st.booleans())
        contact = draw(st.sampled_from(("c-1", "c-2", "c-3")))
        record = stream_record(contact, f"{1000 + n}", ttl=ttl)
        if draw(st.booleans()):  # a history page of the contact
            entries = {f"e{n}": {"t": n, "type": "X"}, f"e{n + 1}": {"t": n + 1, "type": "Y"}}
            page = {"ContactId": contact, PAGE: page_key(entries)}
            record["dynamodb"]["Keys"] = to_item(page)
            record["dynamodb"]["OldImage"] = to_item({**page, ENTRIES: entries, "ExpiresAt": n})
        if not ttl and draw(st.booleans()):
            record["eventName"] = "MODIFY"
        records.append(record)
    return records


def test_archive_holds_the_delivery_contract(aws, monkeypatch, lambda_context):
    from connect_data.contact_status.archive import handler as archive

    s3 = boto3.client("s3")
    monkeypatch.setenv("ARCHIVE_BUCKET", "archive")
    buckets = itertools.count()

    def new_world() -> str:
        name = f"archive-{next(buckets)}"
        s3.create_bucket(Bucket=name)
        monkeypatch.setenv("ARCHIVE_BUCKET", name)
        return name

    def deliver(bucket: str, batch: list[dict[str, Any]]) -> None:
        assert archive({"Records": batch}, lambda_context) == {"batchItemFailures": []}

    def objects(bucket: str) -> dict[str, Any]:
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {o["Key"]: json.loads(s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()) for o in listed}

    before = SCENARIOS_RUN["contact-status-archive"]
    check_delivery_contract(
        ContractConsumer(
            name="contact-status-archive",
            events=stream_histories(),
            key=lambda r: r["dynamodb"]["SequenceNumber"],
            new_world=new_world,
            deliver=deliver,
            read_state=objects,
        )
    )
    print(f"contact-status-archive: {SCENARIOS_RUN['contact-status-archive'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["contact-status-archive"] - before == scenarios_planned()


def sqs_batch(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Contact events as the contact-events queue's event source mapping hands them to the processor."""
    return sqs_event(events, ids=[f"m-{e['id']}-{n}" for n, e in enumerate(events)])


class QueuedStatusWorlds(StatusWorlds):
    """Contact events through the contact-events queue: consecutive ones form one batch, merged per contact."""

    def deliver(self, world: World, batch: list[dict[str, Any]]) -> None:
        for kind, run in itertools.groupby(batch, key=lambda e: e["kind"]):
            bodies = [e["body"] for e in run]
            if kind == "flow":
                handler(delivery(bodies), self.context)
            else:
                assert handler(sqs_batch(bodies), self.context) == {"batchItemFailures": []}


def test_contact_status_processor_holds_the_delivery_contract_with_batched_contact_events(
    aws, monkeypatch, lambda_context
):
    worlds = QueuedStatusWorlds(monkeypatch, lambda_context)
    before = SCENARIOS_RUN["contact-status-queued"]
    check_delivery_contract(
        ContractConsumer(
            name="contact-status-queued",
            events=mixed_deliveries(),
            key=key,
            new_world=worlds.new,
            deliver=worlds.deliver,
            read_state=worlds.state,
        )
    )
    print(f"contact-status-queued: {SCENARIOS_RUN['contact-status-queued'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["contact-status-queued"] - before == scenarios_planned()

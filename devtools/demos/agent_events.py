"""Agent events on the local stack: agent events through the deployed stream and processor, then the board.

Puts agent events built on the documented samples on the Terraform-deployed Kinesis stream (partition key
the agent ARN, as Connect does), reads them back from the shards and runs the deployed processor on them
as the event source mapping would - then once more, as a redelivery after a retry would. A contact the
deployed contact-status processor knows gets the agent's name from the join. Prints the agent board.

The builders here (agent events on the documented samples, Kinesis records) are shared by the unit tests
and the benchmark.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from devtools.demos._show import Summary, dlq_messages, say, show
from devtools.sample_events import load_event

INSTANCE = "arn:aws:connect:us-east-1:012345678901:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111"
DEMO_CONTACT = "demo-agent-contact-0001"


def agent_arn(name: str) -> str:
    return f"{INSTANCE}/agent/{name}"


# The demo's agents by username, so the board reads as a floor would (first and last name).
DEMO_NAMES = {"ada": ("Ada", "Lovelace"), "bob": ("Bob", "Kahn"), "cy": ("Cy", "Young"), "di": ("Di", "Fisher")}


def agent_event(
    *,
    agent: str = "agent-1",
    event_id: str = "ev-1",
    event_type: str = "STATE_CHANGE",
    at: str = "2019-05-25T18:55:27.017Z",
    status: str = "Available",
    status_since: str | None = None,
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
        if status_since:
            snapshot["AgentStatus"]["StartTimestamp"] = status_since
        first, last = DEMO_NAMES.get(agent, ("Ada", agent.title()))
        snapshot["Configuration"].update(Username=username or agent, FirstName=first, LastName=last)
        snapshot["Contacts"] = [
            {**template, "ContactId": cid, "State": state, "StateStartTimestamp": at} for cid, state in listed
        ]
    return event


def kinesis_record(
    event: Any, sequence: str, stream_arn: str = "arn:aws:kinesis:us-east-1:012345678901:stream/agent-events"
) -> dict[str, Any]:
    """A Lambda Kinesis record carrying ``event`` (JSON, or raw bytes for a poison record)."""
    data = event if isinstance(event, bytes) else json.dumps(event).encode()
    return {
        "eventSource": "aws:kinesis",
        "eventSourceARN": stream_arn,
        "eventID": f"shardId-000000000000:{sequence}",
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": event.get("AgentARN", "agent") if isinstance(event, dict) else "agent",
            "sequenceNumber": sequence,
            "data": base64.b64encode(data).decode(),
            "approximateArrivalTimestamp": 1558810527.017,
        },
    }


def shift_events(now_ms: int) -> list[dict[str, Any]]:
    """A few minutes of four agents: logins, a call answered, held and resumed, one wrapped up, a break, and
    heartbeats."""
    from connect_data.common.timeutil import iso_utc

    def at(seconds_ago: int) -> str:
        return iso_utc(now_ms - seconds_ago * 1000)

    events = [
        agent_event(agent="ada", event_id="ada-login", event_type="LOGIN", at=at(600), status_since=at(600)),
        agent_event(
            agent="ada",
            event_id="ada-connected",
            at=at(240),
            status_since=at(600),
            contacts=[(DEMO_CONTACT, "CONNECTED")],
            previous_contacts=[(DEMO_CONTACT, "CONNECTING")],
        ),
        agent_event(agent="bob", event_id="bob-login", event_type="LOGIN", at=at(900), status_since=at(900)),
        agent_event(
            agent="bob",
            event_id="bob-acw",
            at=at(45),
            status_since=at(900),
            contacts=[("demo-contact-0002", "ENDED")],
            previous_contacts=[("demo-contact-0002", "CONNECTED")],
        ),
        agent_event(agent="cy", event_id="cy-break", at=at(300), status="Break", status_since=at(300)),
        agent_event(
            agent="di", event_id="di-logout", event_type="LOGOUT", at=at(120), status="Offline", status_since=at(120)
        ),
    ]
    # ada puts the caller on hold for 30 s (the agent event stream is where a voice hold shows: the contact's
    # state CONNECTED_ONHOLD); the join adds it to the contact's item and its timeline draws the hold bar.
    events += [
        agent_event(
            agent="ada",
            event_id="ada-hold",
            at=at(200),
            status_since=at(600),
            contacts=[(DEMO_CONTACT, "CONNECTED_ONHOLD")],
            previous_contacts=[(DEMO_CONTACT, "CONNECTED")],
        ),
        agent_event(
            agent="ada",
            event_id="ada-resume",
            at=at(170),
            status_since=at(600),
            contacts=[(DEMO_CONTACT, "CONNECTED")],
            previous_contacts=[(DEMO_CONTACT, "CONNECTED_ONHOLD")],
        ),
    ]
    snapshots = {"ada": events[-1], "bob": events[3], "cy": events[4], "di": events[5]}
    for minute in range(3):
        for name, last in snapshots.items():
            beat = json.loads(json.dumps(last))
            beat.update(EventId=f"{name}-hb-{minute}", EventType="HEART_BEAT", EventTimestamp=at(100 - minute * 30))
            beat["PreviousAgentSnapshot"] = beat["CurrentAgentSnapshot"]
            events.append(beat)
    return events


@dataclass
class AgentDemo:
    """What the demo did and found; the integration test asserts on it."""

    put: int = 0
    read: int = 0
    replies: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    contact_item: dict[str, Any] = field(default_factory=dict)


def agent_events_outputs(stack: Any) -> dict[str, Any]:
    outputs = stack.outputs
    outputs = outputs.get("connect_data", outputs)
    outputs = outputs.get("value", outputs)
    section = outputs["agent_events"]
    return section.get("value", section) if isinstance(section, dict) else section


def _read_stream(kinesis: Any, stream_arn: str) -> list[dict[str, Any]]:
    records = []
    for shard in kinesis.list_shards(StreamARN=stream_arn)["Shards"]:
        iterator = kinesis.get_shard_iterator(
            StreamARN=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = kinesis.get_records(ShardIterator=iterator, StreamARN=stream_arn, Limit=1000)
            for r in page["Records"]:
                records.append(
                    {
                        "eventSource": "aws:kinesis",
                        "eventSourceARN": stream_arn,
                        "eventID": f"{shard['ShardId']}:{r['SequenceNumber']}",
                        "kinesis": {
                            "kinesisSchemaVersion": "1.0",
                            "partitionKey": r["PartitionKey"],
                            "sequenceNumber": r["SequenceNumber"],
                            "data": base64.b64encode(r["Data"]).decode(),
                            "approximateArrivalTimestamp": r["ApproximateArrivalTimestamp"].timestamp(),
                        },
                    }
                )
            iterator = page.get("NextShardIterator") if page["Records"] else None
    return records


def drive(stack: Any) -> AgentDemo:
    from connect_data.common.timeutil import now_ms
    from devtools.demos.contact_status import contact_event

    out = agent_events_outputs(stack)
    demo = AgentDemo()
    now = now_ms()
    status = stack.outputs["connect_data"].get("contact_status")
    if status:
        # The contact the agent answers, known to the deployed contact-status processor first.
        status_processor = stack.function(status["processor_function_name"])
        status_processor.invoke(contact_event(DEMO_CONTACT, "INITIATED", now - 400_000))
        status_processor.invoke(contact_event(DEMO_CONTACT, "QUEUED", now - 300_000))

    kinesis = stack.client("kinesis")
    events = shift_events(now)
    entries = [{"Data": json.dumps(e).encode(), "PartitionKey": e["AgentARN"]} for e in events]
    demo.put = len(entries) - kinesis.put_records(StreamARN=out["stream_arn"], Records=entries)["FailedRecordCount"]
    records = _read_stream(kinesis, out["stream_arn"])
    demo.read = len(records)

    processor = stack.function(out["function_name"])
    for delivery in (records, records[::-1]):  # in order, then all again as a redelivery
        for start in range(0, len(delivery), 10):
            demo.replies.append(processor.invoke({"Records": delivery[start : start + 10]}))

    dynamodb = stack.client("dynamodb")
    demo.items = dynamodb.scan(TableName=out["table_name"])["Items"]
    if status:
        demo.contact_item = dynamodb.get_item(
            TableName=status["table_name"], Key={"ContactId": {"S": DEMO_CONTACT}}
        ).get("Item", {})
    return demo


def run(stack: Any) -> Summary:
    from rich.console import Console

    from connect_data.cli.agent_board import load_board, render_terminal
    from connect_data.common.timeutil import now_ms

    demo = drive(stack)
    out = agent_events_outputs(stack)
    say(f"    agent events: {demo.put} put on the stream, {demo.read} read back from its shards")
    failures = sum(len(r["batchItemFailures"]) for r in demo.replies)
    current = [i for i in demo.items if i["sk"]["S"] == "CURRENT"]
    history = [i for i in demo.items if i["sk"]["S"].startswith("H#")]
    if demo.contact_item:
        show(
            "contact-status item joined",
            {k: next(iter(v.values())) for k, v in demo.contact_item.items() if k.startswith("Agent")},
        )
    Console(width=140).print(render_terminal(load_board(stack.client("dynamodb"), out["table_name"]), now_ms()))
    return Summary(
        "agent events",
        events_in=demo.read,
        items_written=len(current) + len(history),
        errors=failures,
        dlq_messages=dlq_messages(stack, out, also=("quarantine_queue_url",)),
        note=(
            f"{len(demo.replies)} processor batches (in order, then all redelivered); {len(current)} agents, "
            f"{len(history)} history entries (heartbeats wrote none)"
        ),
    )

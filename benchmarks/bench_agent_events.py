"""Agent events processor: DynamoDB writes, write units and reads per 1,000 agent events, against a moto server.

A realistic mix for a contact center, generated in time order over 200 agents and delivered in batches of
100 (the module's default batch size): 70 % heartbeats (Connect sends one per agent every 120 s without
other events), 25 % contact state changes (connecting, connected, on hold, ended, cleared), 4 % status
changes (Available, Break, Lunch) and 1 % logins/logouts; every newly connected contact has a
contact-status item, so the join writes. Units are priced from item sizes by benchmarks/capacity.py
(moto's ReturnConsumedCapacity is a constant). A heartbeat-only delivery of the same agents follows; its
budget is 0 writes. Also: zip size, cold start against the boto3 floor, warm time per batch.
"""

from __future__ import annotations

import json
import logging
import os
import random
from typing import Any

from benchmarks.capacity import item_size, metered, write_units
from benchmarks.common import Context, cold_start, local_aws, warm, zip_size
from devtools.demos.agent_events import agent_event, kinesis_record

AGENTS_TABLE = "bench-agents"
STATUS_TABLE = "bench-contact-status"
AGENTS = 100
EVENTS = 1000
BATCH = 100
START_MS = 1_735_725_600_000  # 2025-01-01T10:00:00Z


def _iso(ms: int) -> str:
    from connect_data.common.timeutil import iso_utc

    return iso_utc(ms)


def realistic_stream(
    seed: int = 12, *, events_count: int = EVENTS, agents: int = AGENTS
) -> tuple[list[dict[str, Any]], set[str]]:
    """``events_count`` agent events in time order, and the IDs of the contacts that get connected."""
    rng = random.Random(seed)
    state: dict[str, dict[str, Any]] = {
        f"agent-{n:03d}": {"status": "Available", "contact": None, "contact_state": None, "n": 0} for n in range(agents)
    }
    connected: set[str] = set()
    last: dict[str, dict[str, Any]] = {}
    events = []
    for i in range(events_count):
        name = rng.choice(sorted(state))
        agent = state[name]
        at = _iso(START_MS + i * 120)  # 1,000 events over two minutes: 100 agents' heartbeat cycle and more
        roll = rng.random()
        previous = [(agent["contact"], agent["contact_state"])] if agent["contact"] else []
        kind = "STATE_CHANGE"
        if roll < 0.70:
            kind = "HEART_BEAT"
        elif roll < 0.95:
            steps = {
                None: "CONNECTING",
                "CONNECTING": "CONNECTED",
                "CONNECTED": rng.choice(["CONNECTED_ONHOLD", "ENDED"]),
            }
            steps.update({"CONNECTED_ONHOLD": "CONNECTED", "ENDED": None})
            nxt = steps[agent["contact_state"]]
            if agent["contact_state"] is None:
                agent["n"] += 1
                agent["contact"] = f"{name}-contact-{agent['n']}"
            if nxt == "CONNECTED" and agent["contact_state"] == "CONNECTING":
                connected.add(agent["contact"])
            agent["contact_state"] = nxt
            if nxt is None:
                agent["contact"] = None
        elif roll < 0.99:
            agent["status"] = rng.choice(["Available", "Break", "Lunch"])
        else:
            kind = rng.choice(["LOGIN", "LOGOUT"])
            agent["status"] = "Offline" if kind == "LOGOUT" else "Available"
        if kind == "HEART_BEAT" and name in last:
            # Connect's heartbeat repeats the agent's snapshot, contact state start times included.
            beat = json.loads(json.dumps(last[name]))
            beat.update(EventId=f"e{i:05d}", EventType="HEART_BEAT", EventTimestamp=at)
            beat["PreviousAgentSnapshot"] = beat["CurrentAgentSnapshot"]
            events.append(beat)
            continue
        contacts = [(agent["contact"], agent["contact_state"])] if agent["contact"] else []
        event = agent_event(
            agent=name,
            event_id=f"e{i:05d}",
            event_type=kind,
            at=at,
            status=agent["status"],
            contacts=contacts,
            previous_contacts=contacts if kind == "HEART_BEAT" else previous,
        )
        last[name] = event
        events.append(event)
    return events, connected


def heart_beats_of(events: list[dict[str, Any]], offset_ms: int) -> list[dict[str, Any]]:
    """One heartbeat per agent repeating its last snapshot, ``offset_ms`` after the stream."""
    last: dict[str, dict[str, Any]] = {}
    for event in events:
        last[event["AgentARN"]] = event
    beats = []
    for n, event in enumerate(last.values()):
        beat = json.loads(json.dumps(event))
        beat.update(EventId=f"hb-{n}", EventType="HEART_BEAT", EventTimestamp=_iso(START_MS + offset_ms + n))
        beat["PreviousAgentSnapshot"] = beat["CurrentAgentSnapshot"]
        beats.append(beat)
    return beats


def _tables(dynamodb: Any) -> None:
    dynamodb.create_table(
        TableName=AGENTS_TABLE,
        KeySchema=[{"AttributeName": "AgentArn", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "AgentArn", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.create_table(
        TableName=STATUS_TABLE,
        KeySchema=[{"AttributeName": "ContactId", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ContactId", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def _deliver(handler: Any, events: list[dict[str, Any]], base: int = 0) -> None:
    for start in range(0, len(events), BATCH):
        records = [kinesis_record(e, f"{base + start + i:020d}") for i, e in enumerate(events[start : start + BATCH])]
        reply = handler({"Records": records}, Context())
        assert reply == {"batchItemFailures": []}, reply


def _per_thousand(value: float, events: int) -> float:
    return round(value * 1000 / events, 1)


def run(invocations: int = 10) -> list[dict]:
    size = zip_size("agent_events")
    cold = cold_start("connect_data.agent_events.handler", ["dynamodb"], runs=5)
    with local_aws():
        import boto3

        from connect_data.common.aws import BATCH_CLIENT_CONFIG, client

        dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
        _tables(dynamodb)
        events, connected = realistic_stream()
        setup = boto3.client("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
        for contact_id in connected:
            setup.put_item(TableName=STATUS_TABLE, Item={"ContactId": {"S": contact_id}, "Status": {"S": "QUEUED"}})
        os.environ.update(AGENTS_TABLE=AGENTS_TABLE, CONTACT_STATUS_TABLE=STATUS_TABLE, POWERTOOLS_LOG_LEVEL="WARNING")
        from connect_data.agent_events.handler import handler
        from connect_data.common.log import logger

        logger.setLevel(logging.WARNING)
        counts = {
            k: sum(e["EventType"] == k for e in events) for k in ("HEART_BEAT", "STATE_CHANGE", "LOGIN", "LOGOUT")
        }
        with metered(dynamodb) as mix:
            _deliver(handler, events)
        beats = heart_beats_of(events, offset_ms=EVENTS * 120 + 120_000)
        with metered(dynamodb) as idle:
            _deliver(handler, beats, base=EVENTS)
        current = [i for i in setup.scan(TableName=AGENTS_TABLE)["Items"] if i["sk"]["S"] == "CURRENT"]
        mean_current = sum(item_size(i) for i in current) / len(current)
        batch = [kinesis_record(e, f"{i:020d}") for i, e in enumerate(beats[:BATCH])]
        timing = warm(lambda: handler({"Records": batch}, Context()), invocations)

    mix_units = mix.as_dict()
    return [
        {
            "function": "agent events",
            "scenario": f"1,000 events of a realistic mix ({EVENTS} over {AGENTS} agents, batches of {BATCH})",
            "zip_kb": round(size / 1024, 1),
            **{key: round(v, 2) for key, v in cold.items()},
            "mix": {k: _per_thousand(v, EVENTS) for k, v in counts.items()},
            "contacts_joined_per_1000": _per_thousand(len(connected), EVENTS),
            "write_requests_per_1000": _per_thousand(mix_units["write_requests"], EVENTS),
            "write_units_per_1000": _per_thousand(mix_units["write_units"], EVENTS),
            "failed_condition_units_per_1000": _per_thousand(mix_units["failed_condition_units"], EVENTS),
            "read_requests_per_1000": _per_thousand(mix_units["read_requests"], EVENTS),
            "read_units_per_1000": _per_thousand(mix_units["read_units"], EVENTS),
            "mean_current_item_bytes": round(mean_current),
            # What deciding heartbeats by a conditional write would cost instead of the read.
            "heart_beat_units_if_conditional_write_per_1000": _per_thousand(
                counts["HEART_BEAT"] * write_units(round(mean_current)), EVENTS
            ),
        },
        {
            "function": "agent events",
            "scenario": f"heartbeat-only delivery, {len(beats)} agents (budget: 0 writes)",
            "write_requests": idle.write_requests,
            "write_units": idle.all_write_units,
            "read_requests": idle.read_requests,
            "read_units": idle.read_units,
            **{f"batch_of_{BATCH}_heart_beats_{key}": round(v, 2) for key, v in timing.items()},
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

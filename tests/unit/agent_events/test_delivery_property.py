"""Whatever order, duplication and batching the stream delivers agent events in, the agents table ends with
exactly the items an in-order delivery leaves, and a redelivery of everything changes no current item.

Heartbeats are generated as Connect sends them: each repeats the snapshot of the agent's last change (or,
before any change, the state the agent was in when the stream started).
"""

from __future__ import annotations

import boto3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from tests.unit.agent_events.conftest import AGENTS, REGION, agent_event, create_agents_table, kinesis_record

SETTINGS = ProcessorSettings(store=StoreSettings(table_name=AGENTS))
STATUSES = ["Available", "Break", "Offline"]
CONTACT_STATES = [(), (("c1", "CONNECTED"),), (("c1", "CONNECTED_ONHOLD"),), (("c1", "ENDED"),)]

step = st.one_of(
    st.just(("HEART_BEAT", None, None)),
    st.tuples(
        st.sampled_from(["STATE_CHANGE", "LOGIN", "LOGOUT"]), st.sampled_from(STATUSES), st.sampled_from(CONTACT_STATES)
    ),
)
stream = st.lists(st.tuples(st.sampled_from(["a1", "a2"]), step, st.integers(0, 3000)), min_size=1, max_size=14)


def _events(steps):
    """Agent events with per-agent increasing times; heartbeats copy the agent's last snapshot."""
    last: dict[str, tuple[str, tuple]] = {}
    clock: dict[str, int] = {}
    events = []
    for i, (agent, (kind, status, contacts), gap) in enumerate(steps):
        clock[agent] = clock.get(agent, 1_558_810_000_000) + 1 + gap
        if kind == "HEART_BEAT":
            status, contacts = last.get(agent, ("Offline", ()))
        else:
            last[agent] = (status, contacts)
        ms = clock[agent]
        at = f"2019-05-25T18:{(ms // 60000) % 60:02d}:{(ms // 1000) % 60:02d}.{ms % 1000:03d}Z"
        events.append(
            agent_event(agent=agent, event_id=f"e{i:02d}", event_type=kind, at=at, status=status, contacts=contacts)
        )
    return events


def _deliver(dynamodb, events, cut):
    written = 0
    for start in range(0, len(events), cut):
        chunk = events[start : start + cut]
        records = [kinesis_record(e, f"{start + i:05d}") for i, e in enumerate(chunk)]
        outcome = process_batch(records, dynamodb, None, SETTINGS)
        assert outcome.failed_sequence_numbers == []
        written += outcome.current_written
    return written


def _final_items(events, cut):
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_agents_table(dynamodb)
        _deliver(dynamodb, events, cut)
        return dynamodb, sorted(
            dynamodb.scan(TableName=AGENTS)["Items"], key=lambda i: (i["AgentArn"]["S"], i["sk"]["S"])
        )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=stream, order=st.randoms(use_true_random=False), cut=st.integers(1, 6), repeat=st.booleans())
def test_any_delivery_leaves_the_items_of_in_order_delivery(steps, order, cut, repeat):
    events = _events(steps)
    _, expected = _final_items(events, 1)
    delivered = events + (events[: len(events) // 2] if repeat else [])
    order.shuffle(delivered)
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        create_agents_table(dynamodb)
        _deliver(dynamodb, delivered, cut)
        actual = sorted(dynamodb.scan(TableName=AGENTS)["Items"], key=lambda i: (i["AgentArn"]["S"], i["sk"]["S"]))
        assert actual == expected
        order.shuffle(delivered)
        assert _deliver(dynamodb, delivered, cut) == 0  # a full redelivery replaces no current item

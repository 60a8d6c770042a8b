"""Holds from the agent event stream (contact state CONNECTED_ONHOLD) on the contact's status item."""

from __future__ import annotations

import itertools

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from connect_data.common.dynamo import from_item
from connect_data.contact_status.timeline import friendly_lines, lanes
from tests.unit.agent_events.conftest import AGENTS, STATUS, agent_event, kinesis_record

SETTINGS = ProcessorSettings(store=StoreSettings(AGENTS), contact_status_table=STATUS)
T = "2019-05-25T18:55:{:02d}.000Z"
T_MS = 1558810500000  # 2019-05-25T18:55:00Z


def _hold_events() -> list[dict]:
    """Answered at :00, on hold :10 to :20, on hold again :30 to :45, with a heartbeat while on hold."""
    step = [
        ("CONNECTED", "CONNECTING", 0),
        ("CONNECTED_ONHOLD", "CONNECTED", 10),
        ("CONNECTED", "CONNECTED_ONHOLD", 20),
    ]
    step += [("CONNECTED_ONHOLD", "CONNECTED", 30), ("CONNECTED", "CONNECTED_ONHOLD", 45)]
    events = [
        agent_event(event_id=f"e{n}", at=T.format(s), contacts=[("c-1", now)], previous_contacts=[("c-1", before)])
        for n, (now, before, s) in enumerate(step)
    ]
    beat = agent_event(
        event_id="hb",
        event_type="HEART_BEAT",
        at=T.format(35),
        contacts=[("c-1", "CONNECTED_ONHOLD")],
        previous_contacts=[("c-1", "CONNECTED_ONHOLD")],
    )
    return [*events, beat]


def _status_item(dynamodb) -> dict:
    return from_item(dynamodb.get_item(TableName=STATUS, Key={"ContactId": {"S": "c-1"}})["Item"])


def test_holds_land_on_the_status_item_whatever_the_order_and_duplication(dynamodb):
    events = _hold_events()
    seen = []
    for order in itertools.islice(itertools.permutations(range(len(events))), 0, 720, 97):
        dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c-1"}})
        delivered = [events[i] for i in order] + [events[order[0]]]  # and one duplicate
        for n, event in enumerate(delivered):
            process_batch([kinesis_record(event, f"{n}")], dynamodb, None, SETTINGS)
        item = _status_item(dynamodb)
        seen.append((sorted(item["HoldStartedAt"]), sorted(item["HoldEndedAt"])))
    assert set(map(repr, seen)) == {repr(([T_MS + 10_000, T_MS + 30_000], [T_MS + 20_000, T_MS + 45_000]))}


def test_the_timeline_pairs_each_hold_start_with_its_end(dynamodb):
    dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c-1"}, "InitiatedAt": {"N": str(T_MS)}})
    records = [kinesis_record(e, f"{n}") for n, e in enumerate(_hold_events())]
    assert process_batch(records, dynamodb, None, SETTINGS).joins.holds_written == 1  # one update per contact
    holds = [(b.start_ms - T_MS, b.end_ms - T_MS) for b in lanes([_status_item(dynamodb)])[0].bars if b.kind == "hold"]
    assert holds == [(10_000, 20_000), (30_000, 45_000)]


def test_the_text_timeline_tells_each_hold_and_how_long_it_lasted(dynamodb):
    dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c-1"}, "InitiatedAt": {"N": str(T_MS)}})
    events = _hold_events()[:-2]  # the second hold is still open: it starts, never ends
    process_batch([kinesis_record(e, f"{n}") for n, e in enumerate(events)], dynamodb, None, SETTINGS)
    told = [(line.at_ms - T_MS, line.text) for line in friendly_lines(_status_item(dynamodb))]
    assert told == [
        (10_000, "put on hold by the agent"),
        (20_000, "taken off hold after 10 s"),
        (30_000, "put on hold by the agent"),
    ]


def test_a_lane_with_no_history_after_the_answer_still_reaches_its_holds(dynamodb):
    # The demo's call: its history ends when it was queued; the hold comes later, from the agent events.
    dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c-1"}, "InitiatedAt": {"N": str(T_MS - 60_000)}})
    records = [kinesis_record(e, f"{n}") for n, e in enumerate(_hold_events())]
    process_batch(records, dynamodb, None, SETTINGS)
    [lane] = lanes([_status_item(dynamodb)])
    assert lane.start_ms == T_MS - 60_000 and lane.end_ms == T_MS + 45_000


def test_a_heartbeat_while_on_hold_and_a_contact_without_status_item_write_nothing(dynamodb):
    [beat] = [kinesis_record(e, "1") for e in _hold_events() if e["EventType"] == "HEART_BEAT"]
    assert process_batch([beat], dynamodb, None, SETTINGS).joins.holds_written == 0
    hold = kinesis_record(_hold_events()[1], "2")
    outcome = process_batch([hold], dynamodb, None, SETTINGS)
    assert outcome.failed_sequence_numbers == [] and outcome.joins.holds_written == 0
    assert "Item" not in dynamodb.get_item(TableName=STATUS, Key={"ContactId": {"S": "c-1"}})

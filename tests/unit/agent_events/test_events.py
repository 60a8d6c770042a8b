"""Parsing the documented agent events, and the reason a record that is not one gets."""

from __future__ import annotations

import base64

import pytest

from connect_data.agent_events.events import InvalidAgentEvent, decode_kinesis_record, parse_agent_event
from tests.support import load_event
from tests.unit.agent_events.conftest import agent_event, kinesis_record


def test_documented_acw_event_keeps_status_profile_and_the_ended_contact():
    event = parse_agent_event(load_event("agent_events/state_change_docs_acw_started.json"))
    assert event.event_type == "STATE_CHANGE" and event.agent_id == "agent-ARN"
    assert event.at_ms == 1558810527017
    assert event.status_name == "Available" and event.status_start_ms == 1558809839049
    assert event.routing_profile_name == "Basic Routing Profile"
    (contact,) = event.contacts
    assert (contact.contact_id, contact.state, contact.channel) == ("ContactId-1", "ENDED", "VOICE")
    assert contact.connected_to_agent_ms == 1558810521011 and contact.queue_name == "BasicQueue"
    assert event.previous_contact_states == {"ContactId-1": "CONNECTED"}
    assert event.newly_connected() == []


def test_documented_heart_beat_has_the_offline_status_and_no_contacts():
    event = parse_agent_event(load_event("agent_events/heart_beat_docs_sample.json"))
    assert event.is_heart_beat and event.status_name == "Offline" and event.contacts == ()
    assert event.username == "aestest" and event.agent_name == "AgentEventStreamTest Agent"


def test_version_orders_by_millisecond_then_event_id():
    early = parse_agent_event(agent_event(event_id="b", at="2019-05-25T18:55:27.017Z"))
    tie = parse_agent_event(agent_event(event_id="c", at="2019-05-25T18:55:27.017Z"))
    later = parse_agent_event(agent_event(event_id="a", at="2019-05-25T18:55:27.018Z"))
    assert early.version < tie.version < later.version


def test_a_contact_that_connects_is_newly_connected_and_a_held_one_is_not():
    connecting = parse_agent_event(
        agent_event(contacts=[("c1", "CONNECTED")], previous_contacts=[("c1", "CONNECTING")])
    )
    held = parse_agent_event(
        agent_event(contacts=[("c1", "CONNECTED_ONHOLD")], previous_contacts=[("c1", "CONNECTED")])
    )
    assert [c.contact_id for c in connecting.newly_connected()] == ["c1"]
    assert held.newly_connected() == []


def test_the_digest_ignores_the_event_and_follows_the_snapshot():
    first = parse_agent_event(agent_event(event_id="1", event_type="HEART_BEAT", at="2019-05-25T18:55:27.017Z"))
    second = parse_agent_event(agent_event(event_id="2", event_type="HEART_BEAT", at="2019-05-25T18:57:27.017Z"))
    on_break = parse_agent_event(agent_event(event_id="3", status="Break"))
    assert first.digest == second.digest != on_break.digest


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"EventType": "STATE_CHANGE"}', "AgentARN"),
    ],
)
def test_undecodable_records_say_why(data, reason):
    with pytest.raises(InvalidAgentEvent, match=reason):
        decode_kinesis_record(kinesis_record(data, "1"))


def test_a_record_that_is_not_base64_says_so():
    record = kinesis_record(b"{}", "1")
    record["kinesis"]["data"] = "%%%"
    with pytest.raises(InvalidAgentEvent, match="base64"):
        decode_kinesis_record(record)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"EventType": "ROUTING"}, "EventType"),
        ({"EventTimestamp": "yesterday"}, "EventTimestamp"),
        ({"EventTimestamp": "2019-05-25T18:55:27.017"}, "time zone"),
        ({"EventId": None}, "EventId"),
    ],
)
def test_fields_that_cannot_be_right_are_named(change, reason):
    event = agent_event()
    event.update(change)
    with pytest.raises(InvalidAgentEvent, match=reason):
        parse_agent_event(event)


def test_base64_of_the_documented_sample_decodes():
    record = kinesis_record(load_event("agent_events/heart_beat_docs_sample.json"), "1")
    assert base64.b64decode(record["kinesis"]["data"])
    assert decode_kinesis_record(record).event_id == "EventId-1"

"""A Kinesis batch of agent events on moto: current items, history, heartbeats, poison and failures."""

from __future__ import annotations

import json

from botocore.exceptions import ClientError

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from tests.support import load_event
from tests.unit.agent_events.conftest import AGENTS, STATUS, CallCounter, agent_arn, agent_event, items, kinesis_record

SETTINGS = ProcessorSettings(store=StoreSettings(table_name=AGENTS, history_ttl_seconds=3600))


def _records(*events):
    return [kinesis_record(e, f"{i:05d}") for i, e in enumerate(events)]


def test_a_state_change_makes_the_current_item_and_one_history_entry(dynamodb):
    event = agent_event(contacts=[("c1", "CONNECTED")], previous_contacts=[("c1", "CONNECTING")])
    outcome = process_batch(_records(event), dynamodb, None, SETTINGS)
    assert outcome.failed_sequence_numbers == [] and outcome.current_written == 1
    stored = items(dynamodb)
    current = stored[(agent_arn("agent-1"), "CURRENT")]
    assert current["StatusName"] == {"S": "Available"} and current["Username"] == {"S": "agent-1"}
    assert current["RoutingProfileName"] == {"S": "Basic Routing Profile"}
    assert current["Contacts"]["M"]["c1"]["M"]["State"] == {"S": "CONNECTED"}
    assert current["LastEventAt"] == {"N": "1558810527017"} and current["FromHeartBeat"] == {"BOOL": False}
    (history,) = [v for (_, sk), v in stored.items() if sk.startswith("H#")]
    assert history["sk"] == {"S": "H#2019-05-25T18:55:27.017Z#ev-1"}
    assert history["ExpiresAt"] == {"N": str(1558810527 + 3600)}
    assert history["ContactStates"] == {"M": {"c1": {"S": "CONNECTED"}}}


def test_heart_beats_that_confirm_the_stored_state_write_nothing(dynamodb):
    change = agent_event(event_id="s", at="2019-05-25T18:55:27.017Z")
    process_batch(_records(change), dynamodb, None, SETTINGS)
    beats = [
        agent_event(event_id=f"hb{i}", event_type="HEART_BEAT", at=f"2019-05-25T19:{i:02d}:27.017Z") for i in range(10)
    ]
    counter = CallCounter(dynamodb)
    outcome = process_batch(_records(*beats), dynamodb, None, SETTINGS)
    assert outcome.failed_sequence_numbers == [] and outcome.current_written == 0
    assert counter.count("UpdateItem") == 0 and counter.count("BatchWriteItem") == 0
    assert counter.count("BatchGetItem") == 1  # one read for the batch's heartbeat-only agent
    assert items(dynamodb)[(agent_arn("agent-1"), "CURRENT")]["LastEventId"] == {"S": "s"}


def test_a_heart_beat_that_shows_a_missed_change_writes_it(dynamodb):
    process_batch(_records(agent_event(event_id="s")), dynamodb, None, SETTINGS)
    beat = agent_event(event_id="hb", event_type="HEART_BEAT", at="2019-05-25T19:00:00.000Z", status="Break")
    outcome = process_batch(_records(beat), dynamodb, None, SETTINGS)
    assert outcome.current_written == 1
    current = items(dynamodb)[(agent_arn("agent-1"), "CURRENT")]
    assert current["StatusName"] == {"S": "Break"} and current["FromHeartBeat"] == {"BOOL": True}


def test_an_older_event_never_replaces_a_newer_one(dynamodb):
    newer = agent_event(event_id="new", at="2019-05-25T19:00:00.000Z", status="Break")
    older = agent_event(event_id="old", at="2019-05-25T18:00:00.000Z", status="Available")
    process_batch(_records(newer), dynamodb, None, SETTINGS)
    outcome = process_batch(_records(older), dynamodb, None, SETTINGS)
    assert outcome.failed_sequence_numbers == [] and outcome.current_written == 0
    assert items(dynamodb)[(agent_arn("agent-1"), "CURRENT")]["StatusName"] == {"S": "Break"}
    assert len([k for k in items(dynamodb) if k[1].startswith("H#")]) == 2


def test_a_poison_record_is_quarantined_with_its_reason_and_its_neighbours_are_stored(dynamodb, quarantine_queue):
    good = agent_event(event_id="good")
    records = [kinesis_record(b"{broken", "00001"), kinesis_record(good, "00002")]
    settings = ProcessorSettings(store=SETTINGS.store, quarantine_queue_url=quarantine_queue["url"])
    outcome = process_batch(records, dynamodb, quarantine_queue["sqs"], settings)
    assert outcome.failed_sequence_numbers == [] and outcome.quarantined == 1
    (message,) = quarantine_queue["sqs"].receive_message(QueueUrl=quarantine_queue["url"])["Messages"]
    body = json.loads(message["Body"])
    assert body["sequenceNumber"] == "00001" and "not JSON" in body["reason"]
    assert body["data"] == records[0]["kinesis"]["data"]
    assert (agent_arn("agent-1"), "CURRENT") in items(dynamodb)


def test_without_a_quarantine_queue_a_poison_record_is_reported_failed(dynamodb):
    records = [kinesis_record(b"[]", "00001"), kinesis_record(agent_event(), "00002")]
    outcome = process_batch(records, dynamodb, None, SETTINGS)
    assert outcome.response() == {"batchItemFailures": [{"itemIdentifier": "00001"}]}


def test_a_failed_write_fails_only_that_agents_records(dynamodb):
    def throttle_agent_2(params, **_):
        if params.get("Key", {}).get("AgentArn", {}).get("S") == agent_arn("agent-2"):
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "UpdateItem")

    dynamodb.meta.events.register("before-parameter-build.dynamodb.UpdateItem", throttle_agent_2)
    events = [agent_event(agent="agent-1", event_id="a"), agent_event(agent="agent-2", event_id="b")]
    outcome = process_batch(_records(*events), dynamodb, None, SETTINGS)
    assert outcome.response() == {"batchItemFailures": [{"itemIdentifier": "00001"}]}
    assert (agent_arn("agent-1"), "CURRENT") in items(dynamodb)


def test_a_connected_contact_gets_the_agents_name_on_its_status_item(dynamodb):
    dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c1"}, "Status": {"S": "QUEUED"}})
    event = agent_event(
        agent="agent-1", username="ada", contacts=[("c1", "CONNECTED"), ("c2", "CONNECTED")], previous_contacts=[]
    )
    settings = ProcessorSettings(store=SETTINGS.store, contact_status_table=STATUS)
    outcome = process_batch(_records(event), dynamodb, None, settings)
    assert outcome.joins.written == 1 and outcome.joins.no_status_item == 1
    status = dynamodb.get_item(TableName=STATUS, Key={"ContactId": {"S": "c1"}})["Item"]
    assert status["AgentUsername"] == {"S": "ada"} and status["AgentName"] == {"S": "Ada Agent-1"}
    assert status["Status"] == {"S": "QUEUED"}  # the status store's attributes are left alone
    assert "Item" not in dynamodb.get_item(TableName=STATUS, Key={"ContactId": {"S": "c2"}})


def test_a_transferred_contacts_later_agent_wins_in_any_order(dynamodb):
    dynamodb.put_item(TableName=STATUS, Item={"ContactId": {"S": "c1"}})
    first = agent_event(agent="agent-1", event_id="1", at="2019-05-25T18:00:00.000Z", contacts=[("c1", "CONNECTED")])
    second = agent_event(agent="agent-2", event_id="2", at="2019-05-25T18:10:00.000Z", contacts=[("c1", "CONNECTED")])
    settings = ProcessorSettings(store=SETTINGS.store, contact_status_table=STATUS)
    process_batch(_records(second), dynamodb, None, settings)
    outcome = process_batch(_records(first), dynamodb, None, settings)
    assert outcome.joins.stale == 1
    status = dynamodb.get_item(TableName=STATUS, Key={"ContactId": {"S": "c1"}})["Item"]
    assert status["AgentUsername"] == {"S": "agent-2"}


def test_documented_samples_flow_through(dynamodb):
    events = [
        load_event("agent_events/state_change_docs_acw_started.json"),
        load_event("agent_events/state_change_docs_acw_finished.json"),
        load_event("agent_events/heart_beat_docs_sample.json"),
    ]
    outcome = process_batch(_records(*events), dynamodb, None, SETTINGS)
    assert outcome.failed_sequence_numbers == [] and outcome.current_written == 2
    finished = items(dynamodb)[(events[0]["AgentARN"], "CURRENT")]
    assert finished["LastEventId"] == {"S": "477f2c4f-cd1a-4785-b1a8-97023dc1229d"}
    assert finished["Contacts"] == {"M": {}}

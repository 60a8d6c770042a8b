"""The processor against the status table on moto: real fixtures, seed scenarios, bad input, budgets."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import boto3
import pytest

from connect_data.contact_status.events import encode_subscription
from connect_data.contact_status.history import sorted_history
from connect_data.contact_status.processor import handler, process_delivery
from tests.support import load_event
from tests.unit.contact_status.conftest import (
    SETTINGS,
    delivery,
    real_contact_events,
    real_flow_log_events,
    stored,
)

DISCONNECTED_MIDFLOW = "8b6c3e87-a3d5-46d6-b8bf-3aa1def785b2"
WITH_AGENT = "edfcdfa6-358e-4594-981a-adeab87a8cc5"
AGENT_DISCONNECTED = "515c5c7e-036e-44f0-baa2-562b6216982a"
TRANSFERRED = "a56502b2-8565-4227-989a-fa783a6d8dfd"


def replay_all(dynamodb: Any) -> None:
    for event in real_contact_events():
        process_delivery(dynamodb, SETTINGS, event)
    process_delivery(dynamodb, SETTINGS, delivery(real_flow_log_events()))


def history_types(item: dict[str, Any]) -> list[str]:
    return [e["type"] for e in sorted_history(item["History"])]


def test_chat_disconnected_midflow_has_every_flag_and_history_in_event_time_order(status_table):
    replay_all(status_table)
    item = stored(status_table, DISCONNECTED_MIDFLOW)
    assert item["Status"] == "DISCONNECTED"
    assert item["ConnectedToSystem"] is True and item["Disconnected"] is True
    assert "Queued" not in item and "ConnectedToAgent" not in item
    assert item["DisconnectedAt"] == 1673368352170
    assert item["LatestFlow"]["BlockType"] == "GetUserInput" and item["LatestFlow"]["FlowName"] == "ContactLens"
    assert history_types(item) == [
        "INITIATED",
        "CONNECTED_TO_SYSTEM",
        "SetLoggingBehavior",
        "SetQueue",
        "SetRecordingBehavior",
        "GetUserInput",
        "DISCONNECTED",
    ]
    # Retention is minutes: a day after the last event, not the seed's 60 days.
    assert item["ExpiresAt"] == 1673368352170 // 1000 + 1440 * 60


def test_chat_queued_agent_disconnected_orders_connected_to_system_by_its_milliseconds(status_table):
    replay_all(status_table)
    item = stored(status_table, AGENT_DISCONNECTED)
    assert item["Status"] == "DISCONNECTED"
    assert item["Queued"] and item["ConnectedToAgent"] and item["Disconnected"] and item["ConnectedToSystem"]
    assert item["AgentArn"].endswith("/agent/d3e3b92c-55ce-4cd1-bfdf-717b8613022f")
    types = history_types(item)
    # The seed put CONNECTED_TO_SYSTEM (21:24:02.032) after flow blocks of 21:24:02.4xx (its second-precision time).
    assert types.index("CONNECTED_TO_SYSTEM") < types.index("SetLoggingBehavior")
    assert types[-3:] == ["QUEUED", "CONNECTED_TO_AGENT", "DISCONNECTED"]


def test_chat_with_agent_is_marked_transferred_towards_the_transfer_contact(status_table):
    replay_all(status_table)
    item = stored(status_table, WITH_AGENT)
    assert item["Status"] == "CONNECTED_TO_AGENT"
    assert item["Transferred"] is True and item["TransferredToContactId"] == TRANSFERRED
    assert item["QueueArn"].endswith("/queue/603dc072-2f0f-4164-865f-1727a2b3d6e9")


def test_transfer_contact_keeps_its_links_and_is_one_query_away_from_the_initial_contact(status_table):
    replay_all(status_table)
    item = stored(status_table, TRANSFERRED)
    assert item["Status"] == "QUEUED" and item["InitiationMethod"] == "TRANSFER"
    assert item["InitialContactId"] == WITH_AGENT and item["PreviousContactId"] == WITH_AGENT
    assert item["InitiatedAt"] == 1673368475885
    related = status_table.query(
        TableName="contact-status",
        IndexName="by-initial-contact",
        KeyConditionExpression="InitialContactId = :c",
        ExpressionAttributeValues={":c": {"S": WITH_AGENT}},
    )["Items"]
    assert sorted(i["ContactId"]["S"] for i in related) == sorted([WITH_AGENT, TRANSFERRED])


def test_chat_in_queue_state_before_the_agent_answers(status_table):
    for event in real_contact_events():
        if event["detail"]["contactId"] == WITH_AGENT and event["detail"]["eventType"] != "CONNECTED_TO_AGENT":
            process_delivery(status_table, SETTINGS, event)
    item = stored(status_table, WITH_AGENT)
    assert item["Status"] == "QUEUED" and item["Queued"] is True and "ConnectedToAgent" not in item


@pytest.mark.parametrize(
    "name",
    [
        "contact_event_docs2023_disconnected.normalized.json",
        "contact_event_docs_current_connected_to_agent.normalized.json",
        "contact_event_docs_current_contact_data_updated.normalized.json",
        "contact_event_docs_current_routing_step_expired.json",
        "contact_event_envelope_scv_test_fixture.json",
    ],
)
def test_every_documented_contact_event_lands_on_its_item(status_table, name):
    event = load_event(f"contact_status/{name}")
    result = process_delivery(status_table, SETTINGS, event)
    item = stored(status_table, event["detail"]["contactId"])
    assert result.skipped == {} and len(item["History"]) == 1
    entry = next(iter(item["History"].values()))
    assert entry["type"] == event["detail"]["eventType"]


def test_contact_data_updated_keeps_status_and_float_numbers(status_table):
    event = load_event("contact_status/contact_event_docs_current_routing_step_expired.json")
    process_delivery(status_table, SETTINGS, event)
    item = stored(status_table, event["detail"]["contactId"])
    assert "Status" not in item
    steps = next(iter(item["History"].values()))["detail"]["routingCriteria"]["steps"]
    assert steps[0]["expression"]["attributeCondition"]["proficiencyLevel"] == 3


def test_a_new_event_type_goes_to_history_without_failing(status_table):
    event = load_event("contact_status/contact_event_envelope_scv_test_fixture.json")
    event["detail"]["eventType"] = "SOMETHING_NEW"
    event["detail"]["somethingNewTimestamp"] = "2021-08-29T18:39:44.500Z"
    process_delivery(status_table, SETTINGS, event)
    item = stored(status_table, event["detail"]["contactId"])
    assert "Status" not in item and history_types(item) == ["SOMETHING_NEW"]
    assert item["LastEventType"] == "SOMETHING_NEW"


def test_invoke_lambda_flow_logs_keep_results_and_identifier(status_table):
    success = load_event("contact_status/contact_flow_log_invoke_lambda_success.json")
    error = load_event("contact_status/contact_flow_log_invoke_lambda_error.json")
    events = [
        {"id": "1", "timestamp": 1, "message": json.dumps(success)},
        {"id": "2", "timestamp": 2, "message": json.dumps(error)},
    ]
    process_delivery(status_table, SETTINGS, delivery(events))
    item = stored(status_table, success["ContactId"])
    records = [e["record"] for e in sorted_history(item["History"])]
    assert records[0]["ExternalResults"]["customerName"] == "Arnav Desai"
    assert records[1]["Results"] == "The Lambda Function Returned An Error."
    assert item["LatestFlow"]["BlockIdentifier"] == "0c51520c-6249-4ff9-9feb-xxxxxxxxxxxx"


def test_synthetic_subscription_fixture_is_decoded_and_control_messages_are_skipped(status_table):
    result = process_delivery(
        status_table,
        SETTINGS,
        load_event("contact_status/SYNTHETIC_cloudwatch_logs_event_with_real_connect_flow_logs.json"),
    )
    assert result.records == 5 and result.skipped == {}
    control = encode_subscription(load_event("contact_status/SYNTHETIC_cloudwatch_logs_control_message.decoded.json"))
    assert process_delivery(status_table, SETTINGS, control).as_dict()["skipped"] == {"controlMessage": 1}


def test_bad_records_are_quarantined_by_reason_and_the_rest_of_the_batch_is_stored(status_table):
    good = real_flow_log_events()[:3]
    bad = [
        {"id": "x1", "timestamp": 1, "message": "[ERROR] not json"},
        {"id": "x2", "timestamp": 1, "message": json.dumps(["a list"])},
        {"id": "x3", "timestamp": 1, "message": json.dumps({"ContactFlowModuleType": "SetQueue"})},
        {"id": "x4", "timestamp": 1, "message": None},
        "not even a mapping",
    ]
    result = process_delivery(status_table, SETTINGS, delivery(bad + good))
    assert result.records == 8 and result.skipped == {}
    assert result.quarantined == {
        "MESSAGE_NOT_JSON": 1,
        "MESSAGE_NOT_OBJECT": 1,
        "NO_CONTACT_ID": 1,
        "NO_MESSAGE": 1,
        "NOT_A_RECORD": 1,
    }
    assert len(stored(status_table, DISCONNECTED_MIDFLOW)["History"]) == 3


def test_powertools_sample_with_plain_text_messages_quarantines_each_record(status_table):
    result = process_delivery(
        status_table, SETTINGS, load_event("contact_status/cloudwatch_logs_subscription_event_powertools_sample.json")
    )
    assert result.records == 2 and result.quarantined == {"MESSAGE_NOT_JSON": 2} and result.calls == 0


@pytest.mark.parametrize(
    "event",
    [
        {"awslogs": {"data": "not base64!"}},
        {"awslogs": {"data": "aGVsbG8="}},
        {"source": "aws.s3"},
        None,
    ],
)
def test_undecodable_deliveries_raise_so_they_reach_the_dead_letter_queue(status_table, lambda_context, event):
    with pytest.raises(ValueError):
        handler(event, lambda_context)


def test_contact_event_without_contact_id_is_quarantined_not_fatal(status_table, lambda_context, monkeypatch):
    sqs = boto3.client("sqs")
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", sqs.create_queue(QueueName="dlq")["QueueUrl"])
    event = copy.deepcopy(real_contact_events()[0])
    del event["detail"]["contactId"]
    assert handler(event, lambda_context)["quarantined"] == {"NO_CONTACT_ID": 1}


def test_handler_reports_what_it_did(status_table, lambda_context):
    reply = handler(delivery(real_flow_log_events()), lambda_context)
    assert reply["records"] == 29 and reply["contacts"] == 4


@pytest.mark.parametrize(
    ("event_type", "flag"),
    [
        ("INITIATED", None),
        ("CONNECTED_TO_SYSTEM", "ConnectedToSystem"),
        ("QUEUED", "Queued"),
        ("CONNECTED_TO_AGENT", "ConnectedToAgent"),
        ("PAUSED", None),
        ("RESUMED", None),
        ("DISCONNECTED", "Disconnected"),
        ("COMPLETED", "Completed"),
    ],
)
def test_every_lifecycle_event_type_sets_status_and_its_flag(status_table, event_type, flag):
    from devtools.demos.contact_status import contact_event

    process_delivery(status_table, SETTINGS, contact_event("c-life", event_type, 1_700_000_000_123))
    item = stored(status_table, "c-life")
    assert item["Status"] == event_type and item["StatusAt"] == 1_700_000_000_123
    assert (item.get(flag) is True) if flag else not any(item.get(f) for f in ("Queued", "Disconnected", "Completed"))


def test_completed_after_disconnected_in_the_same_millisecond_wins_whatever_the_order(status_table):
    from devtools.demos.contact_status import contact_event

    at = 1_700_000_000_000
    process_delivery(status_table, SETTINGS, contact_event("c-tie", "COMPLETED", at))
    process_delivery(
        status_table, SETTINGS, contact_event("c-tie", "DISCONNECTED", at, disconnectReason="AGENT_DISCONNECT")
    )
    item = stored(status_table, "c-tie")
    assert item["Status"] == "COMPLETED" and item["DisconnectReason"] == "AGENT_DISCONNECT"


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_delivery_counts_its_records_and_the_dynamodb_calls_it_reports(status_table, lambda_context, emf):
    reply = handler(delivery(real_flow_log_events()), lambda_context)
    metrics = emf("contact_status", forbidden=(DISCONNECTED_MIDFLOW, WITH_AGENT, TRANSFERRED))
    assert metrics == {
        "DynamoDBCalls": reply["dynamodbCalls"],
        "RecordsProcessed": 29,
        "RecordsSkipped": 0,
        "RecordsQuarantined": 0,
    }


def test_emf_a_record_without_contact_id_is_counted_as_quarantined(status_table, lambda_context, monkeypatch, emf):
    sqs = boto3.client("sqs")
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", sqs.create_queue(QueueName="dlq")["QueueUrl"])
    event = copy.deepcopy(real_contact_events()[0])
    del event["detail"]["contactId"]
    handler(event, lambda_context)
    assert emf("contact_status") == {
        "DynamoDBCalls": 0,
        "RecordsProcessed": 0,
        "RecordsSkipped": 0,
        "RecordsQuarantined": 1,
    }


def test_emf_an_undecodable_delivery_still_prints_its_line(status_table, lambda_context, emf):
    with pytest.raises(ValueError):
        handler({"awslogs": {"data": "aGVsbG8="}}, lambda_context)
    assert emf("contact_status") == {"DynamoDBCalls": 0}


def test_emf_records_the_redrive_tool_replays_are_counted_as_replayed(status_table, lambda_context, emf):
    from types import SimpleNamespace

    from connect_data.cli.redrive import REPLAY_CLIENT_CONTEXT

    # What Lambda hands the function when redrive invokes with its ClientContext.
    lambda_context.client_context = SimpleNamespace(
        custom=json.loads(base64.b64decode(REPLAY_CLIENT_CONTEXT))["custom"]
    )
    handler(real_contact_events()[0], lambda_context)
    metrics = emf("contact_status")
    assert metrics["RecordsProcessed"] == 1 and metrics["RecordsReplayed"] == 1

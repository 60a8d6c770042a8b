"""Agent events on the local stack (examples/local applied to moto): Terraform created the stream, the
mapping and the agents table; agent events put on the deployed stream, read back from its shards and run
through the deployed processor leave one current item per agent, history without heartbeats, and the
agent's name and the caller's hold on the contact-status item of the contact it answered."""

from __future__ import annotations

import pytest

from devtools.demos.agent_events import DEMO_CONTACT, agent_arn, agent_events_outputs, drive

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(local_stack):
    return drive(local_stack)


def test_terraform_created_the_stream_the_mapping_and_the_table(local_stack):
    out = agent_events_outputs(local_stack)
    stream = local_stack.client("kinesis").describe_stream_summary(StreamARN=out["stream_arn"])[
        "StreamDescriptionSummary"
    ]
    assert stream["StreamModeDetails"]["StreamMode"] == "ON_DEMAND" and stream["EncryptionType"] == "KMS"
    mapping = local_stack.client("lambda").get_event_source_mapping(UUID=out["event_source_mapping_uuid"])
    assert mapping["EventSourceArn"] == out["stream_arn"] and mapping["FunctionArn"].endswith(out["function_name"])
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"] and mapping["BisectBatchOnFunctionError"]
    table = local_stack.client("dynamodb").describe_table(TableName=out["table_name"])["Table"]
    assert [k["AttributeName"] for k in table["KeySchema"]] == ["AgentArn", "sk"]
    assert out["storage_config_association_id"] is None  # moto has no Connect


def test_every_record_is_read_back_and_none_fails(demo):
    assert demo.put == demo.read == 20
    assert all(reply == {"batchItemFailures": []} for reply in demo.replies)


def test_one_current_item_per_agent_and_history_without_heartbeats(demo):
    current = {i["AgentArn"]["S"]: i for i in demo.items if i["sk"]["S"] == "CURRENT"}
    assert sorted(current) == sorted(agent_arn(a) for a in ("ada", "bob", "cy", "di"))
    assert current[agent_arn("ada")]["Contacts"]["M"][DEMO_CONTACT]["M"]["State"] == {"S": "CONNECTED"}
    assert current[agent_arn("cy")]["StatusName"] == {"S": "Break"}
    assert all(i["FromHeartBeat"] == {"BOOL": False} for i in current.values())
    history = [i for i in demo.items if i["sk"]["S"].startswith("H#")]
    assert len(history) == 8 and all(i["EventType"]["S"] != "HEART_BEAT" for i in history)


def test_the_answered_contact_names_its_agent(demo):
    assert demo.contact_item["AgentUsername"] == {"S": "ada"}
    assert demo.contact_item["AgentArn"] == {"S": agent_arn("ada")}


def test_the_answered_contact_carries_its_30_second_hold(demo):
    [start] = demo.contact_item["HoldStartedAt"]["NS"]
    [end] = demo.contact_item["HoldEndedAt"]["NS"]
    assert int(end) - int(start) == 30_000

"""Cases on the local stack (examples/local applied to moto): the deployed rule routes the sample case
events to the deployed queue, the deployed stream function stores them and notifies the topic, and the
deployed flow function answers CHAT, TASK and other contacts."""

from __future__ import annotations

import json

import pytest

from devtools.demos.cases import cases_outputs, drive, sample_events
from devtools.sqs_events import run_mapping

pytestmark = pytest.mark.integration
CASE = "it-cases-local-0001"  # this test's own case: the local stack is shared by every integration test


@pytest.fixture(scope="module")
def demo(local_stack):
    return drive(local_stack, case_id=CASE)


def test_the_rule_routes_every_sample_event_to_the_queue(demo):
    assert demo.put == 4 and demo.routed == 4


def test_the_stream_function_reports_no_failures_and_stores_every_event(demo):
    assert all(batch == {"batchItemFailures": []} for batch in demo.batches)
    assert sorted(i["eventType"]["S"] for i in demo.events) == [
        "CASE.CREATED",
        "CASE.UPDATED",
        "RELATED_ITEM.CREATED",
        "RELATED_ITEM.CREATED",
    ]


def test_the_case_state_is_the_newest_case_change(demo):
    assert demo.state["status"] == {"S": "pending"} and demo.state["lastEventType"] == {"S": "CASE.UPDATED"}
    assert demo.state["fields"]["M"]["case_reason"] == {"S": "Shipment lost"}


def test_every_event_is_notified_with_filterable_attributes(demo):
    assert len(demo.notifications) == 4
    types = sorted(n["MessageAttributes"]["eventType"]["Value"] for n in demo.notifications)
    assert types == ["CASE.CREATED", "CASE.UPDATED", "RELATED_ITEM.CREATED", "RELATED_ITEM.CREATED"]
    assert all(n["Subject"].startswith(f"Case {CASE}:") for n in demo.notifications)


def test_the_flow_function_answers_each_channel(demo):
    assert demo.flow_replies["CHAT"] == {
        "chat_contact_id": "demo-chat",
        "chat_intent": "refund",
        "chat_orderId": "o-123",
        "status": "OK",
    }
    # moto has no Cases: the local example has no domain, which the flow function reports.
    assert demo.flow_replies["TASK"] == {"status": "ERROR", "error": "NOT_CONFIGURED", "errorDetail": "CASES_DOMAIN_ID"}
    assert demo.flow_replies["VOICE"]["error"] == "UNSUPPORTED_CHANNEL"


def test_event_streams_stay_off_locally(local_stack):
    out = cases_outputs(local_stack)
    assert out["provision_function_name"] is None and out["event_streams_result"] is None


def test_the_rule_target_retries_then_keeps_failed_deliveries_in_the_dead_letter_queue(local_stack):
    out = cases_outputs(local_stack)
    events, sqs = local_stack.client("events"), local_stack.client("sqs")
    [target] = events.list_targets_by_rule(Rule=out["rule_name"])["Targets"]
    assert target["Arn"] == out["queue_arn"]
    assert target["RetryPolicy"] == {"MaximumRetryAttempts": 10, "MaximumEventAgeInSeconds": 3600}
    assert target["DeadLetterConfig"] == {"Arn": out["dead_letter_queue_arn"]}
    attributes = sqs.get_queue_attributes(QueueUrl=out["dead_letter_queue_url"], AttributeNames=["All"])["Attributes"]
    [statement] = json.loads(attributes["Policy"])["Statement"]
    assert statement["Principal"] == {"Service": "events.amazonaws.com"} and statement["Action"] == "sqs:SendMessage"
    assert statement["Resource"] == out["dead_letter_queue_arn"]
    assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": out["rule_arn"]}}
    assert attributes.get("SqsManagedSseEnabled") == "true" or attributes.get("KmsMasterKeyId")


def _consume(sqs, function, out, rounds):
    """The event source mapping, `rounds` times, on the deployed consumer; answers the failed bodies."""
    return run_mapping(sqs, out["queue_url"], out["queue_arn"], function.invoke, rounds=rounds).failed_bodies


def test_redrive_moves_a_dead_lettered_case_event_back_and_it_fails_again_alone(local_stack):
    from connect_data.cli.redrive import redrive

    out = cases_outputs(local_stack)
    sqs, dynamodb = local_stack.client("sqs"), local_stack.client("dynamodb")
    function = local_stack.function(out["stream_function_name"])
    receive_limit = json.loads(
        sqs.get_queue_attributes(QueueUrl=out["queue_url"], AttributeNames=["RedrivePolicy"])["Attributes"][
            "RedrivePolicy"
        ]
    )["maxReceiveCount"]
    good = sample_events()[0]
    good["id"], good["detail"]["case"]["caseId"] = "redrive-good", "redrive-case"
    poison = '{"source": "aws.cases", "detail": "truncated'
    sqs.send_message(QueueUrl=out["queue_url"], MessageBody=poison)
    sqs.send_message(QueueUrl=out["queue_url"], MessageBody=json.dumps(good))

    # moto moves the message to the dead-letter queue on the receive after the limit, as SQS does.
    assert set(_consume(sqs, function, out, int(receive_limit) + 2)) == {poison}
    state = dynamodb.get_item(
        TableName=out["table_name"], Key={"caseId": {"S": "redrive-case"}, "sk": {"S": "STATE"}}, ConsistentRead=True
    )
    assert "Item" in state

    assert redrive(sqs, out["dead_letter_queue_url"], dry_run=True) == {f"would move to {out['queue_url']}": 1}
    assert redrive(sqs, out["dead_letter_queue_url"]) == {"moved": 1}
    # Fixing nothing, the replayed event fails again, alone, and is back in the dead-letter queue once.
    assert set(_consume(sqs, function, out, int(receive_limit) + 2)) == {poison}
    dead = sqs.receive_message(QueueUrl=out["dead_letter_queue_url"], MaxNumberOfMessages=10, VisibilityTimeout=0)
    assert [m["Body"] for m in dead["Messages"]] == [poison]
    assert sqs.receive_message(QueueUrl=out["queue_url"], MaxNumberOfMessages=10).get("Messages", []) == []
    sqs.purge_queue(QueueUrl=out["dead_letter_queue_url"])

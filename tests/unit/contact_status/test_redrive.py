"""``redrive`` on moto SQS: quarantined records re-invoked through the processor (in-process here, the
deployed zip in tests/integration), SQS dead letters moved back to their source queue, the rest left."""

from __future__ import annotations

import copy
import json
from typing import Any

import boto3
import pytest

from connect_data.cli.redrive import INVOKE, NOT_REPLAYABLE, main, plan_replay, redrive
from connect_data.contact_status.processor import handler
from connect_data.contact_status.quarantine import replay_payload
from devtools.sqs_events import received_event
from tests.unit.contact_status.conftest import delivery, real_contact_events, real_flow_log_events, stored
from tests.unit.contact_status.test_quarantine import FLOW_LOG_POISON

PROCESSOR_ARN = "arn:aws:lambda:us-east-1:123456789012:function:test-function"


@pytest.fixture
def dead_letter_queue(status_table: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="contact-status-dlq")["QueueUrl"]
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", url)
    return sqs, url


def bodies(sqs: Any, url: str) -> list[dict[str, Any]]:
    found = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
    return [json.loads(m["Body"]) for m in found]


def poison_delivery() -> dict[str, Any]:
    good = real_flow_log_events()[:2]
    return delivery([*good, {"id": "poison-1", "timestamp": 1, "message": "[ERROR] not json"}])


def test_a_quarantined_record_replayed_unfixed_is_quarantined_again_once_no_loop_no_loss(
    dead_letter_queue, lambda_context
):
    sqs, url = dead_letter_queue
    assert handler(poison_delivery(), lambda_context)["quarantined"] == {"MESSAGE_NOT_JSON": 1}
    [before] = bodies(sqs, url)
    assert before["replayTo"] == PROCESSOR_ARN

    invoked: list[str] = []

    def invoke(function: str, payload: Any) -> None:
        invoked.append(function)
        handler(payload, lambda_context)

    outcome = redrive(sqs, url, invoker=invoke)
    assert outcome == {"replayed": 1, "left: arrived during the run": 1} and invoked == [PROCESSOR_ARN]
    [after] = bodies(sqs, url)
    assert after["record"] == before["record"] and after["reason"] == before["reason"]
    assert after["quarantinedAt"] >= before["quarantinedAt"]


def test_dry_run_changes_nothing(dead_letter_queue, lambda_context):
    sqs, url = dead_letter_queue
    handler(poison_delivery(), lambda_context)
    outcome = redrive(sqs, url, invoker=None, dry_run=True)
    assert outcome == {f"would invoke {PROCESSOR_ARN}": 1}
    assert len(bodies(sqs, url)) == 1


def test_a_failing_invocation_leaves_the_message_in_the_queue(dead_letter_queue, lambda_context):
    sqs, url = dead_letter_queue
    handler(poison_delivery(), lambda_context)

    def broken(function: str, payload: Any) -> None:
        raise RuntimeError("function raised")

    assert redrive(sqs, url, invoker=broken) == {"failed: RuntimeError": 1}
    assert len(bodies(sqs, url)) == 1


def test_a_failed_delivery_replayed_is_stored_and_leaves_the_queue(
    status_table, dead_letter_queue, lambda_context, monkeypatch
):
    sqs, url = dead_letter_queue
    lost = real_flow_log_events()[0]
    monkeypatch.delenv("QUARANTINE_QUEUE_URL")
    # An asynchronous invocation that failed every retry: Lambda's on-failure record holds the payload.
    failure = {
        "version": "1.0",
        "requestContext": {"requestId": "r", "functionArn": PROCESSOR_ARN, "condition": "RetriesExhausted"},
        "requestPayload": delivery([lost]),
        "responsePayload": {"errorMessage": "throttled"},
    }
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(failure))
    assert redrive(sqs, url, invoker=lambda f, p: handler(p, lambda_context)) == {"replayed": 1}
    assert bodies(sqs, url) == []
    assert len(stored(status_table, json.loads(lost["message"])["ContactId"])["History"]) == 1


def test_sqs_dead_letters_are_moved_back_to_their_source_queue(aws):
    sqs = boto3.client("sqs")
    dlq = sqs.create_queue(QueueName="cases-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(
        QueueName="cases",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5})},
    )["QueueUrl"]
    for n in range(12):
        sqs.send_message(
            QueueUrl=dlq,
            MessageBody=json.dumps({"n": n}),
            MessageAttributes={"kind": {"DataType": "String", "StringValue": "case"}},
        )
    assert redrive(sqs, "cases-dlq", dry_run=True) == {f"would move to {source}": 12}
    assert redrive(sqs, "cases-dlq") == {"moved": 12}
    moved = []
    while batch := sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10, MessageAttributeNames=["All"]).get(
        "Messages"
    ):
        moved += batch
        for m in batch:
            sqs.delete_message(QueueUrl=source, ReceiptHandle=m["ReceiptHandle"])
    assert sorted(json.loads(m["Body"])["n"] for m in moved) == list(range(12))
    assert {m["MessageAttributes"]["kind"]["StringValue"] for m in moved} == {"case"}
    assert bodies(sqs, dlq) == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            {
                "Body": json.dumps({"id": "e-1", "detail-type": "Amazon Connect Contact Event"}),
                "MessageAttributes": {"TARGET_ARN": {"StringValue": PROCESSOR_ARN, "DataType": "String"}},
            },
            (INVOKE, PROCESSOR_ARN),
        ),
        (
            {"Body": json.dumps({"requestContext": {"functionArn": "archive"}, "DDBStreamBatchInfo": {}})},
            (NOT_REPLAYABLE, None),
        ),
        ({"Body": "not json"}, (NOT_REPLAYABLE, None)),
    ],
)
def test_each_dead_letter_shape_is_replayed_where_it_came_from(message, expected):
    replay = plan_replay(message)
    assert (replay.action, replay.function) == expected


def test_the_command_has_help_and_a_dry_run(dead_letter_queue, lambda_context, capsys):
    with pytest.raises(SystemExit) as help_exit:
        main(["--help"])
    assert help_exit.value.code == 0 and "--dry-run" in capsys.readouterr().out
    handler(poison_delivery(), lambda_context)
    capsys.readouterr()  # the processor's own EMF line, not the command's output
    assert main(["contact-status-dlq", "--dry-run", "--region", "us-east-1"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed[printed.index("{") :]) == {f"would invoke {PROCESSOR_ARN}": 1}


@pytest.mark.parametrize("reason", sorted(FLOW_LOG_POISON))
def test_each_poison_class_replayed_unfixed_is_quarantined_again_exactly_once(
    dead_letter_queue, lambda_context, reason
):
    sqs, url = dead_letter_queue
    good = real_flow_log_events()[:2]
    reply = handler(delivery([good[0], FLOW_LOG_POISON[reason], good[1]]), lambda_context)
    assert reply["quarantined"] == {reason: 1}
    [before] = bodies(sqs, url)

    outcome = redrive(sqs, url, invoker=lambda _function, payload: handler(payload, lambda_context))
    assert outcome == {"replayed": 1, "left: arrived during the run": 1}
    [after] = bodies(sqs, url)
    assert (after["reason"], after["record"]) == (reason, before["record"])


@pytest.mark.parametrize(
    ("reason", "change"),
    [
        ("CONTACT_ID_TOO_LONG", lambda d: d.update(contactId="c" * 3_000)),
        ("TIMESTAMP_OUT_OF_WINDOW", lambda d: d.update(initiationTimestamp=1e20)),
        ("TIMESTAMP_NOT_FINITE", lambda d: d.update(disconnectTimestamp=float("inf"))),
    ],
)
def test_a_poison_contact_event_replayed_unfixed_is_quarantined_again_exactly_once(
    dead_letter_queue, lambda_context, reason, change
):
    sqs, url = dead_letter_queue
    bad = copy.deepcopy(real_contact_events()[0])
    change(bad["detail"])
    assert handler(bad, lambda_context)["quarantined"] == {reason: 1}
    [before] = bodies(sqs, url)

    outcome = redrive(sqs, url, invoker=lambda _function, payload: handler(payload, lambda_context))
    assert outcome == {"replayed": 1, "left: arrived during the run": 1}
    [after] = bodies(sqs, url)
    assert after["reason"] == reason and replay_payload(after)["id"] == replay_payload(before)["id"] == bad["id"]


def test_the_contact_events_dead_letter_queue_is_moved_back_and_then_stored(status_table, lambda_context):
    """A contact event on the contact-events DLQ goes back to the contact-events queue, whose next batch stores it."""
    from tests.unit.contact_status.conftest import real_contact_events

    sqs = boto3.client("sqs")
    dlq = sqs.create_queue(QueueName="test-contact-status-events-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue = sqs.create_queue(
        QueueName="test-contact-status-events",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5})},
    )["QueueUrl"]
    event = real_contact_events()[0]
    sqs.send_message(QueueUrl=dlq, MessageBody=json.dumps(event))

    assert redrive(sqs, "test-contact-status-events-dlq") == {"moved": 1}

    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    batch = received_event(messages, queue_arn="arn:aws:sqs:us-east-1:123456789012:test-contact-status-events")
    assert handler(batch, lambda_context) == {"batchItemFailures": []}
    assert stored(status_table, event["detail"]["contactId"])["Status"] == event["detail"]["eventType"]

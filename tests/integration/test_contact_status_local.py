"""The contact status as deployed by Terraform to moto, run from the deployed zips and environments."""

from __future__ import annotations

import json

import pytest

from connect_data.common.dynamo import from_item
from connect_data.common.timeutil import now_ms
from connect_data.contact_status.pages import read_history, with_history
from devtools.demos.contact_status import contact_event, delivery, real_flow_log_events, shuffled_deliveries
from devtools.sqs_events import sqs_event
from tests.support import flow_event

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def outputs(local_stack):
    return local_stack.outputs["connect_data"]["contact_status"]


@pytest.fixture(scope="module")
def processor(local_stack, outputs):
    function = local_stack.function(outputs["processor_function_name"])
    for event in shuffled_deliveries():
        function.invoke(event)
    return function


def _status_item(local_stack, outputs, contact_id):
    """The deployed status item as the status table holds it."""
    response = local_stack.client("dynamodb").get_item(
        TableName=outputs["table_name"], Key={"ContactId": {"S": contact_id}}, ConsistentRead=True
    )
    return from_item(response["Item"])


def _item(local_stack, outputs, contact_id):
    """The deployed status item with its history read from the deployed history table's pages."""
    history = read_history(local_stack.client("dynamodb"), outputs["history_table_name"], contact_id)
    return with_history(_status_item(local_stack, outputs, contact_id), history)


def test_shuffled_replay_with_duplicates_builds_the_seed_scenarios(local_stack, outputs, processor):
    midflow = _item(local_stack, outputs, "8b6c3e87-a3d5-46d6-b8bf-3aa1def785b2")
    assert midflow["Status"] == "DISCONNECTED" and midflow["LatestFlow"]["BlockType"] == "GetUserInput"
    assert len(midflow["History"]) == 7
    assert "History" not in _status_item(local_stack, outputs, "8b6c3e87-a3d5-46d6-b8bf-3aa1def785b2")
    origin = _item(local_stack, outputs, "edfcdfa6-358e-4594-981a-adeab87a8cc5")
    assert origin["Status"] == "CONNECTED_TO_AGENT" and origin["Transferred"] is True
    transfer = _item(local_stack, outputs, "a56502b2-8565-4227-989a-fa783a6d8dfd")
    assert transfer["InitialContactId"] == "edfcdfa6-358e-4594-981a-adeab87a8cc5" and transfer["Status"] == "QUEUED"


def test_a_redelivered_subscription_changes_nothing(local_stack, outputs, processor):
    before = _item(local_stack, outputs, "515c5c7e-036e-44f0-baa2-562b6216982a")
    reply = processor.invoke(delivery(real_flow_log_events()))
    assert reply["records"] == 29 and reply["dynamodbCalls"] <= 8
    assert _item(local_stack, outputs, "515c5c7e-036e-44f0-baa2-562b6216982a") == before


def test_record_then_history_through_the_deployed_functions(local_stack, outputs, processor):
    record = local_stack.function(outputs["record_function_name"])
    history = local_stack.function(outputs["history_function_name"])
    processor.invoke(contact_event("it-recent", "QUEUED", now_ms() - 3 * 60_000))
    reply = record.invoke(flow_event(caller="+14155550100", contact_id="it-recent", parameters={"a": "1"}))
    assert reply == {"recorded": "true", "attributeCount": "1"}
    answer = history.invoke(flow_event(caller="+14155550100", contact_id="it-new"))
    assert answer["contactCount"] == "1" and answer["lastContactId"] == "it-recent"
    assert answer["activeVoice"] == "1" and answer["minutesSinceLastContact"] == "3"


def test_deployed_environment_matches_the_module(processor, outputs):
    assert processor.environment["STATUS_TABLE"] == outputs["table_name"]
    assert processor.environment["HISTORY_TABLE"] == outputs["history_table_name"]
    assert processor.environment["RETENTION_MINUTES"] == "1440"
    assert processor.handler == "connect_data.contact_status.processor.handler"


def test_redrive_replays_a_quarantined_record_through_the_deployed_processor(local_stack, outputs, processor):
    from connect_data.cli.redrive import redrive

    sqs = local_stack.client("sqs")
    url = outputs["dead_letter_queue_url"]
    poison = {"id": "it-poison", "timestamp": now_ms(), "message": "[ERROR] not json"}
    good = real_flow_log_events()[:1]
    assert processor.invoke(delivery([poison, *good]))["quarantined"] == {"MESSAGE_NOT_JSON": 1}

    invoked: list[str] = []

    def invoke(function: str, payload: object) -> None:
        invoked.append(function)
        processor.invoke(payload)  # the deployed zip, in its own process

    outcome = redrive(sqs, url, invoker=invoke)
    assert outcome == {"replayed": 1, "left: arrived during the run": 1}
    assert len(invoked) == 1 and invoked[0].endswith(f":function:{outputs['processor_function_name']}")
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)["Messages"]
    bodies = [json.loads(m["Body"]) for m in messages]
    assert [(b["reason"], b["record"]["id"]) for b in bodies] == [("MESSAGE_NOT_JSON", "it-poison")]
    sqs.purge_queue(QueueUrl=url)


def test_contact_events_reach_the_processor_through_the_queue_in_batches(local_stack, outputs, processor):
    """The applied wiring: rule -> queue (rule-only policy, DLQ) -> event source mapping with partial batch
    failures on the processor's live alias; a batch taken from the queue is stored by the deployed zip."""
    import json

    sqs, events, lam = local_stack.client("sqs"), local_stack.client("events"), local_stack.client("lambda")
    queue_url, queue_arn = outputs["contact_events_queue_url"], outputs["contact_events_queue_arn"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == outputs["contact_events_dead_letter_queue_arn"]
    policy = json.loads(attributes["Policy"])
    assert [s["Principal"] for s in policy["Statement"]] == [{"Service": "events.amazonaws.com"}]
    rule = outputs["event_rule_arn"].rsplit("/", 1)[-1]
    targets = events.list_targets_by_rule(Rule=rule)["Targets"]
    assert [t["Arn"] for t in targets] == [queue_arn]
    assert targets[0]["DeadLetterConfig"]["Arn"] == outputs["contact_events_dead_letter_queue_arn"]
    mappings = lam.list_event_source_mappings(EventSourceArn=queue_arn)["EventSourceMappings"]
    # The mapping names the live alias; moto answers with the version the alias points at.
    assert len(mappings) == 1 and f":function:{outputs['processor_function_name']}:" in mappings[0]["FunctionArn"]
    assert mappings[0]["BatchSize"] == 100 and mappings[0]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]

    # moto's mapping takes the queue's messages without running the function: the batch the poller would
    # hand over is made from the message as sent, and the deployed zip is invoked with it.
    body = json.dumps(contact_event("it-queued", "QUEUED", now_ms()))
    sent = sqs.send_message(QueueUrl=queue_url, MessageBody=body)
    batch = sqs_event([body], ids=[sent["MessageId"]], queue_arn=queue_arn)
    assert processor.invoke(batch) == {"batchItemFailures": []}
    assert _item(local_stack, outputs, "it-queued")["Status"] == "QUEUED"

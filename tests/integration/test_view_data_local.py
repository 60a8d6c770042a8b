"""View data as deployed by Terraform to moto: the normalize function from its zip, the extract wiring."""

from __future__ import annotations

import json

import pytest

from tests.support import flow_event

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def outputs(local_stack):
    return local_stack.outputs["connect_data"]["view_data"]


@pytest.fixture(scope="module")
def normalize(local_stack, outputs):
    return local_stack.function(outputs["normalize_function_name"])


def _item(local_stack, outputs, key):
    from connect_data.common.dynamo import from_item

    response = local_stack.client("dynamodb").get_item(
        TableName=outputs["view_data_table_name"], Key={outputs["key_attribute"]: {"S": key}}
    )
    return from_item(response["Item"])


def test_answers_are_stored_even_though_moto_cannot_describe_the_contact(local_stack, outputs, normalize):
    local_stack.client("dynamodb").put_item(
        TableName=outputs["questions_table_name"], Item={"Name": {"S": "reason"}, "Label": {"S": "Why?"}}
    )
    event = flow_event(
        contact_id="it-view-1", parameters={"viewResultData": json.dumps({"FormData": {"reason": "Billing"}})}
    )
    reply = normalize.invoke(event)
    assert reply["reason"] == "Billing" and reply["status"] == "partial" and reply["contactKey"] == "it-view-1"
    assert reply["failed"].startswith("describe_contact:")
    item = _item(local_stack, outputs, "it-view-1")
    assert item["Answers"] == {"reason": "Billing"} and item["Questions"] == {"reason_Question": "Why?"}
    assert item["CreatedAt"].endswith(("+01:00", "+02:00"))  # Europe/Berlin from the deployed tzdata layer
    assert item["QueueName"] == "PasswordReset" and isinstance(item["ExpiresAt"], int)


def test_unparsable_view_data_is_stored_raw(local_stack, outputs, normalize):
    reply = normalize.invoke(flow_event(contact_id="it-view-2", parameters={"viewResultData": "{oops"}))
    assert reply["status"] == "error" and reply["error"] == "INVALID_VIEW_DATA"
    assert _item(local_stack, outputs, "it-view-2")["RawViewResultData"] == "{oops"


def test_deployed_environment_matches_the_module_settings(normalize, outputs):
    assert normalize.handler == "connect_data.view_data.normalize_handler.handler"
    assert normalize.environment["VIEW_DATA_TABLE"] == outputs["view_data_table_name"] == "local-view-data"
    assert normalize.environment["TIME_ZONE"] == "Europe/Berlin"


def test_extract_function_schedule_and_dead_letter_queue_are_deployed(local_stack, outputs):
    schedule = local_stack.client("scheduler").get_schedule(Name="local-view-data-extract")
    assert schedule["ScheduleExpression"] == "rate(30 days)"
    assert schedule["Target"]["Arn"] == f"{outputs['extract_function_arn']}:live"  # the schedule calls the live alias
    assert schedule["Target"]["DeadLetterConfig"]["Arn"] == outputs["extract_dead_letter_queue_arn"]
    assert schedule["Target"]["RetryPolicy"]["MaximumRetryAttempts"] == 3
    extract = local_stack.function(outputs["extract_function_name"])
    assert json.loads(extract.environment["LABEL_OVERRIDES"]) == {"reason": "Why did the customer call?"}

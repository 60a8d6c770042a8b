"""The customer lookup handler against a profile table on moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.common import aws as common_aws
from connect_data.customer_lookup.handler import handler
from tests.support import flow_event, load_event

TABLE = "profiles"
CALLS = "calls"


@pytest.fixture
def profiles_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(
        TableName=TABLE,
        Item={
            "PhoneNumber": {"S": "+14155550100"},
            "FirstName": {"S": "Ana"},
            "Tier": {"S": "gold"},
            "Balance": {"N": "12.5"},
            "Visits": {"N": "3"},
            "VIP": {"BOOL": True},
            "Tags": {"L": [{"S": "a"}]},
        },
    )
    monkeypatch.setenv("PROFILES_TABLE", TABLE)
    return dynamodb


@pytest.fixture
def calls_table(profiles_table: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    profiles_table.create_table(
        TableName=CALLS,
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("CALLS_TABLE", CALLS)
    return CALLS


def test_without_an_allow_list_a_known_caller_gets_found_true_and_no_attribute(profiles_table, lambda_context):
    assert handler(flow_event(caller="+14155550100"), lambda_context) == {"found": "true"}


def test_allow_listed_attributes_are_answered_as_strings(profiles_table, lambda_context, monkeypatch):
    monkeypatch.setenv("ALLOWED_ATTRIBUTES", "PhoneNumber,FirstName,Tier,Balance,Visits,VIP,Tags,NotInTheProfile")
    reply = handler(flow_event(caller="+14155550100"), lambda_context)
    assert reply == {
        "found": "true",
        "PhoneNumber": "+14155550100",
        "FirstName": "Ana",
        "Tier": "gold",
        "Balance": "12.5",
        "Visits": "3",
        "VIP": "true",
        "Tags": '["a"]',
    }


def test_unknown_caller_gets_found_false_and_no_error(profiles_table, lambda_context):
    assert handler(flow_event(caller="+14155550111"), lambda_context) == {"found": "false"}


@pytest.mark.parametrize("written", ["(415) 555-0100", "415-555-0100", "14155550100", "+1 415 555 0100"])
def test_national_and_formatted_numbers_are_normalized_to_e164(profiles_table, lambda_context, written):
    assert handler(flow_event(caller=written), lambda_context)["found"] == "true"


def test_allow_list_restricts_the_attributes_returned(profiles_table, lambda_context, monkeypatch):
    monkeypatch.setenv("ALLOWED_ATTRIBUTES", "FirstName, Tier")
    assert handler(flow_event(), lambda_context) == {"found": "true", "FirstName": "Ana", "Tier": "gold"}


def test_dialled_number_is_looked_up_when_the_flow_asks_for_it(profiles_table, lambda_context):
    event = flow_event(caller="+442079460000", dialled="+14155550100", parameters={"numberSource": "dialled"})
    assert handler(event, lambda_context)["found"] == "true"


def test_number_passed_as_a_parameter_is_looked_up(profiles_table, lambda_context, monkeypatch):
    monkeypatch.setenv("NUMBER_SOURCE", "parameter")
    monkeypatch.setenv("ALLOWED_ATTRIBUTES", "FirstName")
    event = flow_event(caller=None, parameters={"phoneNumber": "4155550100"})
    assert handler(event, lambda_context)["FirstName"] == "Ana"


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (flow_event(caller=None), "NO_NUMBER"),
        (flow_event(caller=""), "NO_NUMBER"),
        (flow_event(caller="+1-800-FLOWERS"), "INVALID_NUMBER"),
        (flow_event(caller="+12"), "INVALID_NUMBER"),
        (flow_event(parameters={"numberSource": "carrier-pigeon"}), "INVALID_SOURCE"),
        ({}, "NOT_A_FLOW_EVENT"),
        (None, "NOT_A_FLOW_EVENT"),
        ("Details", "NOT_A_FLOW_EVENT"),
        ({"Details": {"ContactData": None}}, "NOT_A_FLOW_EVENT"),
    ],
)
def test_bad_input_answers_found_false_with_an_error_code(profiles_table, lambda_context, event, code):
    assert handler(event, lambda_context) == {"found": "false", "error": code}


def test_task_contact_without_customer_endpoint_gets_no_number(profiles_table, lambda_context):
    assert handler(load_event("flow/task_real.json"), lambda_context) == {"found": "false", "error": "NO_NUMBER"}


def test_recording_stamps_a_found_caller_and_answers_the_previous_call(profiles_table, calls_table, lambda_context):
    first = handler(flow_event(contact_id="c-1"), lambda_context)
    second = handler(flow_event(contact_id="c-2"), lambda_context)
    assert first["found"] == "true" and "LastCalledAt" not in first
    assert second["LastContactId"] == "c-1" and second["LastCalledAt"].endswith("Z")
    stamp = profiles_table.get_item(TableName=CALLS, Key={"PhoneNumber": {"S": "+14155550100"}})["Item"]
    assert stamp["LastContactId"] == {"S": "c-2"} and int(stamp["ExpiresAt"]["N"]) > 0


def test_recording_leaves_the_profile_itself_untouched(profiles_table, calls_table, lambda_context):
    before = profiles_table.get_item(TableName=TABLE, Key={"PhoneNumber": {"S": "+14155550100"}})["Item"]
    handler(flow_event(contact_id="c-1"), lambda_context)
    assert profiles_table.get_item(TableName=TABLE, Key={"PhoneNumber": {"S": "+14155550100"}})["Item"] == before


def test_recording_stores_nothing_for_an_unknown_caller(profiles_table, calls_table, lambda_context):
    assert handler(flow_event(caller="+14155550111"), lambda_context) == {"found": "false"}
    assert profiles_table.scan(TableName=CALLS)["Count"] == 0


def test_a_throttled_table_answers_lookup_failed_instead_of_raising(lambda_context, monkeypatch):
    monkeypatch.setenv("PROFILES_TABLE", TABLE)
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error(
            "get_item", service_error_code="ProvisionedThroughputExceededException", http_status_code=400
        )
        reply = handler(flow_event(), lambda_context)
    assert reply == {
        "found": "false",
        "error": "LOOKUP_FAILED",
        "errorDetail": "ProvisionedThroughputExceededException",
    }


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_found_caller_is_one_reply_without_error_and_one_dynamodb_call(profiles_table, lambda_context, emf):
    handler(flow_event(caller="+14155550100"), lambda_context)
    metrics = emf("customer_lookup", forbidden=("+14155550100", "4a573372-1f28-4e26-b97b-000000000001", "Ana"))
    assert metrics == {"DynamoDBCalls": 1, "FlowReplies": 1}


def test_emf_a_throttled_table_counts_the_reply_under_its_error_code(lambda_context, monkeypatch, emf):
    monkeypatch.setenv("PROFILES_TABLE", TABLE)
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code="ThrottlingException", http_status_code=400)
        handler(flow_event(), lambda_context)
    metrics = emf("customer_lookup", forbidden=("+14155550100",))
    assert metrics == {"DynamoDBCalls": 1, "FlowReplies": 1, "FlowReplyErrors": 1, "FlowReplyError_LOOKUP_FAILED": 1}

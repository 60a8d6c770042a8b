"""The vanity function as deployed by Terraform to moto, run from its deployed zip and environment."""

from __future__ import annotations

import re

import pytest

from connect_data.vanity.index import to_digits
from tests.support import flow_event

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def outputs(local_stack):
    return local_stack.outputs["connect_data"]["vanity_numbers"]


@pytest.fixture(scope="module")
def vanity(local_stack, outputs):
    return local_stack.function(outputs["function_name"])


def _item(local_stack, outputs, number):
    table = outputs["table_name"]
    return local_stack.client("dynamodb").get_item(TableName=table, Key={"PhoneNumber": {"S": number}}).get("Item")


def test_caller_gets_three_vanity_numbers_that_dial_back_and_they_are_stored(local_stack, outputs, vanity):
    reply = vanity.invoke(flow_event(caller="+18003569377", contact_id="it-vanity-1"))
    assert reply["vanity1"] == "800-FLOWERS" and reply["count"] == "3" and reply["source"] == "new"
    for key in ("vanity1", "vanity2", "vanity3"):
        assert re.sub(r"\D", "", to_digits(reply[key])) == "8003569377"
    item = _item(local_stack, outputs, "+18003569377")
    assert item["ContactId"] == {"S": "it-vanity-1"} and len(item["Vanity"]["L"]) == 6


def test_repeat_caller_is_answered_from_the_deployed_table(local_stack, outputs, vanity):
    first = vanity.invoke(flow_event(caller="+14152255669", contact_id="it-vanity-2"))
    second = vanity.invoke(flow_event(caller="+14152255669", contact_id="it-vanity-3"))
    assert second == {**first, "source": "stored"}
    assert _item(local_stack, outputs, "+14152255669")["ContactId"] == {"S": "it-vanity-2"}


def test_task_contact_answers_an_error_code(vanity):
    assert vanity.invoke(flow_event(caller=None, channel="TASK")) == {"count": "0", "error": "NO_NUMBER"}


def test_withheld_caller_answers_withheld_number(vanity):
    assert vanity.invoke(flow_event(caller="+266696687")) == {"count": "0", "error": "WITHHELD_NUMBER"}


def test_deployed_table_expires_results_and_environment_matches_the_module(local_stack, outputs, vanity):
    ttl = local_stack.client("dynamodb").describe_time_to_live(TableName=outputs["table_name"])
    assert ttl["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "ExpiresAt"}
    assert vanity.handler == "connect_data.vanity.handler.handler"
    assert vanity.environment["RESULTS_TABLE"] == outputs["table_name"]
    assert vanity.environment["REPEAT_WINDOW_SECONDS"] == "300"
    assert vanity.environment["RESULT_TTL_SECONDS"] == str(30 * 86400)

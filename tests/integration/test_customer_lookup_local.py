"""The customer lookup as deployed by Terraform to moto, run from its deployed zip and environment."""

from __future__ import annotations

import pytest

from tests.support import flow_event

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def lookup(local_stack):
    return local_stack.function("local-customer-lookup")


def test_seeded_caller_is_found_with_the_profile_terraform_wrote(lookup):
    reply = lookup.invoke(flow_event(caller="+14155550100", contact_id="it-1"))
    assert reply["found"] == "true"
    assert (reply["FirstName"], reply["Tier"]) == ("Ana", "gold")


def test_unknown_caller_is_not_found(lookup):
    assert lookup.invoke(flow_event(caller="+14155550111")) == {"found": "false"}


def test_garbled_number_answers_an_error_code(lookup):
    assert lookup.invoke(flow_event(caller="not-a-number")) == {"found": "false", "error": "INVALID_NUMBER"}


def test_last_call_is_recorded_in_the_deployed_table(local_stack, lookup):
    lookup.invoke(flow_event(caller="+442079460000", contact_id="it-2"))
    table = local_stack.outputs["connect_data"]["customer_lookup"]["calls_table_name"]
    item = local_stack.client("dynamodb").get_item(TableName=table, Key={"PhoneNumber": {"S": "+442079460000"}})["Item"]
    assert item["LastContactId"] == {"S": "it-2"}


def test_deployed_environment_matches_the_module_settings(lookup):
    assert lookup.environment["CALLS_TABLE"] == "local-customer-calls"
    assert lookup.environment["PROFILES_TABLE"] == "local-customer-profiles"
    assert lookup.handler == "connect_data.customer_lookup.handler.handler"

"""The phone-number flow provisioning function, on a real Connect client wrapped in botocore's Stubber."""

from __future__ import annotations

import pytest
from botocore.stub import Stubber

from connect_data.common import aws as common_aws
from connect_data.vanity.provision import PROVISION_CLIENT_CONFIG, ProvisioningInputError, handler

INSTANCE = "11111111-2222-3333-4444-555555555555"
NUMBER_A = "aaaaaaaa-0000-0000-0000-000000000001"
NUMBER_B = "bbbbbbbb-0000-0000-0000-000000000002"
FLOW_1 = "f1f1f1f1-0000-0000-0000-000000000001"
FLOW_2 = "f2f2f2f2-0000-0000-0000-000000000002"


@pytest.fixture
def connect():
    connect = common_aws.client("connect", config=PROVISION_CLIENT_CONFIG)
    with Stubber(connect) as stub:
        yield stub
        stub.assert_no_pending_responses()


def _associate(stub: Stubber, number: str, flow: str) -> None:
    stub.add_response(
        "associate_phone_number_contact_flow",
        {},
        {"PhoneNumberId": number, "InstanceId": INSTANCE, "ContactFlowId": flow},
    )


def _disassociate(stub: Stubber, number: str, error: str | None = None) -> None:
    params = {"PhoneNumberId": number, "InstanceId": INSTANCE}
    if error:
        stub.add_client_error("disassociate_phone_number_contact_flow", error, expected_params=params)
    else:
        stub.add_response("disassociate_phone_number_contact_flow", {}, params)


def test_create_associates_every_number(connect, lambda_context):
    _associate(connect, NUMBER_A, FLOW_1)
    _associate(connect, NUMBER_B, FLOW_2)
    event = {"instanceId": INSTANCE, "associations": {NUMBER_B: FLOW_2, NUMBER_A: FLOW_1}, "tf": {"action": "create"}}
    assert handler(event, lambda_context) == {
        "instanceId": INSTANCE,
        "associated": [NUMBER_A, NUMBER_B],
        "disassociated": [],
    }


def test_update_frees_removed_numbers_and_moves_changed_ones_only(connect, lambda_context):
    _disassociate(connect, NUMBER_B)
    _associate(connect, NUMBER_A, FLOW_2)
    event = {
        "instanceId": INSTANCE,
        "associations": {NUMBER_A: FLOW_2},
        "tf": {
            "action": "update",
            "prev_input": {"instanceId": INSTANCE, "associations": {NUMBER_A: FLOW_1, NUMBER_B: FLOW_1}},
        },
    }
    assert handler(event, lambda_context)["disassociated"] == [NUMBER_B]


def test_update_with_nothing_changed_calls_nothing(connect, lambda_context):
    same = {"instanceId": INSTANCE, "associations": {NUMBER_A: FLOW_1}}
    assert handler({**same, "tf": {"action": "update", "prev_input": same}}, lambda_context)["associated"] == []


def test_delete_frees_every_number_and_a_number_already_gone_is_fine(connect, lambda_context):
    _disassociate(connect, NUMBER_A, error="ResourceNotFoundException")
    _disassociate(connect, NUMBER_B)
    event = {"instanceId": INSTANCE, "associations": {NUMBER_A: FLOW_1, NUMBER_B: FLOW_1}, "tf": {"action": "delete"}}
    assert handler(event, lambda_context)["disassociated"] == [NUMBER_A, NUMBER_B]


def test_a_refused_association_fails_the_apply(connect, lambda_context):
    connect.add_client_error("associate_phone_number_contact_flow", "AccessDeniedException")
    with pytest.raises(Exception, match="AccessDenied"):
        handler(
            {"instanceId": INSTANCE, "associations": {NUMBER_A: FLOW_1}, "tf": {"action": "create"}}, lambda_context
        )


@pytest.mark.parametrize(
    "event",
    [
        {"associations": {NUMBER_A: FLOW_1}, "tf": {"action": "create"}},
        {"instanceId": INSTANCE, "associations": {NUMBER_A: 7}, "tf": {"action": "create"}},
        {"instanceId": INSTANCE, "associations": {}, "tf": {"action": "rename"}},
        ["not", "an", "object"],
    ],
)
def test_bad_input_is_refused_before_any_call(connect, lambda_context, event):
    with pytest.raises(ProvisioningInputError):
        handler(event, lambda_context)

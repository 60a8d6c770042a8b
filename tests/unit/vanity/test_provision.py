"""The phone-number flow provisioning function: a real Connect client wrapped in botocore's Stubber (the
real service model checks every request and response), the previous-flow records in a table on moto."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from hypothesis import given
from hypothesis import strategies as st

from connect_data.common import aws as common_aws
from connect_data.vanity.provision import PROVISION_CLIENT_CONFIG, ProvisioningInputError, handler, plan_changes

INSTANCE = "11111111-2222-3333-4444-555555555555"
NUMBER_A = "aaaaaaaa-0000-0000-0000-000000000001"
NUMBER_B = "bbbbbbbb-0000-0000-0000-000000000002"
FLOW_1 = "f1f1f1f1-0000-0000-0000-000000000001"
FLOW_2 = "f2f2f2f2-0000-0000-0000-000000000002"
THEIRS = "0e0e0e0e-0000-0000-0000-00000000000e"
TABLE = "vanity-results"


def _arn(number: str) -> str:
    return f"arn:aws:connect:us-east-1:123456789012:phone-number/{number}"


@pytest.fixture
def records(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("FLOW_RECORD_TABLE", TABLE)
    return dynamodb


@pytest.fixture
def connect(records):
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


def _read_flows(stub: Stubber, flows: dict[str, str | None]) -> None:
    """DescribePhoneNumber per number, then one BatchGetFlowAssociation answering each number's flow."""
    for number in sorted(flows):
        stub.add_response(
            "describe_phone_number",
            {"ClaimedPhoneNumberSummary": {"PhoneNumberId": number, "PhoneNumberArn": _arn(number)}},
            {"PhoneNumberId": number},
        )
    stub.add_response(
        "batch_get_flow_association",
        {
            "FlowAssociationSummaryList": [
                {
                    "ResourceId": _arn(n),
                    "FlowId": f"arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE}/contact-flow/{f}",
                    "ResourceType": "VOICE_PHONE_NUMBER",
                }
                for n, f in sorted(flows.items())
                if f
            ]
        },
        {"InstanceId": INSTANCE, "ResourceIds": sorted(_arn(n) for n in flows), "ResourceType": "VOICE_PHONE_NUMBER"},
    )


def _recorded(records: Any) -> dict[str, str | None]:
    items = records.scan(TableName=TABLE)["Items"]
    return {i["PhoneNumberId"]["S"]: i.get("PreviousFlowId", {}).get("S") for i in items}


def _disassociate(stub: Stubber, number: str, error: str | None = None) -> None:
    params = {"PhoneNumberId": number, "InstanceId": INSTANCE}
    if error:
        stub.add_client_error("disassociate_phone_number_contact_flow", error, expected_params=params)
    else:
        stub.add_response("disassociate_phone_number_contact_flow", {}, params)


def _event(action: str, associations: dict[str, str], prev: dict[str, str] | None = None) -> dict[str, Any]:
    tf: dict[str, Any] = {"action": action}
    if prev is not None:
        tf["prev_input"] = {"instanceId": INSTANCE, "associations": prev}
    return {"instanceId": INSTANCE, "associations": associations, "tf": tf}


def test_create_records_what_each_number_had_then_associates_every_number(connect, records, lambda_context):
    _read_flows(connect, {NUMBER_A: THEIRS, NUMBER_B: None})
    _associate(connect, NUMBER_A, FLOW_1)
    _associate(connect, NUMBER_B, FLOW_2)
    result = handler(_event("create", {NUMBER_B: FLOW_2, NUMBER_A: FLOW_1}), lambda_context)
    assert result["associated"] == [NUMBER_A, NUMBER_B]
    assert result["recorded"] == [NUMBER_A, NUMBER_B]
    assert _recorded(records) == {NUMBER_A: THEIRS, NUMBER_B: None}


def test_create_retried_after_a_half_done_apply_keeps_the_first_record(connect, records, lambda_context):
    _read_flows(connect, {NUMBER_A: THEIRS})
    _associate(connect, NUMBER_A, FLOW_1)
    handler(_event("create", {NUMBER_A: FLOW_1}), lambda_context)
    _read_flows(connect, {NUMBER_A: FLOW_1})  # the number now points at this module's own flow
    _associate(connect, NUMBER_A, FLOW_1)
    assert handler(_event("create", {NUMBER_A: FLOW_1}), lambda_context)["recorded"] == []
    assert _recorded(records) == {NUMBER_A: THEIRS}


def test_create_update_delete_leaves_every_number_as_it_was_found(connect, records, lambda_context):
    # Before: A points at another team's flow, B at none.
    _read_flows(connect, {NUMBER_A: THEIRS})
    _associate(connect, NUMBER_A, FLOW_1)
    handler(_event("create", {NUMBER_A: FLOW_1}), lambda_context)
    # Update: B joins the map (read and recorded first), A moves to the greeting flow.
    _read_flows(connect, {NUMBER_B: None})
    _associate(connect, NUMBER_A, FLOW_2)
    _associate(connect, NUMBER_B, FLOW_1)
    result = handler(_event("update", {NUMBER_A: FLOW_2, NUMBER_B: FLOW_1}, prev={NUMBER_A: FLOW_1}), lambda_context)
    assert result["associated"] == [NUMBER_A, NUMBER_B]
    assert _recorded(records) == {NUMBER_A: THEIRS, NUMBER_B: None}
    # Update: A leaves the map and goes back to the other team's flow.
    _associate(connect, NUMBER_A, THEIRS)
    result = handler(_event("update", {NUMBER_B: FLOW_1}, prev={NUMBER_A: FLOW_2, NUMBER_B: FLOW_1}), lambda_context)
    assert result["restored"] == {NUMBER_A: THEIRS}
    assert result["associated"] == []
    # Delete: B had no flow, so it is freed; no record is left behind.
    _disassociate(connect, NUMBER_B)
    result = handler(_event("delete", {NUMBER_B: FLOW_1}), lambda_context)
    assert result["disassociated"] == [NUMBER_B]
    assert _recorded(records) == {}


def test_update_with_nothing_changed_calls_nothing(connect, lambda_context):
    same = {NUMBER_A: FLOW_1}
    assert handler(_event("update", same, prev=same), lambda_context)["associated"] == []


def test_delete_frees_a_number_whose_previous_flow_is_gone(connect, records, lambda_context):
    _read_flows(connect, {NUMBER_A: THEIRS})
    _associate(connect, NUMBER_A, FLOW_1)
    handler(_event("create", {NUMBER_A: FLOW_1}), lambda_context)
    connect.add_client_error(
        "associate_phone_number_contact_flow",
        "ResourceNotFoundException",
        expected_params={"PhoneNumberId": NUMBER_A, "InstanceId": INSTANCE, "ContactFlowId": THEIRS},
    )
    _disassociate(connect, NUMBER_A)
    assert handler(_event("delete", {NUMBER_A: FLOW_1}), lambda_context)["disassociated"] == [NUMBER_A]


def test_delete_without_a_record_frees_every_number_and_a_number_already_gone_is_fine(connect, lambda_context):
    # Deployed before records were kept: nothing to restore, so the numbers are freed as before.
    _disassociate(connect, NUMBER_A, error="ResourceNotFoundException")
    _disassociate(connect, NUMBER_B)
    result = handler(_event("delete", {NUMBER_A: FLOW_1, NUMBER_B: FLOW_1}), lambda_context)
    assert result["disassociated"] == [NUMBER_A, NUMBER_B]


def test_the_numbers_are_read_one_batch_per_hundred(connect, records, lambda_context):
    numbers = [f"{i:08x}-0000-0000-0000-000000000000" for i in range(101)]
    for number in numbers:
        connect.add_response(
            "describe_phone_number",
            {"ClaimedPhoneNumberSummary": {"PhoneNumberId": number, "PhoneNumberArn": _arn(number)}},
            {"PhoneNumberId": number},
        )
    arns = sorted(_arn(n) for n in numbers)
    for chunk in (arns[:100], arns[100:]):
        connect.add_response(
            "batch_get_flow_association",
            {"FlowAssociationSummaryList": []},
            {"InstanceId": INSTANCE, "ResourceIds": chunk, "ResourceType": "VOICE_PHONE_NUMBER"},
        )
    for number in numbers:
        _associate(connect, number, FLOW_1)
    assert len(handler(_event("create", dict.fromkeys(numbers, FLOW_1)), lambda_context)["recorded"]) == 101


def test_a_refused_association_fails_the_apply(connect, lambda_context):
    _read_flows(connect, {NUMBER_A: None})
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


_numbers = st.sampled_from([NUMBER_A, NUMBER_B, "cccccccc-0000-0000-0000-000000000003"])
_maps = st.dictionaries(_numbers, st.sampled_from([FLOW_1, FLOW_2]))


@given(previous=_maps, wanted=_maps)
def test_an_update_records_every_new_number_and_restores_every_removed_one_and_nothing_else(previous, wanted):
    _, change = plan_changes(_event("update", wanted, prev=previous))
    assert set(change.newly_managed) == set(wanted) - set(previous)
    assert set(change.restore) == set(previous) - set(wanted)
    assert set(change.associate) <= set(wanted) and not set(change.associate) & set(change.restore)
    assert all(change.associate[n] == wanted[n] for n in change.associate)
    # a number whose flow is unchanged is not touched at all
    assert not {n for n in wanted if previous.get(n) == wanted[n]} & (set(change.associate) | set(change.restore))


@given(previous=_maps, wanted=_maps)
def test_a_delete_restores_every_number_either_input_names(previous, wanted):
    _, change = plan_changes(_event("delete", wanted, prev=previous))
    assert set(change.restore) == set(wanted) | set(previous) and not change.associate and not change.newly_managed


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def _dynamodb_calls() -> list[str]:
    """The provisioning function's DynamoDB calls, counted independently of common/metrics.py."""
    made: list[str] = []
    common_aws.client("dynamodb", config=PROVISION_CLIENT_CONFIG).meta.events.register(
        "before-call.dynamodb", lambda model, **_: made.append(model.name)
    )
    return made


def test_emf_a_create_counts_the_writes_of_its_records(connect, records, lambda_context, emf):
    made = _dynamodb_calls()
    _read_flows(connect, {NUMBER_A: THEIRS})
    _associate(connect, NUMBER_A, FLOW_1)
    handler(_event("create", {NUMBER_A: FLOW_1}), lambda_context)
    assert made and emf("vanity", forbidden=(NUMBER_A,)) == {"DynamoDBCalls": len(made)}


def test_emf_a_refused_association_still_prints_its_line(connect, lambda_context, emf):
    made = _dynamodb_calls()
    _read_flows(connect, {NUMBER_A: None})
    connect.add_client_error("associate_phone_number_contact_flow", "AccessDeniedException")
    with pytest.raises(Exception, match="AccessDenied"):
        handler(
            {"instanceId": INSTANCE, "associations": {NUMBER_A: FLOW_1}, "tf": {"action": "create"}}, lambda_context
        )
    assert emf("vanity", forbidden=(NUMBER_A,)) == {"DynamoDBCalls": len(made)}

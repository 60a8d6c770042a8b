"""Tables on moto, Connect and Connect Campaigns clients wrapped in Stubbers, guide events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.common.aws import client
from connect_data.view_data import enrich
from connect_data.view_data.normalize_handler import VIEW_FLOW_CONFIG, question_cache
from tests.support import INSTANCE_ARN, flow_event

VIEW_TABLE = "view-data"
QUESTIONS_TABLE = "view-questions"
INSTANCE_ID = INSTANCE_ARN.rsplit("/", 1)[-1]
VOICE_ID = "11111111-0000-0000-0000-00000000v01c"
CHAT_ID = "22222222-0000-0000-0000-0000000c4a70"
AGENT_ID = "33333333-0000-0000-0000-0000000a9e07"
QUEUE_ID = "44444444-0000-0000-0000-00000000queu"
CAMPAIGN_ID = "55555555-0000-0000-0000-0000ca3pa19n"
T0 = datetime(2026, 3, 8, 6, 59, 0, tzinfo=UTC)


def create_tables(dynamodb: Any, key_attribute: str = "InitialContactId") -> None:
    dynamodb.create_table(
        TableName=VIEW_TABLE,
        KeySchema=[{"AttributeName": key_attribute, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key_attribute, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.create_table(
        TableName=QUESTIONS_TABLE,
        KeySchema=[{"AttributeName": "Name", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "Name", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    enrich.clear_caches()
    question_cache.cache_clear()
    yield
    enrich.clear_caches()
    question_cache.cache_clear()


@pytest.fixture
def tables(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    dynamodb = boto3.client("dynamodb")
    create_tables(dynamodb)
    dynamodb.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": "reason"}, "Label": {"S": "Why did they call?"}})
    dynamodb.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": "extras"}, "Label": {"S": "Select extras"}})
    monkeypatch.setenv("VIEW_DATA_TABLE", VIEW_TABLE)
    monkeypatch.setenv("VIEW_QUESTIONS_TABLE", QUESTIONS_TABLE)
    monkeypatch.setenv("TIME_ZONE", "America/New_York")
    return dynamodb


@pytest.fixture
def connect() -> Iterator[Stubber]:
    """The handler's own Connect client (real service model) with a Stubber on it."""
    with Stubber(client("connect", config=VIEW_FLOW_CONFIG)) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def campaigns() -> Iterator[Stubber]:
    with Stubber(client("connectcampaignsv2", config=VIEW_FLOW_CONFIG)) as stub:
        yield stub
        stub.assert_no_pending_responses()


def contact(
    contact_id: str,
    channel: str = "VOICE",
    *,
    agent: bool = True,
    related: str | None = None,
    previous: str | None = None,
    campaign: str | None = None,
) -> dict[str, Any]:
    """A describe_contact response shaped by the real model."""
    body: dict[str, Any] = {
        "Id": contact_id,
        "Arn": f"{INSTANCE_ARN}/contact/{contact_id}",
        "InitialContactId": contact_id,
        "Channel": channel,
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": T0,
        "DisconnectTimestamp": datetime(2026, 3, 8, 7, 10, 0, tzinfo=UTC),
        "QueueInfo": {"Id": QUEUE_ID, "EnqueueTimestamp": datetime(2026, 3, 8, 7, 0, 0, tzinfo=UTC)},
    }
    if channel == "VOICE":
        body["CustomerEndpoint"] = {"Type": "TELEPHONE_NUMBER", "Address": "+14155550100"}
        body["SystemEndpoint"] = {"Type": "TELEPHONE_NUMBER", "Address": "+18005550199"}
    if agent:
        body["AgentInfo"] = {"Id": AGENT_ID, "ConnectedToAgentTimestamp": datetime(2026, 3, 8, 7, 1, 0, tzinfo=UTC)}
    if related:
        body["RelatedContactId"] = related
    if previous:
        body["PreviousContactId"] = previous
    if campaign:
        body["Campaign"] = {"CampaignId": campaign}
    return {"Contact": body}


def user() -> dict[str, Any]:
    return {
        "User": {
            "Id": AGENT_ID,
            "Username": "ana.agent",
            "IdentityInfo": {"FirstName": "Ana", "LastName": "Agent"},
        }
    }


def expect_contact(stub: Stubber, contact_id: str, response: dict[str, Any]) -> None:
    stub.add_response("describe_contact", response, {"InstanceId": INSTANCE_ID, "ContactId": contact_id})


def expect_user(stub: Stubber) -> None:
    stub.add_response("describe_user", user(), {"InstanceId": INSTANCE_ID, "UserId": AGENT_ID})


def expect_queue(stub: Stubber, name: str = "Support") -> None:
    stub.add_response(
        "describe_queue",
        {"Queue": {"QueueId": QUEUE_ID, "Name": name}},
        {"InstanceId": INSTANCE_ID, "QueueId": QUEUE_ID},
    )


def guide_event(
    view_result_data: Any = None,
    *,
    channel: str = "VOICE",
    contact_id: str = VOICE_ID,
    related: str | None = None,
    previous: str | None = None,
    view_action: str | None = None,
    parameter: str = "viewResultData",
) -> dict[str, Any]:
    parameters: dict[str, Any] = {}
    if view_result_data is not None:
        parameters[parameter] = view_result_data
    if view_action is not None:
        parameters["viewAction"] = view_action
    event = flow_event(
        channel=channel,
        contact_id=contact_id,
        parameters=parameters,
        caller="+14155550100" if channel == "VOICE" else None,
        dialled="+18005550199" if channel == "VOICE" else None,
    )
    data = event["Details"]["ContactData"]
    data["RelatedContactId"] = related
    data["PreviousContactId"] = previous or contact_id
    if channel != "VOICE":
        data["Queue"] = None
    return event


def stored_item(dynamodb: Any, key: str, key_attribute: str = "InitialContactId") -> dict[str, Any]:
    from connect_data.common.dynamo import from_item

    item = dynamodb.get_item(TableName=VIEW_TABLE, Key={key_attribute: {"S": key}}).get("Item")
    assert item is not None, f"no item stored under {key}"
    return from_item(item)


@pytest.fixture
def lambda_context() -> Any:
    """The shared context with 8 s left (the shared fixture's deadline is 0: no time left at all)."""
    import time

    from devtools.lambda_worker import LambdaContext

    context = LambdaContext(
        function_name="test-function",
        memory_limit_in_mb=256,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:test-function",
        timeout_ms=8000,
    )
    context._deadline = time.monotonic() + 8
    return context

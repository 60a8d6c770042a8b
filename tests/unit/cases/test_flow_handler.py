"""The TASK/CHAT flow function: GetCase through Stubber on the real connectcases model, SNS on moto."""

from __future__ import annotations

import json

import pytest
from botocore.stub import Stubber

from connect_data.cases.fields import SYSTEM_FIELD_IDS
from connect_data.cases.flow_handler import handler
from connect_data.common import aws as common_aws
from tests.support import flow_event, load_event
from tests.unit.cases.conftest import DOMAIN, received_notifications

CASE_ID = "de4d7f2d-592d-3b68-908d-d09e5dc93471"  # from the real TASK event's case-detail reference


@pytest.fixture
def configured(monkeypatch, topic):
    monkeypatch.setenv("CASES_DOMAIN_ID", DOMAIN)
    monkeypatch.setenv("CUSTOM_FIELD_IDS", "custom-amount, custom-vip")
    monkeypatch.setenv("TOPIC_ARN", topic["arn"])
    return topic


@pytest.fixture
def cases_stub():
    with Stubber(common_aws.client("connectcases")) as stub:
        yield stub
        stub.assert_no_pending_responses()


def _get_case_params(next_token: str | None = None) -> dict:
    params = {
        "domainId": DOMAIN,
        "caseId": CASE_ID,
        "fields": [{"id": f} for f in [*SYSTEM_FIELD_IDS, "custom-amount", "custom-vip"]],
    }
    return {**params, "nextToken": next_token} if next_token else params


def test_a_task_gets_its_case_with_every_field_type_decoded_and_published(configured, cases_stub, lambda_context):
    cases_stub.add_response(
        "get_case",
        {
            "templateId": "tpl-1",
            "fields": [
                {"id": "title", "value": {"stringValue": "Lost parcel"}},
                {"id": "status", "value": {"stringValue": "open"}},
                {"id": "assigned_user", "value": {"userArnValue": "arn:aws:connect:us-east-1:1:instance/i/agent/u"}},
            ],
            "nextToken": "page-2",
        },
        _get_case_params(),
    )
    cases_stub.add_response(
        "get_case",
        {
            "templateId": "tpl-1",
            "fields": [
                {"id": "custom-amount", "value": {"doubleValue": 42.0}},
                {"id": "custom-vip", "value": {"booleanValue": True}},
                {"id": "summary", "value": {"emptyValue": {}}},
            ],
        },
        _get_case_params("page-2"),
    )
    reply = handler(load_event("flow/task_real.json"), lambda_context)
    assert reply == {
        "case_id": CASE_ID,
        "case_template_id": "tpl-1",
        "case_title": "Lost parcel",
        "case_status": "open",
        "case_assigned_user": "arn:aws:connect:us-east-1:1:instance/i/agent/u",
        "case_custom-amount": "42",
        "case_custom-vip": "true",
        "status": "OK",
    }
    [note] = received_notifications(configured)
    assert json.loads(note["Message"])["case_title"] == "Lost parcel"
    assert note["MessageAttributes"]["channel"]["Value"] == "TASK"


def test_a_chat_notification_carries_no_attribute_by_default(configured, lambda_context):
    attributes = {"intent": "refund", "cardNumber": "4111 1111 1111 1111"}
    reply = handler(flow_event(channel="CHAT", attributes=attributes, contact_id="chat-1"), lambda_context)
    # The flow is answered its own attributes (it holds them already) ...
    assert reply == {
        "chat_contact_id": "chat-1",
        "chat_intent": "refund",
        "chat_cardNumber": "4111 1111 1111 1111",
        "status": "OK",
    }
    # ... but subscribers, who read the notification in clear, get none of them.
    [note] = received_notifications(configured)
    assert json.loads(note["Message"]) == {"contactId": "chat-1", "chat_contact_id": "chat-1"}
    assert "4111" not in note["Message"]


def test_a_chat_notification_carries_only_the_allow_listed_attributes(configured, lambda_context, monkeypatch):
    monkeypatch.setenv("NOTIFY_CONTACT_ATTRIBUTES", "intent, orderId")
    attributes = {"intent": "refund", "orderId": "o-9", "cardNumber": "4111 1111 1111 1111"}
    handler(flow_event(channel="CHAT", attributes=attributes, contact_id="chat-1"), lambda_context)
    [note] = received_notifications(configured)
    assert json.loads(note["Message"]) == {
        "contactId": "chat-1",
        "chat_contact_id": "chat-1",
        "chat_intent": "refund",
        "chat_orderId": "o-9",
    }


def test_a_case_id_parameter_wins_over_the_reference(configured, cases_stub, lambda_context):
    event = load_event("flow/task_real.json")
    event["Details"]["Parameters"] = {"caseId": "aaaaaaaa-0000-0000-0000-000000000001"}
    params = {**_get_case_params(), "caseId": "aaaaaaaa-0000-0000-0000-000000000001"}
    cases_stub.add_response("get_case", {"templateId": "t", "fields": []}, params)
    assert handler(event, lambda_context)["case_id"] == "aaaaaaaa-0000-0000-0000-000000000001"


@pytest.mark.parametrize(
    ("error_code", "flow_error"),
    [
        ("ResourceNotFoundException", "CASE_NOT_FOUND"),
        ("ThrottlingException", "THROTTLED"),
        ("AccessDeniedException", "CASE_LOOKUP_FAILED"),
    ],
)
def test_get_case_failures_answer_an_error_code(configured, cases_stub, lambda_context, error_code, flow_error):
    cases_stub.add_client_error("get_case", service_error_code=error_code)
    reply = handler(load_event("flow/task_real.json"), lambda_context)
    assert reply["status"] == "ERROR" and reply["error"] == flow_error and reply["case_id"] == CASE_ID


def test_a_task_without_a_case_reference_answers_no_case_reference(configured, lambda_context):
    event = load_event("flow/task_real.json")
    event["Details"]["ContactData"]["References"] = {"doc": {"Type": "URL", "Value": "https://example.com/x"}}
    assert handler(event, lambda_context) == {"status": "ERROR", "error": "NO_CASE_REFERENCE"}


@pytest.mark.parametrize(
    ("event", "reply"),
    [
        (flow_event(channel="VOICE"), {"status": "ERROR", "error": "UNSUPPORTED_CHANNEL", "channel": "VOICE"}),
        ({}, {"status": "ERROR", "error": "NOT_A_FLOW_EVENT"}),
        (None, {"status": "ERROR", "error": "NOT_A_FLOW_EVENT"}),
    ],
)
def test_other_input_answers_an_error_code(configured, lambda_context, event, reply):
    assert handler(event, lambda_context) == reply


def test_a_missing_domain_setting_is_reported_not_raised(monkeypatch, lambda_context):
    monkeypatch.delenv("CASES_DOMAIN_ID", raising=False)
    reply = handler(load_event("flow/task_real.json"), lambda_context)
    assert reply == {"status": "ERROR", "error": "NOT_CONFIGURED", "errorDetail": "CASES_DOMAIN_ID"}


def test_a_failed_publish_still_answers_the_case_with_an_error(monkeypatch, cases_stub, lambda_context):
    monkeypatch.setenv("CASES_DOMAIN_ID", DOMAIN)
    monkeypatch.setenv("CUSTOM_FIELD_IDS", "custom-amount, custom-vip")
    monkeypatch.setenv("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:gone")
    cases_stub.add_response(
        "get_case", {"templateId": "t", "fields": [{"id": "status", "value": {"stringValue": "x"}}]}
    )
    with Stubber(common_aws.client("sns")) as sns_stub:
        sns_stub.add_client_error("publish", service_error_code="NotFound")
        reply = handler(load_event("flow/task_real.json"), lambda_context)
    assert reply["case_status"] == "x" and reply["error"] == "PUBLISH_FAILED" and reply["errorDetail"] == "NotFound"


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_chat_counts_one_reply_and_one_notification(configured, lambda_context, emf):
    handler(
        flow_event(channel="CHAT", attributes={"cardNumber": "4111 1111 1111 1111"}, contact_id="chat-1"),
        lambda_context,
    )
    metrics = emf("cases", forbidden=("chat-1", "4111", "+14155550100"))
    assert metrics == {"DynamoDBCalls": 0, "FlowReplies": 1, "NotificationsSent": 1}


def test_emf_a_task_without_a_case_counts_its_error_code_and_no_notification(configured, lambda_context, emf):
    event = load_event("flow/task_real.json")
    event["Details"]["ContactData"]["References"] = {}
    handler(event, lambda_context)
    metrics = emf("cases")
    assert metrics == {
        "DynamoDBCalls": 0,
        "FlowReplies": 1,
        "FlowReplyErrors": 1,
        "FlowReplyError_NO_CASE_REFERENCE": 1,
    }

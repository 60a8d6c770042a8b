"""The normalize handler: answers from a guide, enriched through Connect (Stubber), stored on moto."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.stub import Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data.common.aws import client
from connect_data.view_data.normalize_handler import VIEW_FLOW_CONFIG, handler, question_cache
from tests.support import load_event
from tests.unit.view_data.conftest import (
    AGENT_ID,
    CAMPAIGN_ID,
    CHAT_ID,
    INSTANCE_ID,
    QUESTIONS_TABLE,
    VOICE_ID,
    contact,
    expect_contact,
    expect_queue,
    expect_user,
    guide_event,
    stored_item,
)

FORM = {"reason": "Billing", "extras": {"0": "Toll", "1": "Radio"}}


def count_calls(*clients: Any) -> list[str]:
    """Every AWS call the clients make (before-parameter-build fires even when a Stubber answers)."""
    calls: list[str] = []
    for each in clients:
        each.meta.events.register("before-parameter-build.*.*", lambda model, **_: calls.append(model.name))
    return calls


def warm_questions() -> None:
    """A warm container: the question texts were read by an earlier invocation."""
    question_cache(QUESTIONS_TABLE, 300.0).questions(client("dynamodb", config=VIEW_FLOW_CONFIG))


def test_voice_guide_stores_answers_with_agent_queue_and_question_texts(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    reply = handler(guide_event(FORM, view_action="Submit"), lambda_context)
    assert reply == {
        "reason": "Billing",
        "extras": "Toll, Radio",
        "status": "ok",
        "contactKey": VOICE_ID,
        "answerCount": "2",
    }
    item = stored_item(tables, VOICE_ID)
    assert item["Answers"] == {"reason": "Billing", "extras": "Toll, Radio"}
    assert item["Questions"] == {"reason_Question": "Why did they call?", "extras_Question": "Select extras"}
    assert item["AgentId"] == AGENT_ID and item["AgentUsername"] == "ana.agent" and item["AgentName"] == "Ana Agent"
    assert item["QueueName"] == "PasswordReset"  # the voice event's own queue: no describe_queue needed
    assert item["OutboundCallerId"] == "+12345678903"
    assert item["CustomerEndpoint"] == "+14155550100" and item["SystemEndpoint"] == "+18005550199"
    assert item["Channel"] == "VOICE" and item["InitiationMethod"] == "INBOUND"
    assert item["InitiationTimestamp"] == "2026-03-08T06:59:00.000Z"
    assert item["EnqueueTimestamp"] == "2026-03-08T07:00:00.000Z"
    assert item["ConnectedToAgentTimestamp"] == "2026-03-08T07:01:00.000Z"
    assert item["DisconnectTimestamp"] == "2026-03-08T07:10:00.000Z"
    assert item["ViewAction"] == "Submit"
    assert item["Guides"][VOICE_ID]["ContactId"] == VOICE_ID
    assert isinstance(item["ExpiresAt"], int) and item["ExpiresAt"] > item.get("ChainHops", 0)
    assert "EnrichmentErrors" not in item and "ViewDataError" not in item


def test_warm_voice_invocation_makes_at_most_three_aws_calls(tables, connect, lambda_context):
    calls = count_calls(client("connect", config=VIEW_FLOW_CONFIG), client("dynamodb", config=VIEW_FLOW_CONFIG))
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    handler(guide_event(FORM), lambda_context)  # cold: also reads the questions table once
    calls.clear()
    other = "11111111-0000-0000-0000-00000000v02c"
    expect_contact(connect, other, contact(other))
    reply = handler(guide_event(FORM, contact_id=other), lambda_context)
    assert reply["status"] == "ok"
    # The agent is cached now; even a new agent would add one describe_user: 3 at most.
    assert calls == ["DescribeContact", "UpdateItem"]


def test_voice_invocation_with_an_uncached_agent_makes_three_calls(tables, connect, lambda_context):
    warm_questions()
    calls = count_calls(client("connect", config=VIEW_FLOW_CONFIG), client("dynamodb", config=VIEW_FLOW_CONFIG))
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    assert handler(guide_event(FORM), lambda_context)["status"] == "ok"
    assert calls == ["DescribeContact", "DescribeUser", "UpdateItem"]


def test_chat_guide_two_hops_from_voice_is_keyed_by_the_voice_contact_in_at_most_five_calls(
    tables, connect, lambda_context
):
    transfer_id = "66666666-0000-0000-0000-0000000c4a71"
    warm_questions()
    calls = count_calls(client("connect", config=VIEW_FLOW_CONFIG), client("dynamodb", config=VIEW_FLOW_CONFIG))
    expect_contact(connect, transfer_id, contact(transfer_id, "CHAT", agent=False, previous=VOICE_ID))
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    expect_queue(connect, "Support")
    reply = handler(guide_event(FORM, channel="CHAT", contact_id=CHAT_ID, related=transfer_id), lambda_context)
    assert reply["status"] == "ok" and reply["contactKey"] == VOICE_ID
    assert calls == ["DescribeContact", "DescribeContact", "DescribeUser", "DescribeQueue", "UpdateItem"]
    item = stored_item(tables, VOICE_ID)
    assert item["ChainHops"] == 2 and item["Channel"] == "VOICE" and item["QueueName"] == "Support"
    assert item["CustomerEndpoint"] == "+14155550100" and item["AgentName"] == "Ana Agent"
    assert item["Guides"][CHAT_ID]["RelatedContactId"] == transfer_id
    assert item["Guides"][CHAT_ID]["Channel"] == "CHAT"
    assert item["ContactId"] == CHAT_ID


def test_a_cycle_in_the_chain_stops_and_is_reported(tables, connect, lambda_context):
    a, b = "aaaaaaaa-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"
    expect_contact(connect, a, contact(a, "CHAT", agent=False, related=b))
    expect_contact(connect, b, contact(b, "CHAT", agent=False, related=a))
    reply = handler(guide_event(FORM, channel="CHAT", contact_id=CHAT_ID, related=a), lambda_context)
    assert reply["status"] == "partial" and "chain:Cycle" in reply["failed"]
    assert stored_item(tables, b)["Answers"]["reason"] == "Billing"


def test_the_chain_stops_at_the_hop_limit(tables, connect, lambda_context, monkeypatch):
    monkeypatch.setenv("MAX_CHAIN_HOPS", "1")
    a, b = "aaaaaaaa-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"
    expect_contact(connect, a, contact(a, "CHAT", agent=False, related=b))
    expect_queue(connect)
    reply = handler(guide_event(FORM, channel="CHAT", contact_id=CHAT_ID, related=a), lambda_context)
    assert reply["status"] == "partial" and reply["failed"] == "chain:MaxHops" and reply["contactKey"] == a


def test_a_second_guide_adds_its_answers_and_never_erases_the_first(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    handler(guide_event(FORM), lambda_context)
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    second = {"reason": "Changed mind", "satisfaction": 4.5}
    reply = handler(guide_event(second, view_action="Done"), lambda_context)
    assert reply["status"] == "ok" and reply["satisfaction"] == "4.5"
    item = stored_item(tables, VOICE_ID)
    assert item["Answers"] == {"reason": "Changed mind", "extras": "Toll, Radio", "satisfaction": 4.5}
    assert item["Questions"]["extras_Question"] == "Select extras"
    assert item["ViewAction"] == "Done"


def test_answers_named_like_item_attributes_cannot_clobber_the_item(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    hostile = {"InitialContactId": "x", "ExpiresAt": "never", "Answers": "gone", "AgentName": "Mallory"}
    handler(guide_event(hostile), lambda_context)
    item = stored_item(tables, VOICE_ID)
    assert item["InitialContactId"] == VOICE_ID and isinstance(item["ExpiresAt"], int)
    assert item["AgentName"] == "Ana Agent"
    assert item["Answers"] == hostile


def test_numbers_are_stored_as_exact_numbers(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    handler(guide_event('{"score": 0.1, "count": 3}'), lambda_context)
    raw = tables.get_item(TableName="view-data", Key={"InitialContactId": {"S": VOICE_ID}})["Item"]
    assert raw["Answers"]["M"]["score"] == {"N": "0.1"} and raw["Answers"]["M"]["count"] == {"N": "3"}


def test_task_guide_without_endpoints_or_queue_leaves_those_fields_out(tables, connect, lambda_context):
    event = load_event("flow/task_real.json")
    event["Details"]["Parameters"] = {"viewResultData": json.dumps({"FormData": {"reason": "x"}})}
    task_id = event["Details"]["ContactData"]["ContactId"]
    instance = event["Details"]["ContactData"]["InstanceARN"].rsplit("/", 1)[-1]
    connect.add_response(
        "describe_contact",
        contact(task_id, "TASK", agent=False),
        {"InstanceId": instance, "ContactId": task_id},
    )
    expect_queue_for = {"InstanceId": instance, "QueueId": "44444444-0000-0000-0000-00000000queu"}
    connect.add_response("describe_queue", {"Queue": {"Name": "Tasks"}}, expect_queue_for)
    reply = handler(event, lambda_context)
    assert reply["status"] == "ok"
    item = stored_item(tables, task_id)
    assert not {"CustomerEndpoint", "SystemEndpoint", "OutboundCallerId", "AgentId"} & set(item)
    assert item["Channel"] == "TASK" and item["QueueName"] == "Tasks"


@pytest.mark.parametrize("code", ["ThrottlingException", "AccessDeniedException", "ResourceNotFoundException"])
def test_a_failed_describe_contact_still_writes_the_answers_and_answers_partial(tables, connect, lambda_context, code):
    connect.add_client_error("describe_contact", service_error_code=code, http_status_code=400)
    reply = handler(guide_event(FORM), lambda_context)
    assert reply["status"] == "partial" and reply["error"] == "ENRICHMENT_FAILED"
    assert reply["failed"] == f"describe_contact:{code}"
    item = stored_item(tables, VOICE_ID)
    assert item["Answers"]["extras"] == "Toll, Radio" and item["EnrichmentErrors"] == [f"describe_contact:{code}"]


def test_a_denied_describe_user_keeps_the_agent_id(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    connect.add_client_error("describe_user", service_error_code="AccessDeniedException", http_status_code=403)
    reply = handler(guide_event(FORM), lambda_context)
    assert reply["status"] == "partial" and reply["failed"] == "describe_user:AccessDeniedException"
    assert stored_item(tables, VOICE_ID)["AgentId"] == AGENT_ID


def test_campaign_name_is_read_once_and_cached(tables, connect, campaigns, lambda_context):
    for contact_id in (VOICE_ID, "11111111-0000-0000-0000-00000000v02c"):
        expect_contact(connect, contact_id, contact(contact_id, agent=False, campaign=CAMPAIGN_ID))
    campaigns.add_response(
        "describe_campaign",
        {
            "campaign": {
                "id": CAMPAIGN_ID,
                "arn": f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{CAMPAIGN_ID}",
                "name": "Spring renewals",
                "connectInstanceId": INSTANCE_ID,
            }
        },
        {"id": CAMPAIGN_ID},
    )
    handler(guide_event(FORM), lambda_context)
    handler(guide_event(FORM, contact_id="11111111-0000-0000-0000-00000000v02c"), lambda_context)
    for contact_id in (VOICE_ID, "11111111-0000-0000-0000-00000000v02c"):
        item = stored_item(tables, contact_id)
        assert item["CampaignId"] == CAMPAIGN_ID and item["CampaignName"] == "Spring renewals"


def test_unparsable_view_data_is_stored_raw_with_an_error_flag(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    reply = handler(guide_event("{not json"), lambda_context)
    assert reply == {"status": "error", "error": "INVALID_VIEW_DATA", "contactKey": VOICE_ID, "answerCount": "0"}
    item = stored_item(tables, VOICE_ID)
    assert item["RawViewResultData"] == "{not json" and item["ViewDataError"] == "INVALID_VIEW_DATA"


def test_missing_view_data_answers_an_error_and_writes_nothing(tables, lambda_context):
    reply = handler(guide_event(None), lambda_context)
    assert reply == {"status": "error", "error": "NO_VIEW_DATA", "answerCount": "0"}
    assert tables.scan(TableName="view-data")["Count"] == 0


@pytest.mark.parametrize("event", [{}, None, "x", {"Details": {"ContactData": None}}])
def test_not_a_flow_event(tables, lambda_context, event):
    assert handler(event, lambda_context) == {"status": "error", "error": "NOT_A_FLOW_EVENT"}


def test_a_failed_write_still_gives_the_flow_its_answers(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    with Stubber(client("dynamodb", config=VIEW_FLOW_CONFIG)) as dynamo:
        dynamo.add_response("scan", {"Items": []})
        dynamo.add_client_error("update_item", service_error_code="ProvisionedThroughputExceededException")
        reply = handler(guide_event(FORM), lambda_context)
    assert reply["status"] == "error" and reply["error"] == "WRITE_FAILED"
    assert reply["reason"] == "Billing" and reply["failed"] == "update_item:ProvisionedThroughputExceededException"


def test_when_time_runs_short_the_answers_are_written_without_enrichment(tables, lambda_context, monkeypatch):
    monkeypatch.setenv("FLOW_TIME_LIMIT_SECONDS", "1")  # less than the write reserve: no Connect call at all
    reply = handler(guide_event(FORM), lambda_context)
    assert reply["status"] == "partial" and reply["failed"] == "describe_contact:Deadline"
    assert stored_item(tables, VOICE_ID)["Answers"]["reason"] == "Billing"


def test_question_texts_are_read_once_per_refresh_interval_not_per_key(tables, connect, lambda_context):
    calls = count_calls(client("dynamodb", config=VIEW_FLOW_CONFIG))
    for contact_id in ("c-1", "c-2", "c-3"):
        expect_contact(connect, contact_id, contact(contact_id, agent=False))
        handler(guide_event({"reason": "a", "extras": "b", "other": "c"}, contact_id=contact_id), lambda_context)
    assert calls.count("Scan") == 1 and calls.count("UpdateItem") == 3


def test_a_renamed_question_is_seen_after_the_refresh_interval(tables, connect, lambda_context, monkeypatch):
    monkeypatch.setenv("QUESTIONS_REFRESH_SECONDS", "0")
    expect_contact(connect, "c-1", contact("c-1", agent=False))
    handler(guide_event({"reason": "a"}, contact_id="c-1"), lambda_context)
    tables.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": "reason"}, "Label": {"S": "Reason for contact"}})
    expect_contact(connect, "c-2", contact("c-2", agent=False))
    handler(guide_event({"reason": "a"}, contact_id="c-2"), lambda_context)
    assert stored_item(tables, "c-2")["Questions"] == {"reason_Question": "Reason for contact"}


def test_created_at_uses_the_zone_offset_of_its_instant_across_daylight_saving():
    from connect_data.view_data.normalize import created_at

    # 2026-03-08 is the US spring-forward day: 06:59 UTC is 01:59 EST, 07:00 UTC is 03:00 EDT.
    assert created_at("America/New_York", 1772953140000) == "2026-03-08T01:59:00.000-05:00"
    assert created_at("America/New_York", 1772953200000) == "2026-03-08T03:00:00.000-04:00"


def test_an_unknown_time_zone_falls_back_to_utc_instead_of_failing():
    from connect_data.view_data.normalize import created_at

    assert created_at("Mars/Olympus_Mons", 1772953200000) == "2026-03-08T07:00:00.000+00:00"


def test_a_custom_key_attribute_name_is_used(aws, connect, lambda_context, monkeypatch):
    import boto3

    from tests.unit.view_data.conftest import create_tables

    dynamodb = boto3.client("dynamodb")
    create_tables(dynamodb, key_attribute="ContactId")
    monkeypatch.setenv("VIEW_DATA_TABLE", "view-data")
    monkeypatch.setenv("VIEW_QUESTIONS_TABLE", QUESTIONS_TABLE)
    monkeypatch.setenv("KEY_ATTRIBUTE", "ContactId")
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    assert handler(guide_event(FORM), lambda_context)["status"] == "ok"
    assert stored_item(dynamodb, VOICE_ID, key_attribute="ContactId")["Answers"]["reason"] == "Billing"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values, as_string=st.booleans())
def test_handler_answers_any_json_view_data_with_a_flat_string_map(tables, lambda_context, value, as_string):
    event = guide_event(json.dumps(value) if as_string else value)
    # Without an instance ARN no Connect call is made: the handler still parses, stores and answers.
    event["Details"]["ContactData"]["InstanceARN"] = None
    reply = handler(event, lambda_context)
    assert reply and all(isinstance(k, str) and isinstance(v, str) for k, v in reply.items())
    assert reply["status"] in {"ok", "partial", "error"}


def test_the_chain_stops_when_the_budget_runs_out_between_hops(connect):
    from connect_data.common.flow import FlowEvent
    from connect_data.view_data.enrich import Budget, enrich

    ticks = iter([0.0])  # the first call fits, then the deadline has passed
    budget = Budget(deadline=5.0, clock=lambda: next(ticks, 10.0))
    a = "aaaaaaaa-0000-0000-0000-000000000001"
    expect_contact(connect, a, contact(a, "CHAT", agent=False, related=VOICE_ID))
    event = FlowEvent.parse(guide_event(FORM, channel="CHAT", contact_id=CHAT_ID, related=a))
    result = enrich(event, client("connect", config=VIEW_FLOW_CONFIG), None, budget)
    assert result.key_contact_id == a and result.calls == 1
    assert result.failures == ["describe_contact:Deadline", "describe_queue:Deadline"]


def test_a_number_dynamodb_cannot_hold_is_stored_as_text_and_the_submission_is_kept(tables, connect, lambda_context):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    reply = handler(guide_event(json.dumps({"big": 10**40 + 1, "round": 10**40, "tiny": 0.5})), lambda_context)
    assert reply["status"] == "ok" and "error" not in reply
    raw = tables.get_item(TableName="view-data", Key={"InitialContactId": {"S": VOICE_ID}})["Item"]
    assert raw["Answers"]["M"]["big"] == {"S": str(10**40 + 1)} and raw["Answers"]["M"]["tiny"] == {"N": "0.5"}
    assert raw["Answers"]["M"]["round"] == {"N": "1E+40"}  # one digit: DynamoDB holds it


def test_an_oversized_reply_keeps_status_and_contact_key_and_the_item_keeps_every_answer(
    tables, connect, lambda_context
):
    expect_contact(connect, VOICE_ID, contact(VOICE_ID, agent=False))
    form = {f"answer{i:02d}": "x" * 1000 for i in range(40)}
    reply = handler(guide_event(json.dumps(form)), lambda_context)
    assert list(reply)[:2] == ["status", "contactKey"] and reply["contactKey"] == VOICE_ID
    assert reply["truncated"] == "true" and reply["answerCount"] == "40"
    assert len(json.dumps(reply).encode()) <= 32_000
    assert stored_item(tables, VOICE_ID)["Answers"] == form


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_stored_guide_counts_one_reply_and_its_dynamodb_calls(tables, connect, lambda_context, emf):
    made = count_calls(client("dynamodb", config=VIEW_FLOW_CONFIG))
    expect_contact(connect, VOICE_ID, contact(VOICE_ID))
    expect_user(connect)
    handler(guide_event(FORM), lambda_context)
    metrics = emf("view_data", forbidden=(VOICE_ID, AGENT_ID, "Billing", "Toll"))
    assert made and metrics == {"DynamoDBCalls": len(made), "FlowReplies": 1}


def test_emf_missing_view_data_counts_its_error_code_and_no_call(tables, lambda_context, emf):
    handler(guide_event(None), lambda_context)
    metrics = emf("view_data")
    assert metrics == {"DynamoDBCalls": 0, "FlowReplies": 1, "FlowReplyErrors": 1, "FlowReplyError_NO_VIEW_DATA": 1}

"""View data: a guide's answers for a contact whose agent and campaign come from stubbed Connect answers.

moto has no Connect, so the demo runs the normalize logic in this process with Connect and Connect
Campaigns clients wrapped in botocore Stubbers (real service models), writing to the tables Terraform
deployed on moto. Then it invokes the deployed function itself, which stores the answers and reports
the Connect calls moto could not answer (status=partial).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.stub import Stubber

from devtools.demos._show import Summary, dlq_messages, flow_errors, say, show, show_items
from devtools.sample_events import INSTANCE_ARN, flow_event

VOICE_ID = "demo-voice-0001"
CHAT_ID = "demo-guide-chat-0001"
AGENT_ID = "demo-agent-0001"
CAMPAIGN_ID = "demo-campaign-0001"
ANSWERS = {
    "FormData": {
        "reason": "Billing question",
        "extras": {"0": "Toll package", "1": "Satellite radio"},
        "satisfaction": 4.5,
    }
}


def _guide_event() -> dict[str, Any]:
    event = flow_event(
        caller=None,
        dialled=None,
        channel="CHAT",
        contact_id=CHAT_ID,
        parameters={"viewResultData": json.dumps(ANSWERS), "viewAction": "Submit"},
    )
    event["Details"]["ContactData"].update(RelatedContactId=VOICE_ID, Queue=None)
    return event


def _stub_connect(connect: Any, campaigns: Any) -> tuple[Stubber, Stubber]:
    instance_id = INSTANCE_ARN.rsplit("/", 1)[-1]
    connect_stub, campaign_stub = Stubber(connect), Stubber(campaigns)
    connect_stub.add_response(
        "describe_contact",
        {
            "Contact": {
                "Id": VOICE_ID,
                "InitialContactId": VOICE_ID,
                "Channel": "VOICE",
                "InitiationMethod": "OUTBOUND",
                "InitiationTimestamp": datetime(2026, 3, 29, 0, 58, tzinfo=UTC),
                "DisconnectTimestamp": datetime(2026, 3, 29, 1, 12, tzinfo=UTC),
                "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+14155550100"},
                "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+18005550199"},
                "QueueInfo": {"Id": "demo-queue", "EnqueueTimestamp": datetime(2026, 3, 29, 0, 59, tzinfo=UTC)},
                "AgentInfo": {"Id": AGENT_ID, "ConnectedToAgentTimestamp": datetime(2026, 3, 29, 1, 0, tzinfo=UTC)},
                "Campaign": {"CampaignId": CAMPAIGN_ID},
            }
        },
        {"InstanceId": instance_id, "ContactId": VOICE_ID},
    )
    connect_stub.add_response(
        "describe_user",
        {"User": {"Id": AGENT_ID, "Username": "ana.silva", "IdentityInfo": {"FirstName": "Ana", "LastName": "Silva"}}},
        {"InstanceId": instance_id, "UserId": AGENT_ID},
    )
    connect_stub.add_response(
        "describe_queue", {"Queue": {"Name": "Renewals"}}, {"InstanceId": instance_id, "QueueId": "demo-queue"}
    )
    campaign_stub.add_response(
        "describe_campaign",
        {
            "campaign": {
                "id": CAMPAIGN_ID,
                "arn": f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{CAMPAIGN_ID}",
                "name": "Spring renewals",
                "connectInstanceId": instance_id,
            }
        },
        {"id": CAMPAIGN_ID},
    )
    return connect_stub, campaign_stub


def run(stack: Any) -> Summary:
    from connect_data.common.flow import FlowEvent, flow_reply
    from connect_data.view_data.enrich import Budget
    from connect_data.view_data.normalize import NormalizeSettings, normalize_submission
    from connect_data.view_data.questions import QuestionCache

    outputs = stack.outputs["connect_data"]["view_data"]
    dynamodb = stack.client("dynamodb")
    questions_table = outputs["questions_table_name"]
    # What the extract function would have found in the instance's views (moto cannot list views).
    for name, label in {"extras": "Which extras did the customer pick?", "satisfaction": "Satisfaction (1-5)"}.items():
        dynamodb.put_item(TableName=questions_table, Item={"Name": {"S": name}, "Label": {"S": label}})
    dynamodb.put_item(
        TableName=questions_table, Item={"Name": {"S": "reason"}, "Label": {"S": "Why did the customer call?"}}
    )

    settings = NormalizeSettings(
        table_name=outputs["view_data_table_name"],
        questions_table_name=questions_table,
        key_attribute=outputs["key_attribute"],
        time_zone="Europe/Berlin",
    )
    connect = boto3.client("connect", region_name="us-east-1")
    campaigns = boto3.client("connectcampaignsv2", region_name="us-east-1")
    connect_stub, campaign_stub = _stub_connect(connect, campaigns)
    with connect_stub, campaign_stub:
        outcome = normalize_submission(
            FlowEvent.parse(_guide_event()),
            settings,
            dynamodb=dynamodb,
            connect=connect,
            campaigns=campaigns,
            question_cache=QuestionCache(questions_table),
            budget=Budget(deadline=time.monotonic() + 6),
        )
    replies = [flow_reply(outcome.answers, **outcome.control())]
    show("chat guide 1 hop from an outbound call", replies[0])
    say(f"    (AWS calls: {outcome.aws_calls}; Connect answers stubbed: agent, queue, campaign)")

    normalize = stack.function(outputs["normalize_function_name"])
    reply = normalize.invoke(
        flow_event(contact_id="demo-voice-0002", parameters={"viewResultData": '{"reason": "Fraud"}'})
    )
    show("deployed function, voice guide (no Connect in moto)", reply)
    bad = normalize.invoke(flow_event(contact_id="demo-voice-0003", parameters={"viewResultData": "{oops"}))
    show("deployed function, unparsable viewResultData", bad)
    replies += [reply, bad]
    stored = show_items(stack, outputs["view_data_table_name"])
    return Summary(
        "view data",
        events_in=len(replies),
        items_written=stored,
        flow_answers=len(replies),
        errors=flow_errors(replies),
        dlq_messages=dlq_messages(stack, outputs),
        note="1 guide run in-process with Connect stubbed; 2 by the deployed function",
    )

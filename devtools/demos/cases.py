"""Cases on the local stack: case events through the deployed rule, queue, consumer, table and topic.

Puts the documented sample case events on moto's default event bus, lets the Terraform-deployed rule
route them to the queue, runs the deployed stream function on the queue's messages as the event source
mapping would (delete what succeeded, leave what failed), and reads back the stored events, the case
state and the notifications a queue subscribed to the topic received. The subscriber queue is removed
again, so `terraform destroy` still leaves nothing behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devtools.sqs_events import run_mapping

if TYPE_CHECKING:
    from devtools.demos._show import Summary

EVENTS = Path(__file__).resolve().parents[2] / "tests" / "events" / "cases"
ACCOUNT, REGION = "123456789012", "us-east-1"
DOMAIN = "local-domain"
CASE = "7f1d2c3b-0000-4000-8000-00000000c0de"


@dataclass
class CaseDemo:
    """What the demo did and found; the integration test asserts on it."""

    case_id: str = CASE
    put: int = 0
    routed: int = 0
    batches: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    flow_replies: dict[str, Any] = field(default_factory=dict)


def cases_outputs(stack: Any) -> dict[str, Any]:
    """The ``cases`` output of the root module, whichever way the stack hands out Terraform outputs."""
    outputs = stack.outputs
    outputs = outputs.get("connect_data", outputs)
    outputs = outputs.get("value", outputs)
    cases = outputs["cases"]
    return cases.get("value", cases) if isinstance(cases, dict) else cases


def sample_events(case_id: str = CASE, day: str = "2024-05-01") -> list[dict[str, Any]]:
    """The four documented samples as one case's history, with a local domain, the case ``case_id`` (event
    IDs made from it, so two cases' events never collide) and times on ``day``."""
    names = [
        ("cases_event_docs2023_case_updated.json", "CASE.CREATED", "open", "10:00:00"),
        ("cases_event_docs_current_related_item_created.json", "RELATED_ITEM.CREATED", None, "10:01:00"),
        ("cases_event_docs_current_case_updated.json", "CASE.UPDATED", "pending", "10:02:00"),
        ("cases_event_docs2023_related_item_created.json", "RELATED_ITEM.CREATED", None, "10:03:00"),
    ]
    events = []
    domain_arn = f"arn:aws:cases:{REGION}:{ACCOUNT}:domain/{DOMAIN}"
    for index, (name, event_type, status, at) in enumerate(names):
        event = json.loads((EVENTS / name).read_text())
        when = f"{day}T{at}.000Z"
        event.update(id=f"{case_id}-event-{index}", account=ACCOUNT, region=REGION, time=when)
        event["resources"] = [domain_arn, f"{domain_arn}/case/{case_id}"]
        detail = event["detail"]
        detail.update(eventType=event_type, approximateChangeTime=when)
        if "case" in detail:
            detail["case"]["caseId"] = case_id
            detail["case"]["fields"]["status"]["value"]["stringValue"] = status
        else:
            detail["relatedItem"].update(caseId=case_id, relatedItemId=f"item-{index}")
        events.append(event)
    return events


def drive(stack: Any, case_id: str = CASE, day: str = "2024-05-01") -> CaseDemo:
    """One case's sample history through the stack. The stack is shared by the integration tests: each
    caller passes its own ``case_id`` (and ``day``, where it counts cases per day)."""
    out = cases_outputs(stack)
    demo = CaseDemo(case_id=case_id)
    events, sqs, sns = stack.client("events"), stack.client("sqs"), stack.client("sns")
    dynamodb = stack.client("dynamodb")

    inbox_url = sqs.create_queue(QueueName="local-case-notification-inbox")["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    subscription = sns.subscribe(TopicArn=out["topic_arn"], Protocol="sqs", Endpoint=inbox_arn)["SubscriptionArn"]
    try:
        entries = [
            {
                "Source": e["source"],
                "DetailType": e["detail-type"],
                "Detail": json.dumps(e["detail"]),
                "Resources": e["resources"],
            }
            for e in sample_events(case_id, day)
        ]
        demo.put = len(entries) - events.put_events(Entries=entries)["FailedEntryCount"]

        function = stack.function(out["stream_function_name"])

        def invoke(event: dict[str, Any]) -> dict[str, Any]:
            reply: dict[str, Any] = function.invoke(event)
            demo.batches.append(reply)
            return reply

        # A failed message stays invisible for the queue's visibility timeout, as the real mapping leaves it.
        mapping = run_mapping(
            sqs, out["queue_url"], out["queue_arn"], invoke, rounds=100, wait_seconds=1, visibility_timeout=None
        )
        demo.routed += mapping.received

        items = dynamodb.query(
            TableName=out["table_name"],
            KeyConditionExpression="caseId = :c",
            ExpressionAttributeValues={":c": {"S": case_id}},
        )["Items"]
        demo.events = [i for i in items if i["sk"]["S"].startswith("EVENT#")]
        demo.state = next((i for i in items if i["sk"]["S"] == "STATE"), {})
        while True:
            page = sqs.receive_message(QueueUrl=inbox_url, MaxNumberOfMessages=10).get("Messages", [])
            if not page:
                break
            demo.notifications += [json.loads(m["Body"]) for m in page]
            for m in page:
                sqs.delete_message(QueueUrl=inbox_url, ReceiptHandle=m["ReceiptHandle"])

        if out.get("flow_function_name"):
            flow = stack.function(out["flow_function_name"])
            demo.flow_replies = {
                "CHAT": flow.invoke(_flow_event("CHAT", {"intent": "refund", "orderId": "o-123"}, case_id)),
                "TASK": flow.invoke(_flow_event("TASK", {}, case_id)),
                "VOICE": flow.invoke(_flow_event("VOICE", {}, case_id)),
            }
    finally:
        sns.unsubscribe(SubscriptionArn=subscription)
        sqs.delete_queue(QueueUrl=inbox_url)
    return demo


def _flow_event(channel: str, attributes: dict[str, str], case_id: str) -> dict[str, Any]:
    return {
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "ContactId": f"demo-{channel.lower()}",
                "Channel": channel,
                "InstanceARN": f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/00000000-0000-0000-0000-000000000000",
                "Attributes": attributes,
                "References": {
                    "case": {"Type": "URL", "Value": f"https://x.my.connect.aws/cases/agent-app/case-detail/{case_id}"}
                },
            },
            "Parameters": {},
        },
    }


def run(stack: Any) -> Summary:
    from devtools.demos._show import Summary, dlq_messages, flow_errors, say

    demo = drive(stack)
    say(f"Cases: {demo.put} sample events put on the bus, {demo.routed} routed to the queue by the rule")
    for reply in demo.batches:
        say(f"  stream function answered {reply}")
    say(f"  {len(demo.events)} events stored for case {demo.case_id}:")
    for item in demo.events:
        related = item.get("relatedItemType", {}).get("S", "")
        say(f"    {item['changeTime']['S']}  {item['eventType']['S']:<22} {related}")
    state = demo.state
    if state:
        fields = {k: next(iter(v.values())) for k, v in state.get("fields", {}).get("M", {}).items()}
        say(
            f"  case state: status={state['status']['S']} last={state['lastEventType']['S']} "
            f"at {state['lastChangeTime']['S']} fields={fields}"
        )
    say(f"  {len(demo.notifications)} notifications on the topic:")
    for note in demo.notifications:
        attributes = {k: v["Value"] for k, v in note.get("MessageAttributes", {}).items()}
        say(f"    {note.get('Subject')}  {attributes}")
    for channel, reply in demo.flow_replies.items():
        say(f"  flow function, {channel} contact: {reply}")
    failures = sum(len(b.get("batchItemFailures", [])) for b in demo.batches)
    replies = list(demo.flow_replies.values())
    return Summary(
        "cases",
        events_in=demo.put,
        items_written=len(demo.events) + (1 if demo.state else 0),
        flow_answers=len(replies),
        errors=failures + flow_errors(replies),
        dlq_messages=dlq_messages(stack, cases_outputs(stack)),
        note=f"{demo.routed} routed by the rule, {len(demo.notifications)} notifications",
    )

"""Contact status: the real fixture events and flow logs, shuffled with duplicates, through the deployed
processor; then the record and history functions and the timeline of a transferred chat.

The builders here (real deliveries with stable IDs) are shared by the unit tests and the benchmark.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING, Any

from devtools.sample_events import flow_event, load_event

if TYPE_CHECKING:
    from devtools.demos._show import Summary

SEED_CONTACTS = {
    "8b6c3e87-a3d5-46d6-b8bf-3aa1def785b2": "Chat-Disconnected-Midflow",
    "edfcdfa6-358e-4594-981a-adeab87a8cc5": "Chat-Queued-WithAgent (then transferred)",
    "515c5c7e-036e-44f0-baa2-562b6216982a": "Chat-Queued-Agent-Disconnected",
    "a56502b2-8565-4227-989a-fa783a6d8dfd": "Chat-Queued-Agent-InTransferedQueue",
}


def real_contact_events() -> list[dict[str, Any]]:
    """The real CHAT contact events as EventBridge deliveries (stable IDs, as a redelivery keeps its ID)."""
    events = []
    for sample in load_event("contact_status/contact_event_details_real_chat_eu-west-2.json"):
        detail = sample["detail"]
        events.append(
            {
                "version": "0",
                "id": f"{detail['contactId'][:8]}-{detail['eventType']}",
                "detail-type": "Amazon Connect Contact Event",
                "source": "aws.connect",
                "account": "484669704065",
                "time": sample["envelope_time"],
                "region": "eu-west-2",
                "resources": [detail["instanceArn"]],
                "detail": detail,
            }
        )
    return events


def real_flow_log_events() -> list[dict[str, Any]]:
    """The real flow-log records as CloudWatch ``logEvents`` with stable IDs."""
    from connect_data.contact_status.events import parse_ms

    records = load_event("contact_status/contact_flow_log_records_real_eu-west-2.json")
    return [
        {"id": f"{36000000 + i:056d}", "timestamp": (parse_ms(r["Timestamp"]) or 0) + 150, "message": json.dumps(r)}
        for i, r in enumerate(records)
    ]


def delivery(log_events: list[dict[str, Any]], log_group: str = "/aws/connect/example") -> dict[str, Any]:
    """A CloudWatch Logs subscription event (gzip + base64) holding ``log_events``."""
    from connect_data.contact_status.events import encode_subscription

    return encode_subscription(
        {
            "messageType": "DATA_MESSAGE",
            "owner": "484669704065",
            "logGroup": log_group,
            "logStream": "stream",
            "subscriptionFilters": ["contact-status"],
            "logEvents": log_events,
        }
    )


def contact_event(contact_id: str, event_type: str, at_ms: int, **detail: Any) -> dict[str, Any]:
    """A contact event of ``event_type`` at ``at_ms`` (for recent contacts the history window can see)."""
    from connect_data.common.timeutil import iso_utc

    return {
        "version": "0",
        "id": f"{contact_id}-{event_type}",
        "detail-type": "Amazon Connect Contact Event",
        "source": "aws.connect",
        "time": iso_utc(at_ms)[:19] + "Z",
        "detail": {
            "contactId": contact_id,
            "eventType": event_type,
            "channel": detail.pop("channel", "VOICE"),
            "initiationMethod": detail.pop("initiationMethod", "INBOUND"),
            "initiationTimestamp": iso_utc(at_ms),
            **detail,
        },
    }


def shuffled_deliveries(seed: int = 7) -> list[dict[str, Any]]:
    """Every fixture event and flow-log record, shuffled, some twice, flow logs in a few deliveries."""
    rng = random.Random(seed)
    events = real_contact_events()
    events += rng.sample(events, 4)
    logs = real_flow_log_events()
    logs += rng.sample(logs, 6)
    rng.shuffle(logs)
    log_batches = [delivery(logs[i : i + 9]) for i in range(0, len(logs), 9)]
    everything = events + log_batches
    rng.shuffle(everything)
    return everything


# The voice call of the demo: the view data section's guide answers and the customer lookup's seeded
# caller belong to it, so its contact page joins three capabilities.
DEMO_VOICE = "demo-voice-0001"


def run(stack: Any) -> Summary:
    from connect_data.common.dynamo import from_item
    from connect_data.common.timeutil import now_ms
    from connect_data.contact_status.pages import read_history
    from devtools.demos._show import Summary, dlq_messages, flow_errors, say, show

    outputs = stack.outputs["connect_data"]["contact_status"]
    processor = stack.function(outputs["processor_function_name"])
    totals = {"deliveries": 0, "records": 0, "dynamodbCalls": 0, "skipped": 0}
    for event in shuffled_deliveries():
        reply = processor.invoke(event)
        totals["deliveries"] += 1
        totals["records"] += reply["records"]
        totals["dynamodbCalls"] += reply["dynamodbCalls"]
        totals["skipped"] += sum((reply.get("skipped") or {}).values())
    show("replayed (shuffled, with duplicates)", totals)
    dynamodb = stack.client("dynamodb")
    table, history_table = outputs["table_name"], outputs["history_table_name"]
    for contact_id, scenario in SEED_CONTACTS.items():
        item = from_item(dynamodb.get_item(TableName=table, Key={"ContactId": {"S": contact_id}})["Item"])
        flags = [
            f for f in ("Queued", "ConnectedToSystem", "ConnectedToAgent", "Transferred", "Disconnected") if item.get(f)
        ]
        show(
            scenario,
            {
                "Status": item.get("Status"),
                "flags": flags,
                "latestBlock": (item.get("LatestFlow") or {}).get("BlockType"),
                "history": len(read_history(dynamodb, history_table, contact_id).entries),
                "InitialContactId": str(item.get("InitialContactId") or "")[:8],
            },
        )
    record = stack.function(outputs["record_function_name"])
    history = stack.function(outputs["history_function_name"])

    caller, now = "+14155550100", now_ms()
    earlier = [
        contact_event(DEMO_VOICE, "QUEUED", now - 40 * 60_000),
        contact_event(DEMO_VOICE, "DISCONNECTED", now - 35 * 60_000, disconnectReason="CUSTOMER_DISCONNECT"),
        contact_event("demo-callback", "QUEUED", now - 5 * 60_000, initiationMethod="CALLBACK"),
    ]
    for event in earlier:
        reply = processor.invoke(event)
        totals["records"] += reply["records"]
        totals["skipped"] += sum((reply.get("skipped") or {}).values())
    replies = []
    for contact_id in (DEMO_VOICE, "demo-callback"):
        replies.append(
            record.invoke(flow_event(caller=caller, contact_id=contact_id, parameters={"intent": "billing"}))
        )
        show(f"record {contact_id}", replies[-1])
    replies.append(history.invoke(flow_event(caller=caller, contact_id="demo-new")))
    show("history for the caller on a new call", replies[-1])
    scan = dynamodb.get_paginator("scan")
    items = sum(page["Count"] for page in scan.paginate(TableName=table, Select="COUNT"))
    pages = sum(page["Count"] for page in scan.paginate(TableName=history_table, Select="COUNT"))
    say(f"    table {table}: {items} items; table {history_table}: {pages} history pages")
    return Summary(
        "contact status",
        events_in=totals["records"],
        items_written=items + pages,
        flow_answers=len(replies),
        errors=totals["skipped"] + flow_errors(replies),
        dlq_messages=dlq_messages(stack, outputs),
        note=f"{totals['deliveries']} deliveries (shuffled, with duplicates), {totals['dynamodbCalls']} DynamoDB calls",
    )

"""History function (flow-invoked): what a flow needs to know about the caller's recent contacts.

Entry point ``connect_data.contact_status.lookup.handler``. One ``Query`` on the customer index (one page
in practice: a caller's contacts within the table's retention); everything else is computed from what it
returns. The index is keyed on ``CustomerId`` alone, so no status write ever moves an index key (a sort key
on ``LastEventAt`` cost two index writes per status write): the window is a filter, newest first is a sort
here.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import client, error_code
from connect_data.common.dynamo import from_item
from connect_data.common.flow import FlowError, FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics
from connect_data.common.timeutil import now_ms
from connect_data.contact_status.customer import TRUST_PARAMETER_ENV, trusts_parameter
from connect_data.contact_status.record import customer_id

CUSTOMER_INDEX = "by-customer"
HISTORY_FAILED = "HISTORY_FAILED"
NO_CUSTOMER = "NO_CUSTOMER"
ENDED = frozenset({"DISCONNECTED", "COMPLETED"})
# A page is 1 MB of index entries (thousands of contacts): more than one only for a number that calls
# without pause, where a bounded answer within the flow's time limit beats a complete one.
MAX_PAGES = 3
# Attributes the index projects (modules/contact_status/table.tf, devtools/tables.py): the query never reads
# a contact's history.
PROJECTED = (
    "LastEventAt",
    "Status",
    "Channel",
    "InitiationMethod",
    "QueueArn",
    "QueueName",
    "DisconnectReason",
    "Disconnected",
    "Queued",
    "ConnectedToAgent",
)


@dataclass(frozen=True)
class HistoryAnswer:
    contact_count: int
    active_by_channel: dict[str, int]
    callback_queued: bool
    minutes_since_last: int | None
    last: dict[str, Any] | None

    def reply(self) -> dict[str, Any]:
        last = self.last or {}
        values: dict[str, Any] = {
            "contactCount": self.contact_count,
            "activeContacts": sum(self.active_by_channel.values()),
            "callbackQueued": self.callback_queued,
            "minutesSinceLastContact": self.minutes_since_last,
            "lastContactId": last.get("ContactId"),
            "lastChannel": last.get("Channel"),
            "lastQueue": last.get("QueueName") or _tail(last.get("QueueArn")),
            "lastQueueArn": last.get("QueueArn"),
            "lastDisconnectReason": last.get("DisconnectReason"),
            "lastStatus": last.get("Status"),
        }
        for channel in ("VOICE", "CHAT", "TASK", "EMAIL"):
            values[f"active{channel.title()}"] = self.active_by_channel.get(channel, 0)
        return values


def _tail(arn: Any) -> str | None:
    return arn.rsplit("/", 1)[-1] if isinstance(arn, str) and arn else None


def _active(item: dict[str, Any]) -> bool:
    return item.get("Status") not in ENDED and not item.get("Disconnected")


def contact_history(
    dynamodb: Any,
    table: str,
    customer: str,
    *,
    current_contact_id: str | None,
    window_minutes: int,
    now: int | None = None,
) -> HistoryAnswer:
    """The caller's contacts in the last ``window_minutes`` (the current contact left out), newest first."""
    now = now_ms() if now is None else now
    query: dict[str, Any] = {
        "TableName": table,
        "IndexName": CUSTOMER_INDEX,
        "KeyConditionExpression": "CustomerId = :c",
        "FilterExpression": "LastEventAt >= :since",
        "ExpressionAttributeValues": {":c": {"S": customer}, ":since": {"N": str(now - window_minutes * 60_000)}},
    }
    items: list[dict[str, Any]] = []
    for _page in range(MAX_PAGES):
        response = dynamodb.query(**query)
        items += [from_item(i) for i in response.get("Items", [])]
        if "LastEvaluatedKey" not in response:
            break
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]
    items.sort(key=lambda i: (int(i.get("LastEventAt") or 0), str(i.get("ContactId"))), reverse=True)
    others = [i for i in items if i.get("ContactId") != current_contact_id]
    active = Counter(str(i.get("Channel") or "UNKNOWN") for i in others if _active(i))
    callback = any(
        i.get("InitiationMethod") == "CALLBACK" and i.get("Queued") and not i.get("ConnectedToAgent") and _active(i)
        for i in others
    )
    last = others[0] if others else None
    minutes = None if last is None else max(0, (now - int(last["LastEventAt"])) // 60_000)
    return HistoryAnswer(len(others), dict(active), callback, minutes, last)


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        return flow_reply(error=FlowError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id)
    customer = customer_id(
        flow,
        os.environ.get("DEFAULT_COUNTRY_CODE", "1"),
        trust_parameter=trusts_parameter(os.environ.get(TRUST_PARAMETER_ENV)),
    )
    if not customer:
        return flow_reply(contactCount=0, error=NO_CUSTOMER)
    window = os.environ.get("HISTORY_WINDOW_MINUTES", "1440")
    try:
        window_minutes = int(flow.parameter("windowMinutes") or window)
    except ValueError:
        window_minutes = int(window)
    try:
        answer = contact_history(
            client("dynamodb"),
            os.environ["STATUS_TABLE"],
            customer,
            current_contact_id=flow.contact_id,
            window_minutes=max(1, min(window_minutes, 525_600)),
        )
    except (ClientError, BotoCoreError) as err:
        logger.exception("history query failed")
        return flow_reply(error=HISTORY_FAILED, errorDetail=error_code(err))
    return flow_reply(answer.reply())

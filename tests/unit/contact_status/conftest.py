"""The status table on moto and builders of real deliveries from the fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from connect_data.common.dynamo import from_item
from connect_data.contact_status.events import encode_subscription
from connect_data.contact_status.store import StoreSettings
from tests.support import load_event

TABLE = "contact-status"
SETTINGS = StoreSettings(table_name=TABLE, retention_minutes=1440)


def create_status_table(dynamodb: Any, name: str = TABLE) -> None:
    """The table as modules/contact_status declares it (keys and both indexes)."""
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "ContactId", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "ContactId", "AttributeType": "S"},
            {"AttributeName": "CustomerId", "AttributeType": "S"},
            {"AttributeName": "LastEventAt", "AttributeType": "N"},
            {"AttributeName": "InitialContactId", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-customer",
                "KeySchema": [
                    {"AttributeName": "CustomerId", "KeyType": "HASH"},
                    {"AttributeName": "LastEventAt", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            },
            {
                "IndexName": "by-initial-contact",
                "KeySchema": [
                    {"AttributeName": "InitialContactId", "KeyType": "HASH"},
                    {"AttributeName": "LastEventAt", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            },
        ],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture
def status_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    dynamodb = boto3.client("dynamodb")
    create_status_table(dynamodb)
    monkeypatch.setenv("STATUS_TABLE", TABLE)
    yield dynamodb


def stored(dynamodb: Any, contact_id: str) -> dict[str, Any]:
    response = dynamodb.get_item(TableName=TABLE, Key={"ContactId": {"S": contact_id}}, ConsistentRead=True)
    return from_item(response.get("Item", {}))


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
    records = load_event("contact_status/contact_flow_log_records_real_eu-west-2.json")
    import json

    from connect_data.contact_status.events import parse_ms

    return [
        {"id": f"{36000000 + i:056d}", "timestamp": parse_ms(r["Timestamp"]) + 150, "message": json.dumps(r)}
        for i, r in enumerate(records)
    ]


def delivery(log_events: list[dict[str, Any]], log_group: str = "/aws/connect/example") -> dict[str, Any]:
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

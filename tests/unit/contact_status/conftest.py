"""The status table on moto and builders of real deliveries from the fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from connect_data.common.dynamo import from_item
from connect_data.contact_status.store import StoreSettings
from devtools import tables
from devtools.demos.contact_status import delivery, real_contact_events, real_flow_log_events

TABLE = "contact-status"
SETTINGS = StoreSettings(table_name=TABLE, retention_minutes=1440)


def create_status_table(dynamodb: Any, name: str = TABLE) -> None:
    """The table as modules/contact_status declares it (keys, both indexes and their projections)."""
    tables.create_status_table(dynamodb, name)


@pytest.fixture
def status_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    dynamodb = boto3.client("dynamodb")
    create_status_table(dynamodb)
    monkeypatch.setenv("STATUS_TABLE", TABLE)
    yield dynamodb


def stored(dynamodb: Any, contact_id: str) -> dict[str, Any]:
    response = dynamodb.get_item(TableName=TABLE, Key={"ContactId": {"S": contact_id}}, ConsistentRead=True)
    return from_item(response.get("Item", {}))


__all__ = [
    "SETTINGS",
    "TABLE",
    "create_status_table",
    "delivery",
    "real_contact_events",
    "real_flow_log_events",
    "stored",
]

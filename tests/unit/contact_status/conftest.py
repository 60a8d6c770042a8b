"""The status and history tables on moto and builders of real deliveries from the fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from connect_data.common.dynamo import from_item
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES
from connect_data.contact_status.pages import history_table_for, read_history, with_history
from connect_data.contact_status.store import StoreSettings
from devtools import tables
from devtools.demos.contact_status import delivery, real_contact_events, real_flow_log_events

TABLE = "contact-status"
HISTORY_TABLE = history_table_for(TABLE)
SETTINGS = StoreSettings(table_name=TABLE, history_table_name=HISTORY_TABLE, retention_minutes=1440)


def create_status_table(dynamodb: Any, name: str = TABLE) -> str:
    """The tables as modules/contact_status declares them (keys, both indexes and their projections, the
    history table beside the status table); answers the history table's name."""
    return tables.create_status_table(dynamodb, name)


@pytest.fixture
def status_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    dynamodb = boto3.client("dynamodb")
    create_status_table(dynamodb)
    monkeypatch.setenv("STATUS_TABLE", TABLE)
    monkeypatch.setenv("HISTORY_TABLE", HISTORY_TABLE)
    yield dynamodb


def stored(
    dynamodb: Any, contact_id: str, table: str = TABLE, max_entries: int = DEFAULT_MAX_ENTRIES
) -> dict[str, Any]:
    """The status item with its history read from the pages as readers see it (``History`` and, when older
    entries were left out, ``HistoryDropped``/``HistoryDroppedBefore``); empty when the contact is unknown."""
    item = stored_status(dynamodb, contact_id, table)
    history = read_history(dynamodb, history_table_for(table), contact_id, max_entries)
    if not item and not history.entries:
        return {}
    return with_history(item, history)


def stored_status(dynamodb: Any, contact_id: str, table: str = TABLE) -> dict[str, Any]:
    """The status item alone, as DynamoDB holds it."""
    response = dynamodb.get_item(TableName=table, Key={"ContactId": {"S": contact_id}}, ConsistentRead=True)
    return from_item(response.get("Item", {}))


__all__ = [
    "HISTORY_TABLE",
    "SETTINGS",
    "TABLE",
    "create_status_table",
    "delivery",
    "real_contact_events",
    "real_flow_log_events",
    "stored",
    "stored_status",
]

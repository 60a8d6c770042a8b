"""The contact status and history tables as modules/contact_status/table.tf declares them (keys, indexes,
projections), for the tests and the cost model, which must meter the same index writes the module's tables
make. tests/unit/contact_status/test_table_declaration.py keeps the two in step."""

from __future__ import annotations

from typing import Any

from connect_data.contact_status.lookup import CUSTOMER_INDEX, PROJECTED
from connect_data.contact_status.pages import PAGE, history_table_for

INITIAL_CONTACT_INDEX = "by-initial-contact"


def status_table_definition(name: str) -> dict[str, Any]:
    """``CreateTable`` arguments of the status table: both indexes hash-only, so no index key moves."""
    return {
        "TableName": name,
        "KeySchema": [{"AttributeName": "ContactId", "KeyType": "HASH"}],
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": "S"} for n in ("ContactId", "CustomerId", "InitialContactId")
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": CUSTOMER_INDEX,
                "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": list(PROJECTED)},
            },
            {
                "IndexName": INITIAL_CONTACT_INDEX,
                "KeySchema": [{"AttributeName": "InitialContactId", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            },
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }


def history_table_definition(name: str) -> dict[str, Any]:
    """``CreateTable`` arguments of the history table: one page item per contact per delivery, no index."""
    return {
        "TableName": name,
        "KeySchema": [
            {"AttributeName": "ContactId", "KeyType": "HASH"},
            {"AttributeName": PAGE, "KeyType": "RANGE"},
        ],
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in ("ContactId", PAGE)],
        "BillingMode": "PAY_PER_REQUEST",
    }


def create_status_table(dynamodb: Any, name: str, history_table: str | None = None) -> str:
    """The status table and its history table (``history_table_for(name)`` unless named); answers the
    history table's name."""
    history = history_table or history_table_for(name)
    dynamodb.create_table(**status_table_definition(name))
    dynamodb.create_table(**history_table_definition(history))
    return history

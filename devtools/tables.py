"""The contact status table as modules/contact_status/table.tf declares it (keys, indexes, projections), for
the tests and the cost model, which must meter the same index writes the module's table makes.
tests/unit/contact_status/test_table_declaration.py keeps the two in step."""

from __future__ import annotations

from typing import Any

from connect_data.contact_status.lookup import CUSTOMER_INDEX, PROJECTED

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


def create_status_table(dynamodb: Any, name: str) -> None:
    dynamodb.create_table(**status_table_definition(name))

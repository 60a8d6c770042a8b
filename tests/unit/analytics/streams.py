"""Stream records shaped like the ones Lambda hands the writer (DynamoDB JSON images, epoch seconds)."""

from __future__ import annotations

from typing import Any

from connect_data.common.dynamo import to_item

REGION_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table"
TABLES = {
    "view_data": "unit-view-data",
    "contact_status": "unit-contact-status",
    "contact_history": "unit-contact-history",
    "cases": "unit-cases",
    "vanity": "unit-vanity-results",
}
SOURCES = {table: kind for kind, table in TABLES.items()}
DAY_2026_03_04 = 1772582400  # 2026-03-04T00:00:00Z


def stream_record(
    kind: str,
    sequence: int,
    new: dict[str, Any] | None,
    old: dict[str, Any] | None = None,
    *,
    at: int = DAY_2026_03_04 + 36000,
) -> dict[str, Any]:
    table = TABLES[kind]
    change: dict[str, Any] = {
        "ApproximateCreationDateTime": at,
        "SequenceNumber": f"{sequence:021d}",
        "StreamViewType": "NEW_AND_OLD_IMAGES",
        "SizeBytes": 100,
    }
    if new is not None:
        change["NewImage"] = to_item(new)
    if old is not None:
        change["OldImage"] = to_item(old)
    return {
        "eventID": f"ev-{sequence}",
        "eventName": "INSERT" if old is None else "MODIFY",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": change,
        "eventSourceARN": f"{REGION_ARN}/{table}/stream/2026-03-01T00:00:00.000",
    }

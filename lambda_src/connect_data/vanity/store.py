"""The results table: one item per caller, read once and written once per call at most.

A repeat caller inside the window costs one ``GetItem``; a new (or expired) caller a ``GetItem`` and a
``PutItem``. TTL deletion is lazy (up to days late), so an item past ``ExpiresAt`` counts as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import from_item, to_item
from connect_data.common.timeutil import iso_utc, now_ms


@dataclass(frozen=True)
class StoredResult:
    number: str
    vanities: list[str]
    contact_id: str | None
    created_at_ms: int


def recent_result(
    dynamodb: Any, table: str, number: str, window_seconds: int, at_ms: int | None = None
) -> StoredResult | None:
    """The caller's stored result when it is younger than ``window_seconds`` (one ``GetItem``)."""
    now = now_ms() if at_ms is None else at_ms
    item = dynamodb.get_item(TableName=table, Key={"PhoneNumber": {"S": number}}, ConsistentRead=False).get("Item")
    if not item:
        return None
    values = from_item(item)
    created = int(values.get("CreatedAtMs", 0))
    if now - created > window_seconds * 1000 or int(values.get("ExpiresAt", 0)) * 1000 <= now:
        return None
    return StoredResult(number, list(values.get("Vanity", [])), values.get("ContactId"), created)


def save_result(
    dynamodb: Any, table: str, result: StoredResult, ttl_seconds: int, words: list[list[str]] | None = None
) -> None:
    """Store (replace) the caller's best results with the contact and time (one ``PutItem``)."""
    dynamodb.put_item(
        TableName=table,
        Item=to_item(
            {
                "PhoneNumber": result.number,
                "Vanity": result.vanities,
                "Words": words,
                "ContactId": result.contact_id,
                "CreatedAt": iso_utc(result.created_at_ms),
                "CreatedAtMs": result.created_at_ms,
                "ExpiresAt": result.created_at_ms // 1000 + ttl_seconds,
            }
        ),
    )

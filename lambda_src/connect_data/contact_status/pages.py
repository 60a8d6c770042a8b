"""A contact's history as pages in the history table: how the processor writes them, how readers read them.

A page is one item per contact per delivery (``ContactId``, ``Page``): that delivery's entries for the
contact in a map keyed by entry key, and a TTL. Writing it costs one write unit per started KB of those
entries, whatever the contact already holds - rewriting a history inside the status item cost the whole
history on every write (issue 16). A page is put unconditionally and its key names its first entry and
all of its entries (``<t, 15 digits>#<first entry key>#<digest of every entry key>``): a redelivered
delivery overwrites its own page, and a delivery split differently, even one that starts with the same
entry, makes a page of its own and never overwrites another page's entries. An entry can then be in two
pages, and readers merge by entry key (any copy will do: every copy of an entry is the same record). The
bound on history is the reader's: the newest ``max_entries`` entries, and a count of the older ones left
out.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import from_item, serialize
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES, entry_order, item_size

PAGE = "Page"
ENTRIES = "Entries"
# A page of one delivery holds up to this much of its entries (a longer delivery for one contact makes more
# pages): far under DynamoDB's 400 KB item, and big enough that rounding up to the next KB costs < 2 %.
PAGE_MAX_BYTES = 64 * 1024
BATCH_MAX_ITEMS = 25  # BatchWriteItem's limit
MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Page:
    contact_id: str
    key: str
    entries: dict[str, dict[str, Any]]
    expires_at: int

    def item(self) -> dict[str, Any]:
        return {
            "ContactId": {"S": self.contact_id},
            PAGE: {"S": self.key},
            ENTRIES: serialize(self.entries),
            "ExpiresAt": {"N": str(self.expires_at)},
        }


def page_key(entries: Mapping[str, Mapping[str, Any]]) -> str:
    """The key of a page of ``entries``: its oldest entry (so pages sort by time), then a digest of every
    entry key (so only the same entries make the same key)."""
    first_key, first = min(entries.items(), key=lambda kv: entry_order(*kv))
    return _key(first_key, first, entries)


def _key(first_key: str, first: Mapping[str, Any], entries: Mapping[str, Mapping[str, Any]]) -> str:
    digest = hashlib.blake2b("\n".join(sorted(entries)).encode(), digest_size=8).hexdigest()
    return f"{max(entry_order(first_key, first)[0], 0):015d}#{first_key}#{digest}"


def pages_of(contact_id: str, entries: Mapping[str, dict[str, Any]], retention_minutes: int) -> list[Page]:
    """One delivery's entries for a contact as pages, in entry order, each under :data:`PAGE_MAX_BYTES`.

    A page lives ``retention_minutes`` after its newest entry, as the status item lives after the contact's
    newest event.
    """
    ordered = sorted(entries.items(), key=lambda kv: entry_order(*kv))
    pages: list[Page] = []
    part: dict[str, dict[str, Any]] = {}
    size = 0
    for key, entry in ordered:
        entry_size = item_size({key: entry})
        if part and size + entry_size > PAGE_MAX_BYTES:
            pages.append(_page(contact_id, part, retention_minutes))
            part, size = {}, 0
        part[key] = entry
        size += entry_size
    if part:
        pages.append(_page(contact_id, part, retention_minutes))
    return pages


def _page(contact_id: str, entries: dict[str, dict[str, Any]], retention_minutes: int) -> Page:
    """A page of ``entries`` already in entry order: the first is the oldest, the last the newest."""
    first_key, first = next(iter(entries.items()))
    newest_ms = entry_order(*next(reversed(entries.items())))[0]
    return Page(contact_id, _key(first_key, first, entries), entries, newest_ms // 1000 + retention_minutes * 60)


class PagesUnprocessed(Exception):
    """DynamoDB left pages unprocessed through every retry (throttling): the delivery must be retried."""


@dataclass
class PageWrites:
    calls: int = 0
    retries: int = 0


def write_pages(dynamodb: Any, table: str, pages: Iterable[Page], stats: PageWrites | None = None) -> PageWrites:
    """Put every page, 25 to a ``BatchWriteItem``, retrying what DynamoDB leaves unprocessed with backoff.

    Raises ``ClientError`` as DynamoDB does, and :class:`PagesUnprocessed` when pages stay unprocessed: the
    delivery is then retried whole, and the puts are idempotent.
    """
    stats = stats or PageWrites()
    requests = [{"PutRequest": {"Item": page.item()}} for page in pages]
    for start in range(0, len(requests), BATCH_MAX_ITEMS):
        pending = requests[start : start + BATCH_MAX_ITEMS]
        for attempt in range(MAX_ATTEMPTS):
            stats.calls += 1
            response = dynamodb.batch_write_item(RequestItems={table: pending})
            pending = (response.get("UnprocessedItems") or {}).get(table) or []
            if not pending:
                break
            stats.retries += 1
            time.sleep(min(0.05 * 2**attempt, 1.0) * random.random())  # full jitter
        if pending:
            raise PagesUnprocessed(f"{len(pending)} history pages unprocessed after {MAX_ATTEMPTS} attempts")
    return stats


@dataclass(frozen=True)
class ContactHistory:
    """A contact's newest entries (``max_entries`` of them) and how many older ones were left out."""

    entries: dict[str, dict[str, Any]]
    omitted: int = 0
    omitted_before_ms: int | None = None  # the newest left-out entry's time


def bounded(entries: Mapping[str, dict[str, Any]], max_entries: int) -> ContactHistory:
    ranked = sorted(entries.items(), key=lambda kv: entry_order(*kv), reverse=True)
    left_out = ranked[max_entries:]
    return ContactHistory(
        dict(ranked[:max_entries]),
        len(left_out),
        entry_order(*left_out[0])[0] if left_out else None,
    )


def merged_entries(page_items: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The entries of plain page items, merged by entry key."""
    merged: dict[str, dict[str, Any]] = {}
    for item in page_items:
        entries = item.get(ENTRIES)
        if isinstance(entries, Mapping):
            merged.update(entries)
    return merged


def read_history(dynamodb: Any, table: str, contact_id: str, max_entries: int = DEFAULT_MAX_ENTRIES) -> ContactHistory:
    """Every page of the contact (one query, as many result pages as it takes), merged and bounded."""
    query = {
        "TableName": table,
        "KeyConditionExpression": "ContactId = :c",
        "ExpressionAttributeValues": {":c": {"S": contact_id}},
    }
    items = (from_item(raw) for page in dynamodb.get_paginator("query").paginate(**query) for raw in page["Items"])
    return bounded(merged_entries(items), max_entries)


def with_history(item: Mapping[str, Any], history: ContactHistory) -> dict[str, Any]:
    """The plain status item with its history attached as the timeline reads it (``History``, and
    ``HistoryDropped`` / ``HistoryDroppedBefore`` when older entries were left out)."""
    attached: dict[str, Any] = {**item, "History": history.entries}
    if history.omitted:
        attached["HistoryDropped"] = history.omitted
        attached["HistoryDroppedBefore"] = history.omitted_before_ms
    return attached


def history_table_for(status_table: str) -> str:
    """The history table the modules create beside a status table (``<prefix>-contact-history``)."""
    prefix, found, rest = status_table.rpartition("-contact-status")
    return f"{prefix}-contact-history" if found and not rest else f"{status_table}-history"

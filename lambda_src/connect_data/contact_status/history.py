"""History entries of a contact: their size bound, their order, and the size of an item.

Entries are keyed by a short hash of the event ID / log-event ID, so a redelivered record overwrites
itself instead of appending a duplicate, and the order is the entries' own millisecond ``t`` (read-time
sort), not arrival. Each entry is capped at :data:`ENTRY_MAX_BYTES`; readers show the newest
:data:`DEFAULT_MAX_ENTRIES` unless told otherwise (``pages``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

ENTRY_MAX_BYTES = 1_500
_STRING_CAP = 200
DEFAULT_MAX_ENTRIES = 200


def _json_size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), default=str).encode())


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _STRING_CAP:
        return value[:_STRING_CAP] + "…"
    if isinstance(value, Mapping):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v) for v in value]
    return value


def bounded_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` as it is stored: whole when it fits, else long strings cut, else only its scalar fields.

    What is cut is named in ``omitted`` so a reader knows the entry is partial.
    """
    if _json_size(entry) <= ENTRY_MAX_BYTES:
        return entry
    shortened = _shorten(entry)
    shortened["truncated"] = True
    if _json_size(shortened) <= ENTRY_MAX_BYTES:
        return shortened
    body_key = "detail" if "detail" in entry else "record"
    body = _mapping(shortened.get(body_key))
    kept = {k: v for k, v in body.items() if not isinstance(v, (Mapping, list))}
    result = {k: v for k, v in shortened.items() if k != body_key}
    result[body_key] = kept
    result["omitted"] = sorted(k for k in body if k not in kept)
    while _json_size(result) > ENTRY_MAX_BYTES and kept:
        dropped = max(kept, key=lambda k: _json_size(kept[k]))
        del kept[dropped]
        result["omitted"].append(dropped)
    return result


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def entry_order(key: str, entry: Mapping[str, Any]) -> tuple[int, str]:
    t = entry.get("t", 0)
    return (int(t) if isinstance(t, (int, float, Decimal)) else 0, key)


def sorted_history(history: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """History entries oldest first by their own time (the key breaks ties), each with its key as ``key``."""
    return [{"key": k, **v} for k, v in sorted(history.items(), key=lambda kv: entry_order(*kv))]


def _value_size(value: Any) -> int:
    """DynamoDB's size rules for one value (strings UTF-8, numbers ~1 byte per 2 digits, 3 bytes per container)."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, (int, float, Decimal)):
        digits = len(str(abs(value)).replace(".", "").lstrip("0")) or 1
        return 1 + (digits + 1) // 2
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, Mapping):
        return 3 + sum(len(str(k).encode()) + _value_size(v) + 1 for k, v in value.items())
    if isinstance(value, Iterable):
        return 3 + sum(_value_size(v) + 1 for v in value)
    return len(str(value).encode())


def item_size(item: Mapping[str, Any]) -> int:
    """Approximate stored size of a plain (``from_item``) item in bytes, by DynamoDB's published rules."""
    return sum(len(name.encode()) + _value_size(value) for name, value in item.items())

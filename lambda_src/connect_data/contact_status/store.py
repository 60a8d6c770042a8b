"""Writing a :class:`ContactChange` to the status table: conditional ``UpdateItem`` s only, never a read.

One write per contact in the common case. Every write carries the conditions that make it safe
concurrently and out of order:

- each group of "latest" attributes (status, queue, agent, flow, last event) is set together with its
  version, only where the stored version is older (``attribute_not_exists(v) OR v < :v``);
- history entries are map keys, so a redelivered record overwrites itself; the map may grow only while
  ``size(History)`` leaves room.

When a condition fails, DynamoDB returns the item as it was (``ReturnValuesOnConditionCheckFailure``), and
the second write leaves out the stale groups, adds only the missing entries and, when the history is full,
removes the oldest entries - guarded by the exact size and drop count it saw, so a concurrent writer makes
it retry rather than be overwritten. Late events therefore cost two writes, not a read and a write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connect_data.common.dynamo import from_item, serialize
from connect_data.contact_status.changes import ContactChange
from connect_data.contact_status.events import Group
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES, Compaction, plan_compaction

HISTORY = "History"
# Keys of dropped entries, so a redelivered, already-dropped entry is not counted in HistoryDropped again
# (a string set: ADD is idempotent). Bounded: past DROPPED_KEYS_MAX an entry no newer than
# HistoryDroppedBefore is taken as a redelivery and not counted (a late, older entry is then undercounted).
DROPPED_KEYS = "HistoryDroppedKeys"
DROPPED_KEYS_MAX = 500
_PLACEHOLDER = re.compile(r"#[0-9A-Za-z]+")
# A chunk's expression stays under DynamoDB's 4 KB expression limit with this many entries (tested).
CHUNK_ENTRIES = 120
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class StoreSettings:
    table_name: str
    retention_minutes: int = 1440
    max_entries: int = DEFAULT_MAX_ENTRIES


@dataclass
class WriteStats:
    calls: int = 0
    retries: int = 0
    dropped: int = 0


def version_attribute(group: str) -> str:
    return f"Version{group[:1].upper()}{group[1:]}"


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


class _Expression:
    """Placeholders with short names, so 120 history entries fit one 4 KB update expression."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {"#H": HISTORY}
        self.values: dict[str, Any] = {}
        self._n = 0

    def name(self, attribute: str) -> str:
        for placeholder, existing in self.names.items():
            if existing == attribute and placeholder != "#H":
                return placeholder
        placeholder = "#" + _b36(self._n)
        self._n += 1
        self.names[placeholder] = attribute
        return placeholder

    def value(self, value: Any) -> str:
        placeholder = ":" + _b36(self._n)
        self._n += 1
        self.values[placeholder] = serialize(value)
        return placeholder


@dataclass
class _Chunk:
    entries: dict[str, dict[str, Any]]
    groups: dict[str, Group] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    likely_new: bool = False


def _chunks(change: ContactChange, likely_new: bool) -> list[_Chunk]:
    ordered = sorted(change.history.items(), key=lambda kv: (kv[1].get("t", 0), kv[0]))
    parts = [dict(ordered[i : i + CHUNK_ENTRIES]) for i in range(0, len(ordered), CHUNK_ENTRIES)] or [{}]
    chunks = [_Chunk(entries=part) for part in parts]
    first = chunks[0]
    first.groups = dict(change.groups)
    first.facts = dict(change.facts)
    first.defaults = {k: v for k, v in change.defaults.items() if k not in change.facts}
    first.likely_new = likely_new
    return chunks


def _group_values(settings: StoreSettings, name: str, group: Group) -> Mapping[str, Any]:
    if name != "last":
        return group.values
    last_ms = int(group.values["LastEventAt"])
    # The TTL slides with the contact's newest event: retention is minutes, really (the seed's were hours).
    return {**group.values, "ExpiresAt": last_ms // 1000 + settings.retention_minutes * 60}


def write_change(
    dynamodb: Any, settings: StoreSettings, change: ContactChange, *, likely_new: bool = False
) -> WriteStats:
    """Apply ``change`` with conditional updates; answers how many calls it took."""
    stats = WriteStats()
    for chunk in _chunks(change, likely_new):
        _write_chunk(dynamodb, settings, change.contact_id, chunk, stats)
    return stats


def _write_chunk(dynamodb: Any, settings: StoreSettings, contact_id: str, chunk: _Chunk, stats: WriteStats) -> None:
    known: dict[str, Any] | None = None
    for _attempt in range(MAX_ATTEMPTS):
        request = _build_update(settings, chunk, known)
        if request is None:
            return
        stats.calls += 1
        try:
            dynamodb.update_item(
                TableName=settings.table_name,
                Key={"ContactId": {"S": contact_id}},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
                **request["call"],
            )
        except dynamodb.exceptions.ConditionalCheckFailedException as err:
            stats.retries += 1
            known = from_item(err.response.get("Item") or {})
            continue
        stats.dropped += request["dropped"]
        return
    raise RuntimeError(f"contact {contact_id}: no consistent write after {MAX_ATTEMPTS} attempts")


def _count_dropped(expr: _Expression, adds: list[str], plan: Compaction, known: Mapping[str, Any], cutoff: int) -> int:
    """ADD to HistoryDropped only the entries not dropped before, and remember the keys; answers the count.

    Every dropped key is remembered (entries removed from history and entries dropped on arrival alike),
    so the set and the count are the same whatever order the entries came in, up to DROPPED_KEYS_MAX.
    """
    seen = set(known.get(DROPPED_KEYS) or ())
    room = DROPPED_KEYS_MAX - len(seen)
    remember = [k for k in plan.remove][:room]
    count = len(plan.remove)
    for key, t in sorted(plan.dropped_new.items()):
        if key in seen or (len(remember) >= room and t <= cutoff):
            continue  # dropped before: a redelivery
        count += 1
        if len(remember) < room:
            remember.append(key)
    if count:
        adds.append(f"HistoryDropped {expr.value(count)}")
    if remember:
        adds.append(f"{DROPPED_KEYS} {expr.value(set(remember))}")
    return count


def _build_update(settings: StoreSettings, chunk: _Chunk, known: dict[str, Any] | None) -> dict[str, Any] | None:
    expr = _Expression()
    sets: list[str] = []
    removes: list[str] = []
    adds: list[str] = []
    conditions: list[str] = []
    dropped = 0

    for name, group in sorted(chunk.groups.items()):
        attribute = version_attribute(name)
        if known is not None and str(known.get(attribute, "")) >= group.version:
            continue  # the item already holds something newer: this group stays as it is
        v_name, v_value = expr.name(attribute), expr.value(group.version)
        conditions.append(f"(attribute_not_exists({v_name}) OR {v_name} < {v_value})")
        sets.append(f"{v_name} = {v_value}")
        for attr, value in sorted(_group_values(settings, name, group).items()):
            if value is None:
                removes.append(expr.name(attr))
            else:
                sets.append(f"{expr.name(attr)} = {expr.value(value)}")
    for attr, value in sorted(chunk.facts.items()):
        if known is not None and known.get(attr) == value:
            continue
        sets.append(f"{expr.name(attr)} = {expr.value(value)}")
    for attr, value in sorted(chunk.defaults.items()):
        if known is not None and attr in known:
            continue
        placeholder = expr.name(attr)
        sets.append(f"{placeholder} = if_not_exists({placeholder}, {expr.value(value)})")

    existing: dict[str, Any] = dict((known or {}).get(HISTORY) or {})
    history_exists = HISTORY in (known or {})
    new = {k: v for k, v in chunk.entries.items() if k not in existing}
    if not chunk.entries:
        pass  # a change without history (the transfer mark on the previous contact) needs no history condition
    elif known is None and not chunk.likely_new:
        # Guess: the item and its history exist (contact events come before most flow logs).
        conditions.append(f"attribute_exists(#H) AND size(#H) <= {expr.value(settings.max_entries - len(new))}")
        sets += [f"#H.{expr.name(k)} = {expr.value(v)}" for k, v in new.items()]
    elif (known is None and chunk.likely_new) or (known is not None and not history_exists):
        plan = plan_compaction({}, new, settings.max_entries)
        conditions.append("attribute_not_exists(#H)")
        sets.append(f"#H = {expr.value({k: new[k] for k in plan.add})}")
        if plan.dropped:
            dropped = _count_dropped(expr, adds, plan, {}, 0)
            sets.append(f"HistoryDroppedBefore = {expr.value(plan.dropped_before_ms)}")
    elif new:
        assert known is not None
        if len(existing) + len(new) <= settings.max_entries:
            conditions.append(f"size(#H) <= {expr.value(settings.max_entries - len(new))}")
            sets += [f"#H.{expr.name(k)} = {expr.value(v)}" for k, v in new.items()]
        else:
            plan = plan_compaction(existing, new, settings.max_entries)
            before = int(known.get("HistoryDropped", 0))
            conditions.append(f"size(#H) = {expr.value(len(existing))}")
            conditions.append(
                "attribute_not_exists(HistoryDropped)"
                if "HistoryDropped" not in known
                else f"HistoryDropped = {expr.value(before)}"
            )
            sets += [f"#H.{expr.name(k)} = {expr.value(new[k])}" for k in plan.add]
            removes += [f"#H.{expr.name(k)}" for k in plan.remove]
            cutoff = int(known.get("HistoryDroppedBefore", 0))
            dropped = _count_dropped(expr, adds, plan, known, cutoff)
            newest_dropped = max(cutoff, plan.dropped_before_ms or 0)
            sets.append(f"HistoryDroppedBefore = {expr.value(newest_dropped)}")

    if not sets and not removes and not adds:
        return None
    update = "SET " + ", ".join(sets) if sets else ""
    if removes:
        update += " REMOVE " + ", ".join(removes)
    if adds:
        update += " ADD " + ", ".join(adds)
    used = set(_PLACEHOLDER.findall(update + " " + " ".join(conditions)))
    call: dict[str, Any] = {
        "UpdateExpression": update.strip(),
        "ExpressionAttributeNames": {k: v for k, v in expr.names.items() if k in used},
    }
    if expr.values:
        call["ExpressionAttributeValues"] = expr.values
    if conditions:
        call["ConditionExpression"] = " AND ".join(conditions)
    return {"call": call, "dropped": dropped}

"""Writing a :class:`ContactChange`: its history as pages (``pages``), its status with conditional
``UpdateItem`` s only, never a read.

One status write per contact in the common case, and none when the change holds nothing but history.
Each group of "latest" attributes (status, queue, agent, flow, last event) is set together with its
version, only where the stored version is older (``attribute_not_exists(v) OR v < :v``). When a condition
fails, DynamoDB returns the item as it was (``ReturnValuesOnConditionCheckFailure``), and the second write
leaves out the stale groups. Late events therefore cost two small writes, not a read and a write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import from_item, serialize
from connect_data.contact_status.changes import ContactChange
from connect_data.contact_status.events import Group
from connect_data.contact_status.pages import Page, pages_of

_PLACEHOLDER = re.compile(r"#[0-9A-Za-z]+")
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class StoreSettings:
    table_name: str
    history_table_name: str
    retention_minutes: int = 1440


@dataclass
class WriteStats:
    calls: int = 0
    retries: int = 0


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
    """Placeholders with short names."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self._n = 0

    def name(self, attribute: str) -> str:
        for placeholder, existing in self.names.items():
            if existing == attribute:
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


def history_pages(settings: StoreSettings, change: ContactChange) -> list[Page]:
    return pages_of(change.contact_id, change.history, settings.retention_minutes)


def _group_values(settings: StoreSettings, name: str, group: Group) -> Mapping[str, Any]:
    if name != "last":
        return group.values
    last_ms = int(group.values["LastEventAt"])
    # The TTL slides with the contact's newest event: retention is minutes, really (the seed's were hours).
    return {**group.values, "ExpiresAt": last_ms // 1000 + settings.retention_minutes * 60}


def write_status(dynamodb: Any, settings: StoreSettings, change: ContactChange) -> WriteStats:
    """Apply ``change``'s groups, facts and defaults with conditional updates; answers how many calls it took."""
    stats = WriteStats()
    known: dict[str, Any] | None = None
    for _attempt in range(MAX_ATTEMPTS):
        request = _build_update(settings, change, known)
        if request is None:
            return stats
        stats.calls += 1
        try:
            dynamodb.update_item(
                TableName=settings.table_name,
                Key={"ContactId": {"S": change.contact_id}},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
                **request,
            )
        except dynamodb.exceptions.ConditionalCheckFailedException as err:
            stats.retries += 1
            known = from_item(err.response.get("Item") or {})
            continue
        return stats
    raise RuntimeError(f"contact {change.contact_id}: no consistent write after {MAX_ATTEMPTS} attempts")


def _build_update(
    settings: StoreSettings, change: ContactChange, known: dict[str, Any] | None
) -> dict[str, Any] | None:
    expr = _Expression()
    sets: list[str] = []
    removes: list[str] = []
    conditions: list[str] = []

    for name, group in sorted(change.groups.items()):
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
    for attr, value in sorted(change.facts.items()):
        if known is not None and known.get(attr) == value:
            continue
        sets.append(f"{expr.name(attr)} = {expr.value(value)}")
    for attr, value in sorted(change.defaults.items()):
        if attr in change.facts or (known is not None and attr in known):
            continue
        placeholder = expr.name(attr)
        sets.append(f"{placeholder} = if_not_exists({placeholder}, {expr.value(value)})")

    if not sets and not removes:
        return None
    update = "SET " + ", ".join(sets) if sets else ""
    if removes:
        update += " REMOVE " + ", ".join(removes)
    used = set(_PLACEHOLDER.findall(update + " " + " ".join(conditions)))
    call: dict[str, Any] = {
        "UpdateExpression": update.strip(),
        "ExpressionAttributeNames": {k: v for k, v in expr.names.items() if k in used},
    }
    if expr.values:
        call["ExpressionAttributeValues"] = expr.values
    if conditions:
        call["ConditionExpression"] = " AND ".join(conditions)
    return call

"""Observations grouped per contact: one :class:`ContactChange` per contact and delivery.

Merging is itself order-independent: the newest version wins each group, facts from the newest record
that has them win, and history is keyed, so a shuffled delivery merges to the same change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from connect_data.contact_status.events import Group, Observation


@dataclass
class ContactChange:
    contact_id: str
    history: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    _fact_order: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False)

    def add(self, obs: Observation) -> None:
        if obs.entry_key:
            self.history[obs.entry_key] = obs.entry
        for name, group in obs.groups.items():
            current = self.groups.get(name)
            if current is None or group.version > current.version:
                self.groups[name] = group
        order = (obs.at_ms, obs.entry_key)
        for name, value in obs.facts.items():
            if name not in self._fact_order or order > self._fact_order[name]:
                self.facts[name] = value
                self._fact_order[name] = order
        for name, value in obs.defaults.items():
            self.defaults.setdefault(name, value)

    @property
    def record_count(self) -> int:
        return len(self.history)


def group_by_contact(observations: Iterable[Observation]) -> dict[str, ContactChange]:
    changes: dict[str, ContactChange] = {}
    for obs in observations:
        changes.setdefault(obs.contact_id, ContactChange(obs.contact_id)).add(obs)
    return changes

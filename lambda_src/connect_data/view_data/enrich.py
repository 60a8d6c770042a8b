"""Who and when: the contact a guide belongs to, its agent, queue, campaign and timestamps.

A guide usually runs on a CHAT contact related to the voice call (``RelatedContactId``), sometimes a
transfer or two further away (``PreviousContactId``). The chain is followed with ``describe_contact``
until a VOICE contact, a dead end, a cycle or the hop limit; the contact reached keys the item.
Agents, queues and campaigns are cached in the warm container, and every call is skipped once the
time left would not cover the write, so the answers are stored even when Connect is slow.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import error_code
from connect_data.common.flow import FlowEvent
from connect_data.common.timeutil import iso_utc
from connect_data.view_data.cache import TtlCache

DEADLINE = "Deadline"

AGENTS: TtlCache[dict[str, str]] = TtlCache(ttl_seconds=3600)
QUEUES: TtlCache[str] = TtlCache(ttl_seconds=3600)
CAMPAIGNS: TtlCache[str] = TtlCache(ttl_seconds=3600)


def clear_caches() -> None:
    for cache in (AGENTS, QUEUES, CAMPAIGNS):
        cache.clear()


@dataclass
class Budget:
    """Time left for enrichment calls: the flow's limit or the function's, less what the write needs."""

    deadline: float
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def starting_now(cls, available_ms: float, reserve_ms: float) -> Budget:
        return cls(deadline=time.monotonic() + (available_ms - reserve_ms) / 1000)

    def allows_call(self) -> bool:
        return self.clock() < self.deadline


@dataclass
class Enrichment:
    """What Connect told us, and which calls failed (``describe_contact:ThrottlingException``)."""

    key_contact_id: str
    fields: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    hops: int = 0
    calls: int = 0


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return iso_utc(int(value.timestamp() * 1000))
    return None


class _Caller:
    """Runs one Connect call inside the budget and records its failure instead of raising."""

    def __init__(self, budget: Budget, result: Enrichment) -> None:
        self.budget = budget
        self.result = result

    def __call__(self, name: str, call: Callable[[], Any]) -> Any:
        if not self.budget.allows_call():
            if f"{name}:{DEADLINE}" not in self.result.failures:
                self.result.failures.append(f"{name}:{DEADLINE}")
            return None
        self.result.calls += 1
        try:
            return call()
        except (ClientError, BotoCoreError) as err:
            self.result.failures.append(f"{name}:{error_code(err)}")
            return None


def _next_link(contact_id: str, related: str | None, previous: str | None) -> str | None:
    if related and related != contact_id:
        return related
    if previous and previous != contact_id:
        return previous
    return None


def enrich(
    event: FlowEvent,
    connect: Any,
    campaigns: Any,
    budget: Budget,
    *,
    max_hops: int = 5,
) -> Enrichment:
    """Follow the guide contact to its VOICE contact and read agent, queue, campaign and timestamps."""
    guide_id = event.contact_id or ""
    result = Enrichment(key_contact_id=guide_id)
    call = _Caller(budget, result)
    instance_id = event.instance_id
    if not instance_id:
        result.failures.append("describe_contact:NoInstanceARN")
        return _event_fields(event, result, own_contact=True)

    # The event already tells the guide contact's channel and links, so it is described only when it
    # is itself the contact we want (VOICE) or has nowhere to lead.
    contact: dict[str, Any] | None = None
    current = guide_id
    next_id = None
    if event.channel != "VOICE":
        next_id = _next_link(guide_id, event.related_contact_id, event.previous_contact_id)
    visited = {guide_id}
    if next_id is None:
        contact = _describe(call, connect, instance_id, guide_id)
    while next_id is not None and result.hops < max_hops:
        if next_id in visited:
            result.failures.append("chain:Cycle")
            break
        visited.add(next_id)
        current = next_id
        result.hops += 1
        described = _describe(call, connect, instance_id, current)
        if described is None:
            break
        contact = described
        if described.get("Channel") == "VOICE":
            break
        next_id = _next_link(current, described.get("RelatedContactId"), described.get("PreviousContactId"))
    else:
        if next_id is not None:
            result.failures.append("chain:MaxHops")
    result.key_contact_id = contact.get("Id", current) if contact else current
    # The event's queue belongs to the guide's own contact: it names the voice contact's queue only
    # when the guide ran on that contact.
    _event_fields(event, result, own_contact=result.key_contact_id == guide_id)
    if contact:
        _contact_fields(contact, result)
        _agent_fields(call, connect, instance_id, contact, result)
        _queue_name(call, connect, instance_id, contact, result)
        _campaign_fields(call, campaigns, contact, result)
    return result


def _describe(call: _Caller, connect: Any, instance_id: str, contact_id: str) -> dict[str, Any] | None:
    response = call("describe_contact", lambda: connect.describe_contact(InstanceId=instance_id, ContactId=contact_id))
    return response.get("Contact") if response else None


def _event_fields(event: FlowEvent, result: Enrichment, *, own_contact: bool) -> Enrichment:
    """What the event itself says; a described contact overrides it where it knows better."""
    queue = event.contact.get("Queue")
    outbound = queue.get("OutboundCallerId") if isinstance(queue, dict) else None
    found = {
        "Channel": event.channel,
        "InitiationMethod": event.initiation_method,
        "CustomerEndpoint": event.customer_number,
        "SystemEndpoint": event.system_number,
    }
    if own_contact:
        found["QueueName"] = event.queue_name
        found["OutboundCallerId"] = outbound.get("Address") if isinstance(outbound, dict) else None
    result.fields.update({k: v for k, v in found.items() if v})
    return result


def _contact_fields(contact: dict[str, Any], result: Enrichment) -> None:
    agent = contact.get("AgentInfo") or {}
    queue = contact.get("QueueInfo") or {}
    found = {
        "OriginalContactId": contact.get("Id"),
        "OriginalInitialContactId": contact.get("InitialContactId"),
        "Channel": contact.get("Channel"),
        "InitiationMethod": contact.get("InitiationMethod"),
        "CustomerEndpoint": (contact.get("CustomerEndpoint") or {}).get("Address"),
        "SystemEndpoint": (contact.get("SystemEndpoint") or {}).get("Address"),
        "InitiationTimestamp": _iso(contact.get("InitiationTimestamp")),
        "EnqueueTimestamp": _iso(queue.get("EnqueueTimestamp")),
        "ConnectedToAgentTimestamp": _iso(agent.get("ConnectedToAgentTimestamp")),
        "DisconnectTimestamp": _iso(contact.get("DisconnectTimestamp")),
        "AgentId": agent.get("Id"),
        "CampaignId": (contact.get("Campaign") or {}).get("CampaignId"),
    }
    result.fields.update({k: v for k, v in found.items() if v})


def _agent_fields(call: _Caller, connect: Any, instance_id: str, contact: dict[str, Any], result: Enrichment) -> None:
    agent_id = (contact.get("AgentInfo") or {}).get("Id")
    if not agent_id:
        return
    agent = AGENTS.get(agent_id)
    if agent is None:
        response = call("describe_user", lambda: connect.describe_user(InstanceId=instance_id, UserId=agent_id))
        if not response:
            return
        user = response.get("User") or {}
        identity = user.get("IdentityInfo") or {}
        name = " ".join(p for p in (identity.get("FirstName"), identity.get("LastName")) if p)
        agent = {k: v for k, v in {"AgentUsername": user.get("Username"), "AgentName": name}.items() if v}
        AGENTS.put(agent_id, agent)
    result.fields.update(agent)


def _queue_name(call: _Caller, connect: Any, instance_id: str, contact: dict[str, Any], result: Enrichment) -> None:
    """The reached contact's queue name, when the event (a guide's own contact) could not tell it."""
    queue_id = (contact.get("QueueInfo") or {}).get("Id")
    if not queue_id or result.fields.get("QueueName"):
        return
    name = QUEUES.get(queue_id)
    if name is None:
        response = call("describe_queue", lambda: connect.describe_queue(InstanceId=instance_id, QueueId=queue_id))
        name = ((response or {}).get("Queue") or {}).get("Name")
        if not name:
            return
        QUEUES.put(queue_id, name)
    result.fields["QueueName"] = name


def _campaign_fields(call: _Caller, campaigns: Any, contact: dict[str, Any], result: Enrichment) -> None:
    campaign_id = (contact.get("Campaign") or {}).get("CampaignId")
    if not campaign_id:
        return
    name = CAMPAIGNS.get(campaign_id)
    if name is None:
        response = call("describe_campaign", lambda: campaigns.describe_campaign(id=campaign_id))
        name = ((response or {}).get("campaign") or {}).get("name")
        if not name:
            return
        CAMPAIGNS.put(campaign_id, name)
    result.fields["CampaignName"] = name

"""Sample Connect events for tests, the demo and the benchmarks, built on the fixtures in tests/events."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

EVENTS = Path(__file__).resolve().parent.parent / "tests" / "events"

INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"


def load_event(relative: str) -> Any:
    """A deep copy of ``tests/events/<relative>`` (JSON)."""
    return copy.deepcopy(json.loads((EVENTS / relative).read_text()))


def flow_event(
    *,
    caller: str | None = "+14155550100",
    dialled: str | None = "+18005550199",
    channel: str = "VOICE",
    parameters: dict[str, Any] | None = None,
    contact_id: str = "4a573372-1f28-4e26-b97b-000000000001",
    attributes: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A Connect ``ContactFlowEvent`` built on the documented sample, with the given endpoints."""
    event = load_event("flow/voice_full.json")
    data = event["Details"]["ContactData"]
    data.update(
        ContactId=contact_id,
        InitialContactId=contact_id,
        PreviousContactId=contact_id,
        Channel=channel,
        InitiationMethod="INBOUND",
        InstanceARN=INSTANCE_ARN,
    )
    data["CustomerEndpoint"] = None if caller is None else {"Address": caller, "Type": "TELEPHONE_NUMBER"}
    data["SystemEndpoint"] = None if dialled is None else {"Address": dialled, "Type": "TELEPHONE_NUMBER"}
    data["Attributes"] = dict(attributes or {})
    event["Details"]["Parameters"] = dict(parameters or {})
    return event

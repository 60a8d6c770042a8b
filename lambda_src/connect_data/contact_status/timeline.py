"""A contact and its related contacts as a timeline: a friendly and a technical text view, and the lanes
(``lanes``) that ``connect_data.render.timeline_page`` draws as a picture.

Plain functions over plain items (``from_item``), so the CLIs, the demo and the tests share them. Phone
numbers are masked everywhere (parameters, attributes, custom attributes, endpoints) unless the caller
passes ``show_numbers=True``. Durations appear only where the data holds both ends: a flow log carries
no Lambda duration, so none is shown (the gap to the next block is the caller's time, not the Lambda's).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from connect_data.common.phone import mask_number
from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.history import sorted_history

# Flow blocks whose parameters say what the customer heard or where the contact went.
PROMPT_BLOCKS = frozenset({"PlayPrompt", "GetUserInput", "StoreUserInput", "AddToPlayLoop", "Loop prompts"})
INPUT_BLOCKS = frozenset({"GetUserInput", "StoreUserInput"})
ATTRIBUTE_BLOCKS = frozenset({"SetAttributes", "SetContactAttributes", "SetContactData", "UpdateContactData"})
LAMBDA_BLOCKS = frozenset({"InvokeExternalResource", "InvokeLambdaFunction"})
# Results of an input block that are not an option the caller chose.
NO_CHOICE_RESULTS = {"error": "no valid option", "timeout": "no input (timeout)", "timedout": "no input (timeout)"}
# A phone number inside any text: 7 to 15 digits with the separators people write, not part of a longer token.
_NUMBER_IN_TEXT = re.compile(r"(?<![\w\-.:/])\+?\d(?:[\s().\-]{0,2}\d){6,14}(?![\w\-:/])")


def mask_numbers(text: str) -> str:
    """``text`` with every phone-like number masked to country code and last two digits."""
    return _NUMBER_IN_TEXT.sub(lambda m: mask_number("+" + re.sub(r"\D", "", m.group())), text)


@dataclass(frozen=True)
class Line:
    at_ms: int
    contact_id: str
    text: str
    error: bool = False


def _tail(value: Any) -> str:
    return value.rsplit("/", 1)[-1] if isinstance(value, str) else ""


def _prompt_text(params: Mapping[str, Any]) -> str:
    text = params.get("Text") or params.get("SSML")
    if text:
        return '"' + " ".join(str(text).split()) + '"'
    if params.get("AudioPrompt") or params.get("PromptId"):
        return f"audio prompt {_tail(params.get('AudioPrompt') or params.get('PromptId'))}"
    return ""


def choice_text(results: Any) -> str | None:
    """What an input block's ``Results`` says the caller did: ``chose 1`` / ``no valid option``; None if silent."""
    if results is None or results == "":
        return None
    text = str(results)
    return NO_CHOICE_RESULTS.get(text.lower().replace(" ", ""), f"chose {text}")


def _pairs(values: Mapping[str, Any], show_numbers: bool) -> str:
    text = ", ".join(f"{k}={v}" for k, v in sorted(values.items()))
    return text if show_numbers else mask_numbers(text)


def friendly_lines(item: Mapping[str, Any], *, show_numbers: bool = False) -> list[Line]:
    """What happened, as a person would tell it: flows entered, prompts heard, options chosen, queue, agent."""
    contact = str(item.get("ContactId"))
    lines: list[Line] = []
    flow = None
    for entry in sorted_history(item.get("History") or {}):
        t = int(entry.get("t", 0))
        if entry.get("src") == "event":
            detail = entry.get("detail") or {}
            kind = entry.get("type")
            if kind == "INITIATED":
                started = f"{detail.get('channel', '')} contact started ({detail.get('initiationMethod', '')})"
                lines.append(Line(t, contact, started))
            elif kind == "QUEUED":
                lines.append(Line(t, contact, f"queued in {_tail((detail.get('queueInfo') or {}).get('queueArn'))}"))
            elif kind == "CONNECTED_TO_AGENT":
                agent = _tail((detail.get("agentInfo") or {}).get("agentArn"))
                lines.append(Line(t, contact, f"connected to agent {agent}"))
            elif kind in ("PAUSED", "RESUMED"):
                lines.append(Line(t, contact, "put on hold" if kind == "PAUSED" else "taken off hold"))
            elif kind in ("DISCONNECTED", "COMPLETED"):
                reason = detail.get("disconnectReason")
                lines.append(Line(t, contact, kind.lower() + (f" ({reason})" if reason else "")))
            continue
        record = entry.get("record") or {}
        name = record.get("ContactFlowName") or record.get("ContactFlowId")
        if name != flow:
            flow = name
            lines.append(Line(t, contact, f"entered flow {name}"))
        block = entry.get("type")
        params = record.get("Parameters") or {}
        if block in PROMPT_BLOCKS and _prompt_text(params):
            heard = _prompt_text(params)
            lines.append(Line(t, contact, f"heard {heard if show_numbers else mask_numbers(heard)}"))
        if block in INPUT_BLOCKS and choice_text(record.get("Results")):
            lines.append(Line(t, contact, str(choice_text(record.get("Results"))), record.get("Results") == "Error"))
        elif block == "SetQueue" and params.get("Queue"):
            lines.append(Line(t, contact, f"queue set to {_tail(params['Queue'])}"))
        elif block == "Transfer":
            result = f" ({record['Results']})" if "Results" in record else ""
            lines.append(Line(t, contact, "transferred to queue" + result))
    for start, end in agent_holds(item):
        lines.append(Line(start, contact, "put on hold by the agent"))
        if end is not None:
            lines.append(Line(end, contact, f"taken off hold after {_seconds(end - start)}"))
    return sorted(lines, key=lambda line: line.at_ms)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:g} s"


def technical_lines(item: Mapping[str, Any], *, show_numbers: bool = False) -> list[Line]:
    """Every entry with its details: attributes set, Lambda invocations with their results, errors."""
    contact = str(item.get("ContactId"))
    lines: list[Line] = []
    for entry in sorted_history(item.get("History") or {}):
        t = int(entry.get("t", 0))
        if entry.get("src") == "event":
            lines.append(Line(t, contact, f"event {entry.get('type')}"))
            continue
        record = entry.get("record") or {}
        block = str(entry.get("type"))
        params = record.get("Parameters") or {}
        results = record.get("Results")
        error = isinstance(results, str) and "error" in results.lower()
        text = f"{record.get('ContactFlowName', '')} / {block}"
        if block in LAMBDA_BLOCKS:
            function = str(params.get("FunctionArn") or "").split(":function:")[-1]
            answer = record.get("ExternalResults")
            shown = answer if answer is not None else results
            limit = f" (time limit {params['TimeLimit']} ms)" if params.get("TimeLimit") else ""
            text += f": Lambda {function}{limit} -> {shown if show_numbers else mask_numbers(str(shown))}"
        elif block in ATTRIBUTE_BLOCKS:
            text += ": set " + _pairs(params, show_numbers)
        else:
            shown_params = {k: v for k, v in params.items() if k not in ("Text", "SSML")}
            if shown_params:
                text += " " + _pairs(shown_params, show_numbers)
            if results is not None:
                text += f" -> {results}"
        lines.append(Line(t, contact, text, error))
    for name, value in sorted((item.get("CustomAttributes") or {}).items()):
        at = int(item.get("RecordedAt", 0) or 0)
        lines.append(Line(at, contact, "custom attribute " + _pairs({name: value}, show_numbers)))
    if item.get("HistoryDropped"):
        at = int(item.get("HistoryDroppedBefore", 0))
        lines.append(Line(at, contact, f"{item['HistoryDropped']} older entries left out"))
    return sorted(lines, key=lambda line: line.at_ms)


def summary(item: Mapping[str, Any], *, show_numbers: bool = False) -> str:
    parts = [
        f"contact {item.get('ContactId')}",
        str(item.get("Channel") or ""),
        str(item.get("InitiationMethod") or ""),
        f"status {item.get('Status') or 'unknown'}",
    ]
    if item.get("CustomerEndpoint"):
        endpoint = str(item["CustomerEndpoint"])
        parts.append(f"customer {endpoint if show_numbers else mask_numbers(endpoint)}")
    if item.get("QueueArn"):
        parts.append(f"queue {_tail(item['QueueArn'])}")
    if item.get("AgentArn"):
        parts.append(f"agent {_tail(item['AgentArn'])}")
    if item.get("Transferred"):
        parts.append(f"transferred to {item.get('TransferredToContactId', '?')}")
    return ", ".join(p for p in parts if p)


def merged_lines(items: Sequence[Mapping[str, Any]], view: str, *, show_numbers: bool = False) -> list[Line]:
    make = friendly_lines if view == "friendly" else technical_lines
    every = (line for item in items for line in make(item, show_numbers=show_numbers))
    return sorted(every, key=lambda line: (line.at_ms, line.contact_id))


def render_text(items: Sequence[Mapping[str, Any]], *, show_numbers: bool = False) -> str:
    out = [summary(item, show_numbers=show_numbers) for item in items]
    for view in ("friendly", "technical"):
        out += ["", f"== {view} view =="]
        out += [
            f"{iso_utc(line.at_ms)}  {line.contact_id[:8]}  {'ERROR ' if line.error else ''}{line.text}"
            for line in merged_lines(items, view, show_numbers=show_numbers)
        ]
    return "\n".join(out) + "\n"


# --- lanes: the picture's model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """Time a contact spent somewhere; ``end_ms`` None when the data has no end yet (still there)."""

    kind: str  # flow, queue, agent, hold
    label: str
    start_ms: int
    end_ms: int | None


@dataclass(frozen=True)
class Mark:
    """A moment on a lane: a prompt heard, an option chosen, a Lambda called, a transfer, an error."""

    kind: str  # prompt, choice, lambda, transfer, error, event
    at_ms: int
    text: str


@dataclass
class Lane:
    contact_id: str
    title: str
    start_ms: int
    end_ms: int
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    technical: list[Line] = field(default_factory=list)
    linked_from: str | None = None


def _flow_bars(history: list[dict[str, Any]]) -> list[Bar]:
    """One bar per run of consecutive blocks of one flow, from its first to its last logged block."""
    bars: list[Bar] = []
    name, first, last = None, 0, 0
    for entry in history:
        if entry.get("src") != "flow":
            continue
        record = entry.get("record") or {}
        this = record.get("ContactFlowName") or record.get("ContactFlowId") or "flow"
        t = int(entry.get("t", 0))
        if this != name:
            if name is not None:
                bars.append(Bar("flow", str(name), first, last))
            name, first = this, t
        last = t
    if name is not None:
        bars.append(Bar("flow", str(name), first, last))
    return bars


def _ms(item: Mapping[str, Any], name: str) -> int | None:
    value = item.get(name)
    return int(value) if value is not None else None


def _state_bars(item: Mapping[str, Any], history: list[dict[str, Any]]) -> list[Bar]:
    """Queue, agent and hold bars from the timestamps the contact events carry (both ends, or open)."""
    events = [e for e in history if e.get("src") == "event"]
    disconnects = [int(e["t"]) for e in events if e.get("type") == "DISCONNECTED"]
    ended = _ms(item, "DisconnectedAt") or (disconnects[0] if disconnects else None)
    agent_at = _ms(item, "ConnectedToAgentAt")
    bars: list[Bar] = []
    queued = [int(e["t"]) for e in events if e.get("type") == "QUEUED"]
    enqueued = _ms(item, "EnqueuedAt") or (queued[0] if queued else None)
    if enqueued is not None:
        queue_end = agent_at if agent_at and agent_at >= enqueued else ended
        bars.append(Bar("queue", f"in queue {_tail(item.get('QueueArn'))[:8]}", enqueued, queue_end))
    if agent_at is not None:
        bars.append(Bar("agent", f"with agent {_tail(item.get('AgentArn'))[:8]}", agent_at, ended))
    hold_from: int | None = None
    for entry in events:
        if entry.get("type") == "PAUSED":
            hold_from = int(entry["t"])
        elif entry.get("type") == "RESUMED" and hold_from is not None:
            bars.append(Bar("hold", "on hold", hold_from, int(entry["t"])))
            hold_from = None
    if hold_from is not None:
        bars.append(Bar("hold", "on hold", hold_from, ended))
    return bars + _agent_hold_bars(item, ended)


def agent_holds(item: Mapping[str, Any]) -> list[tuple[int, int | None]]:
    """Voice holds as the agent events' join adds them (``HoldStartedAt`` / ``HoldEndedAt`` sets): each start
    with the first end after it (before the next start), or ``None`` while it is still open."""
    starts = sorted(int(t) for t in item.get("HoldStartedAt") or ())
    ends = sorted(int(t) for t in item.get("HoldEndedAt") or ())
    holds: list[tuple[int, int | None]] = []
    for n, start in enumerate(starts):
        following = starts[n + 1] if n + 1 < len(starts) else None
        holds.append((start, next((e for e in ends if e >= start and (following is None or e <= following)), None)))
    return holds


def _agent_hold_bars(item: Mapping[str, Any], ended: int | None) -> list[Bar]:
    """The agent's holds as bars; one without an end is open until the contact ended."""
    return [Bar("hold", "on hold", start, end if end is not None else ended) for start, end in agent_holds(item)]


def _marks(item: Mapping[str, Any], history: list[dict[str, Any]], show_numbers: bool) -> list[Mark]:
    marks: list[Mark] = []
    for line in friendly_lines(item, show_numbers=show_numbers):
        text = line.text
        if text.startswith("heard "):
            marks.append(Mark("prompt", line.at_ms, text))
        elif text.startswith(("chose ", "no valid option", "no input")):
            marks.append(Mark("error" if line.error else "choice", line.at_ms, text))
        elif text.startswith("transferred"):
            marks.append(Mark("transfer", line.at_ms, text))
        elif text.startswith(("disconnected", "completed")):
            marks.append(Mark("event", line.at_ms, text))
    for line in technical_lines(item, show_numbers=show_numbers):
        if ": Lambda " in line.text:
            marks.append(Mark("error" if line.error else "lambda", line.at_ms, line.text.split(" / ", 1)[-1]))
    return sorted(marks, key=lambda m: m.at_ms)


def lanes(items: Sequence[Mapping[str, Any]], *, show_numbers: bool = False) -> list[Lane]:
    """One lane per contact of the call or chat (the first contact, transfers, callbacks), oldest first."""
    result = []
    for item in items:
        history = sorted_history(item.get("History") or {})
        times = [int(e.get("t", 0)) for e in history]
        times += [t for t in (_ms(item, "InitiatedAt"), _ms(item, "DisconnectedAt")) if t is not None]
        # Holds come from the agent events, not the history: the lane must reach them too.
        times += [int(t) for name in ("HoldStartedAt", "HoldEndedAt") for t in item.get(name) or ()]
        if not times:
            continue
        method = str(item.get("InitiationMethod") or "")
        title = f"{str(item.get('Channel') or '').title()} contact" + (f" ({method.lower()})" if method else "")
        result.append(
            Lane(
                contact_id=str(item.get("ContactId")),
                title=title.strip(),
                start_ms=min(times),
                end_ms=max(times),
                bars=_flow_bars(history) + _state_bars(item, history),
                marks=_marks(item, history, show_numbers),
                technical=technical_lines(item, show_numbers=show_numbers),
                linked_from=item.get("PreviousContactId")
                if method in ("TRANSFER", "CALLBACK", "QUEUE_TRANSFER")
                else None,
            )
        )
    return sorted(result, key=lambda lane: (lane.start_ms, lane.contact_id))

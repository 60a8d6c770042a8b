"""A contact and its related contacts as a timeline: a friendly view and a technical view, text or HTML.

Plain functions over plain items (``from_item``), so the CLI, the demo and the tests share them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.history import sorted_history

# Flow blocks whose parameters say what the customer heard or where the contact went.
PROMPT_BLOCKS = frozenset({"PlayPrompt", "GetUserInput", "StoreUserInput", "AddToPlayLoop", "Loop prompts"})
ATTRIBUTE_BLOCKS = frozenset({"SetAttributes", "SetContactAttributes", "SetContactData", "UpdateContactData"})
LAMBDA_BLOCKS = frozenset({"InvokeExternalResource", "InvokeLambdaFunction"})


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


def friendly_lines(item: Mapping[str, Any]) -> list[Line]:
    """What happened, as a person would tell it: flows entered, prompts, queue, agent, outcome."""
    contact = str(item.get("ContactId"))
    lines: list[Line] = []
    flow = None
    for entry in sorted_history(item.get("History") or {}):
        t = int(entry.get("t", 0))
        if entry.get("src") == "event":
            detail = entry.get("detail") or {}
            kind = entry.get("type")
            if kind == "INITIATED":
                lines.append(
                    Line(
                        t,
                        contact,
                        f"{detail.get('channel', '')} contact started ({detail.get('initiationMethod', '')})",
                    )
                )
            elif kind == "QUEUED":
                lines.append(Line(t, contact, f"queued in {_tail((detail.get('queueInfo') or {}).get('queueArn'))}"))
            elif kind == "CONNECTED_TO_AGENT":
                lines.append(
                    Line(t, contact, f"connected to agent {_tail((detail.get('agentInfo') or {}).get('agentArn'))}")
                )
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
            lines.append(Line(t, contact, f"heard {_prompt_text(params)}"))
        elif block == "SetQueue" and params.get("Queue"):
            lines.append(Line(t, contact, f"queue set to {_tail(params['Queue'])}"))
        elif block == "Transfer":
            lines.append(
                Line(t, contact, "transferred to queue" + (f" ({record['Results']})" if "Results" in record else ""))
            )
    return lines


def technical_lines(item: Mapping[str, Any]) -> list[Line]:
    """Every entry with its details: attributes set, Lambda invocations with results and durations, errors."""
    contact = str(item.get("ContactId"))
    lines: list[Line] = []
    history = sorted_history(item.get("History") or {})
    for index, entry in enumerate(history):
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
            # A flow log has no duration; the next entry of the contact marks when the flow went on.
            following = next((int(e.get("t", 0)) for e in history[index + 1 :]), None)
            duration = f" in {following - t} ms" if following is not None else ""
            function = str(params.get("FunctionArn") or "").split(":function:")[-1]
            answer = record.get("ExternalResults")
            text += f": Lambda {function}{duration} -> {answer if answer is not None else results}"
        elif block in ATTRIBUTE_BLOCKS:
            text += ": set " + ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        else:
            shown = {k: v for k, v in params.items() if k not in ("Text", "SSML")}
            if shown:
                text += " " + ", ".join(f"{k}={v}" for k, v in sorted(shown.items()))
            if results is not None:
                text += f" -> {results}"
        lines.append(Line(t, contact, text, error))
    for name, value in sorted((item.get("CustomAttributes") or {}).items()):
        lines.append(Line(int(item.get("RecordedAt", 0) or 0), contact, f"custom attribute {name}={value}"))
    if item.get("HistoryDropped"):
        lines.append(
            Line(
                int(item.get("HistoryDroppedBefore", 0)),
                contact,
                f"{item['HistoryDropped']} older entries summarized away",
            )
        )
    return sorted(lines, key=lambda line: line.at_ms)


def summary(item: Mapping[str, Any]) -> str:
    parts = [
        f"contact {item.get('ContactId')}",
        str(item.get("Channel") or ""),
        str(item.get("InitiationMethod") or ""),
        f"status {item.get('Status') or 'unknown'}",
    ]
    if item.get("QueueArn"):
        parts.append(f"queue {_tail(item['QueueArn'])}")
    if item.get("AgentArn"):
        parts.append(f"agent {_tail(item['AgentArn'])}")
    if item.get("Transferred"):
        parts.append(f"transferred to {item.get('TransferredToContactId', '?')}")
    return ", ".join(p for p in parts if p)


def _merged(items: Sequence[Mapping[str, Any]], view: str) -> list[Line]:
    make = friendly_lines if view == "friendly" else technical_lines
    return sorted((line for item in items for line in make(item)), key=lambda line: (line.at_ms, line.contact_id))


def render_text(items: Sequence[Mapping[str, Any]]) -> str:
    out = [summary(item) for item in items]
    for view in ("friendly", "technical"):
        out += ["", f"== {view} view =="]
        out += [
            f"{iso_utc(line.at_ms)}  {line.contact_id[:8]}  {'ERROR ' if line.error else ''}{line.text}"
            for line in _merged(items, view)
        ]
    return "\n".join(out) + "\n"


def render_html(items: Sequence[Mapping[str, Any]]) -> str:
    """One self-contained page (inline style, no scripts or external assets)."""
    esc = html.escape
    sections = []
    for view in ("friendly", "technical"):
        rows = "".join(
            f'<tr class="{"error" if line.error else ""}"><td>{esc(iso_utc(line.at_ms))}</td>'
            f"<td>{esc(line.contact_id[:8])}</td><td>{esc(line.text)}</td></tr>"
            for line in _merged(items, view)
        )
        sections.append(
            f"<h2>{view.title()} view</h2><table>"
            f"<tr><th>Time (UTC)</th><th>Contact</th><th>What</th></tr>{rows}</table>"
        )
    heads = "".join(f"<li>{esc(summary(item))}</li>" for item in items)
    style = (
        "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}tr.error{background:#fdd}"
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Contact timeline</title><style>{style}</style>'
        f"</head><body><h1>Contact timeline</h1><ul>{heads}</ul>{''.join(sections)}</body></html>\n"
    )

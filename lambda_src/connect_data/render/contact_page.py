"""One page per contact across the capabilities (``contact-360``): each section names its source."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from connect_data.contact_status.timeline import mask_numbers, summary
from connect_data.render.page import document, esc, source_note
from connect_data.render.timeline_page import timeline_section

if TYPE_CHECKING:
    from connect_data.cli.contact_360 import Contact360, Section

TITLES = {
    "view_data": "View answers",
    "cases": "Cases linked to the contact",
    "customer_lookup": "Customer profile the lookup answered",
    "vanity_numbers": "Vanity numbers offered",
}


def _text(value: Any, show_numbers: bool) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a stored number (a TTL, a score) is not a phone number written as text
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return text if show_numbers else mask_numbers(text)


def _kv(values: dict[str, Any], show_numbers: bool) -> str:
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(_text(v, show_numbers))}</dd>" for k, v in values.items())
    return f'<dl class="kv">{rows}</dl>'


def _view(data: dict[str, Any], show: bool) -> str:
    rows = "".join(
        f"<tr><td>{esc(r['question'])}</td><td>{esc(_text(r['answer'], show))}</td>"
        f"<td><code>{esc(r['key'])}</code></td></tr>"
        for r in data["answers"]
    )
    table = f"<table><tr><th>Question</th><th>Answer</th><th>Key</th></tr>{rows}</table>"
    return (_kv(data["context"], show) if data["context"] else "") + table


def _cases(data: list[dict[str, Any]], show: bool) -> str:
    rows = "".join(
        f"<tr><td><code>{esc(c['caseId'])}</code></td><td>{esc(c.get('status') or '')}</td>"
        f'<td>{esc(c.get("lastEventType") or "")}</td><td class="time">{esc(c.get("lastChangeTime") or "")}</td>'
        f'<td class="wrap">{esc(_text(c.get("fields") or {}, show))}</td></tr>'
        for c in data
    )
    return f"<table><tr><th>Case</th><th>Status</th><th>Last change</th><th>At</th><th>Fields</th></tr>{rows}</table>"


def _profile(data: dict[str, Any], show: bool) -> str:
    html = _kv(data["profile"], show)
    if data.get("calls"):
        html += "<h3>Last call stamp</h3>" + _kv(data["calls"], show)
    return html


def _vanity(data: dict[str, Any], show: bool) -> str:
    words = "".join(f"<li><strong>{esc(v)}</strong></li>" for v in data["vanity"])
    where = (
        "offered on this contact"
        if data["offeredOnThisContact"]
        else f"stored for the caller on contact {esc(data.get('contactId') or '?')}"
    )
    return f'<ol>{words}</ol><p class="sub">{where}, {esc(data.get("createdAt") or "")}</p>'


RENDERERS: dict[str, Callable[[Any, bool], str]] = {
    "view_data": _view,
    "cases": _cases,
    "customer_lookup": _profile,
    "vanity_numbers": _vanity,
}


def _section(name: str, section: Section, show: bool) -> str:
    inner = f'<p class="empty">{esc(section.note)}</p>' if section.note else RENDERERS[name](section.data, show)
    return (
        f'<section class="card" data-section="{name}"><h2>{esc(TITLES[name])}</h2>'
        f"{source_note(section.source)}{inner}</section>"
    )


def render_contact_page(found: Contact360, *, show_numbers: bool = False) -> str:
    contacts = found.contacts
    status = found.sections["status"]
    heads = "".join(f"<li>{esc(summary(item, show_numbers=show_numbers))}</li>" for item in contacts)
    body = (
        f"<h1>Contact {esc(found.contact_id)}</h1>"
        f'<p class="sub">{len(contacts)} contact(s) of one call or chat.'
        f"{'' if show_numbers else ' Phone numbers are masked (--show-numbers shows them).'}</p>"
        f'<section class="card" data-section="status"><h2>Status and timeline</h2>{source_note(status.source)}'
        f"<ul>{heads}</ul>{timeline_section(contacts, show_numbers=show_numbers)}</section>"
    )
    body += "".join(_section(name, found.sections[name], show_numbers) for name in TITLES if name in found.sections)
    return document(f"Contact {found.contact_id}", body)

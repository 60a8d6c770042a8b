"""The timeline as a picture: one swimlane per contact of the call or chat, on one shared time axis.

Bars show time in flows, in queue, with an agent and on hold (an open end fades out: the data has no end
yet); diamonds mark prompts heard, options chosen, Lambda calls and transfers, and the same moments are
listed under the lane in words. The technical view of each contact is one click away (a ``<details>``
element, so the page needs no script).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.timeline import Bar, Lane, lanes
from connect_data.render.page import document, esc

# Tick steps of the axis, in ms: the first that gives at most ~10 ticks is used.
_STEPS = [s * 1000 for s in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400)]
LEGEND = (("flow", "in a flow"), ("queue", "in queue"), ("agent", "with an agent"), ("hold", "on hold"))


def duration_text(ms: int) -> str:
    seconds = ms / 1000
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes < 120 else f"{minutes // 60} h {minutes % 60:02d} min"


def _offset(ms: int) -> str:
    seconds = ms // 1000
    return f"+{seconds // 60}:{seconds % 60:02d}"


class _Scale:
    def __init__(self, start: int, end: int) -> None:
        self.start = start
        # 5 % room after the last moment, so an open bar's fade and the last mark stay inside the track.
        self.span = max(int((end - start) * 1.05), 1000)

    def pct(self, at_ms: int) -> float:
        return round(100 * (at_ms - self.start) / self.span, 3)

    def ticks(self) -> list[int]:
        step = next((s for s in _STEPS if self.span / s <= 10), _STEPS[-1])
        return list(range(0, self.span + 1, step))


def _bar(bar: Bar, scale: _Scale, lane_end: int) -> str:
    end = bar.end_ms if bar.end_ms is not None else lane_end
    left, width = scale.pct(bar.start_ms), max(round(scale.pct(end) - scale.pct(bar.start_ms), 3), 0.4)
    if bar.end_ms is None:
        label, tip = bar.label, f"{bar.label}: since {iso_utc(bar.start_ms)}, no end recorded yet"
    else:
        took = duration_text(bar.end_ms - bar.start_ms)
        label, tip = f"{bar.label} · {took}", f"{bar.label}: {took} ({iso_utc(bar.start_ms)} to {iso_utc(end)})"
    classes = f"bar {bar.kind}" + (" open" if bar.end_ms is None else "")
    return (
        f'<div class="{classes}" data-kind="{bar.kind}" style="left:{left}%;width:{width}%" '
        f'title="{esc(tip)}">{esc(label)}</div>'
    )


def _lane(lane: Lane, scale: _Scale, origin: int) -> str:
    bars = "".join(_bar(bar, scale, scale.start + scale.span) for bar in lane.bars)
    marks = "".join(
        f'<div class="mark {m.kind}" data-kind="{m.kind}" style="left:{scale.pct(m.at_ms)}%" '
        f'title="{esc(_offset(m.at_ms - origin) + " " + m.text)}"></div>'
        for m in lane.marks
    )
    story = "".join(
        f'<li><span class="t">{_offset(m.at_ms - origin)}</span>'
        f'<span class="{"error-text" if m.kind == "error" else ""}">{esc(m.text)}</span></li>'
        for m in lane.marks
        if m.kind != "lambda"
    )
    rows = "".join(
        f'<tr class="{"error" if line.error else ""}"><td class="time">{esc(iso_utc(line.at_ms))}</td>'
        f'<td class="wrap">{esc(line.text)}</td></tr>'
        for line in lane.technical
    )
    linked = f"<br><code>from {esc(lane.linked_from[:8])}</code>" if lane.linked_from else ""
    return (
        f'<section class="lane-block" data-lane="{esc(lane.contact_id)}"><div class="lane">'
        f'<div class="lane-head"><h3>{esc(lane.title)}</h3><code>{esc(lane.contact_id)}</code>{linked}</div>'
        f'<div class="track">{bars}{marks}</div></div>'
        + (f'<ol class="story">{story}</ol>' if story else "")
        + f"<details><summary>Technical details ({len(lane.technical)} entries)</summary>"
        f"<table><tr><th>Time (UTC)</th><th>Entry</th></tr>{rows}</table></details></section>"
    )


def timeline_section(items: Sequence[Mapping[str, Any]], *, show_numbers: bool = False) -> str:
    """The swimlanes of ``items`` as an HTML fragment (the timeline page and the contact page embed it)."""
    drawn = lanes(items, show_numbers=show_numbers)
    if not drawn:
        return '<p class="empty">No history recorded for this contact.</p>'
    origin = min(lane.start_ms for lane in drawn)
    scale = _Scale(origin, max(lane.end_ms for lane in drawn))
    ticks = "".join(f'<span style="left:{scale.pct(origin + t)}%">{_offset(t)}</span>' for t in scale.ticks())
    legend = "".join(f'<span><i style="background:var(--{k})"></i>{esc(text)}</span>' for k, text in LEGEND)
    return (
        f'<div class="legend">{legend}<span>◆ prompt, option, Lambda, transfer</span></div>'
        f'<p class="sub">Times are offsets from {esc(iso_utc(origin))} (UTC).</p>'
        f'<div class="axis">{ticks}</div>' + "".join(_lane(lane, scale, origin) for lane in drawn)
    )


def render_timeline_page(items: Sequence[Mapping[str, Any]], *, show_numbers: bool = False) -> str:
    """The timeline of a call or chat as one self-contained page."""
    first = items[0] if items else {}
    title = f"Contact timeline {first.get('ContactId', '')}"
    masked = "" if show_numbers else " Phone numbers are masked (--show-numbers shows them)."
    body = (
        f'<h1>{esc(title)}</h1><p class="sub">{len(items)} contact(s) of one '
        f"{esc(str(first.get('Channel') or 'contact').lower())}.{masked}</p>"
        f'<div class="card">{timeline_section(items, show_numbers=show_numbers)}</div>'
    )
    return document(title, body)

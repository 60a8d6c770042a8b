"""agent-board: who is doing what now, from the agents table of modules/agent_events.

    agent-board --table acme-agents                    # a table in the terminal
    agent-board --table acme-agents --html board.html  # a self-contained HTML page
    agent-board --table acme-agents --watch 5          # redrawn (and rewritten) every 5 seconds

One row per agent: the activity (on a contact, after-contact work, or the status the agent set) in its
colour, how long the agent has been in it, and the contacts the agent holds with their state. The table
is read with one paginated Scan filtered to the ``CURRENT`` items.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from connect_data.agent_events.store import stored_agents
from connect_data.cli._console import clear_errors, estimated_items, help_text, progress
from connect_data.cli._session import add_session_arguments, session_client
from connect_data.common.dynamo import from_item
from connect_data.common.timeutil import now_ms

PROG = "agent-board"
# Activity -> (terminal style, HTML colour).
COLOURS: dict[str, tuple[str, str]] = {
    "On contact": ("bold blue", "#1f6feb"),
    "On hold": ("bold magenta", "#8250df"),
    "Incoming": ("bold cyan", "#0a7ea4"),
    "After contact work": ("bold yellow", "#bf8700"),
    "Available": ("bold green", "#1a7f37"),
    "Offline": ("dim", "#6e7781"),
}
CUSTOM_STATUS = ("bold red", "#cf222e")  # Break, Lunch, Training...


@dataclass(frozen=True)
class BoardRow:
    username: str
    name: str
    activity: str
    since_ms: int | None
    contacts: tuple[tuple[str, str, str], ...]  # (contact id, state, channel)
    routing_profile: str

    def colour(self) -> tuple[str, str]:
        return COLOURS.get(self.activity, CUSTOM_STATUS)


def _activity(status: str, contacts: Mapping[str, Mapping[str, Any]]) -> tuple[str, str | None]:
    """What the agent is doing and which contact's state start dates it (None: the status start)."""
    by_state = {c.get("State"): cid for cid, c in sorted(contacts.items())}
    for state, activity in (
        ("CONNECTED", "On contact"),
        ("CONNECTED_ONHOLD", "On hold"),
        ("ENDED", "After contact work"),
        ("INCOMING", "Incoming"),
        ("PENDING", "Incoming"),
        ("CONNECTING", "Incoming"),
    ):
        if state in by_state:
            return activity, by_state[state]
    return status or "Unknown", None


def board_row(item: Mapping[str, Any]) -> BoardRow:
    """A row from an agent's ``CURRENT`` item (plain values, as :func:`from_item` gives them)."""
    contacts: Mapping[str, Mapping[str, Any]] = item.get("Contacts") or {}
    activity, dating_contact = _activity(str(item.get("StatusName") or ""), contacts)
    since = contacts[dating_contact].get("StateStartAt") if dating_contact else item.get("StatusStartAt")
    name = " ".join(str(p) for p in (item.get("FirstName"), item.get("LastName")) if p)
    return BoardRow(
        username=str(item.get("Username") or item.get("AgentId") or item.get("AgentArn", "")),
        name=name,
        activity=activity,
        since_ms=int(since) if since is not None else None,
        contacts=tuple(
            (cid, str(c.get("State") or ""), str(c.get("Channel") or "")) for cid, c in sorted(contacts.items())
        ),
        routing_profile=str(item.get("RoutingProfileName") or ""),
    )


def load_board(dynamodb: Any, table_name: str, scanned: Callable[[int], None] = lambda n: None) -> list[BoardRow]:
    rows = [board_row(from_item(item)) for item in stored_agents(dynamodb, table_name, scanned)]
    return sorted(rows, key=lambda r: (r.activity == "Offline", r.activity, r.username))


def duration(since_ms: int | None, at_ms: int) -> str:
    """``1:02:03`` / ``4:05`` since ``since_ms``; ``-`` when unknown."""
    if since_ms is None:
        return "-"
    seconds = max(0, (at_ms - since_ms) // 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _contact_text(contacts: Iterable[tuple[str, str, str]]) -> str:
    return ", ".join(f"{cid} {state} {channel}".strip() for cid, state, channel in contacts)


def render_terminal(rows: Sequence[BoardRow], at_ms: int) -> Any:
    """A rich Table of the board."""
    from rich.table import Table

    table = Table(title=f"Agents ({len(rows)})", expand=False)
    for column in ("Agent", "Name", "State", "Time in state", "Contacts", "Routing profile"):
        table.add_column(column)
    for row in rows:
        style, _ = row.colour()
        table.add_row(
            row.username,
            row.name,
            f"[{style}]{row.activity}[/]",
            duration(row.since_ms, at_ms),
            _contact_text(row.contacts),
            row.routing_profile,
        )
    return table


def render_html(rows: Sequence[BoardRow], at_ms: int, *, refresh_seconds: int | None = None) -> str:
    """One self-contained HTML page (inline style, no scripts or external files)."""
    refresh = f'<meta http-equiv="refresh" content="{int(refresh_seconds)}">' if refresh_seconds else ""
    body = []
    for row in rows:
        _, colour = row.colour()
        contacts = "<br>".join(
            f"{html.escape(cid)} <small>{html.escape(state)} {html.escape(channel)}</small>"
            for cid, state, channel in row.contacts
        )
        body.append(
            "<tr>"
            f"<td>{html.escape(row.username)}</td><td>{html.escape(row.name)}</td>"
            f'<td><span class="state" style="background:{colour}">{html.escape(row.activity)}</span></td>'
            f"<td>{duration(row.since_ms, at_ms)}</td><td>{contacts}</td><td>{html.escape(row.routing_profile)}</td>"
            "</tr>"
        )
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(at_ms / 1000))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"{refresh}<title>Agent board</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
        "th,td{padding:.4rem .8rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}"
        ".state{color:#fff;border-radius:1rem;padding:.1rem .6rem;white-space:nowrap}"
        f"</style></head><body><h1>Agents ({len(rows)})</h1><p>As of {stamp}</p><table>"
        "<tr><th>Agent</th><th>Name</th><th>State</th><th>Time in state</th><th>Contacts</th>"
        "<th>Routing profile</th></tr>" + "".join(body) + "</table></body></html>"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=help_text(__doc__))
    parser.add_argument("--table", required=True, help="agents table (output table_name of modules/agent_events)")
    parser.add_argument("--html", metavar="PATH", help="also write the board as a self-contained HTML page")
    parser.add_argument("--watch", type=int, metavar="SECONDS", help="redraw every SECONDS until interrupted")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    add_session_arguments(parser)
    return parser


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.watch is not None and args.watch < 1:
        print(f"{PROG}: error: --watch needs at least 1 second", file=sys.stderr)
        return 2
    from rich.console import Console

    console = Console()
    dynamodb = session_client(args, "dynamodb")
    # The first read shows a bar (the table's item count, history entries included, is its estimate);
    # the redraws of --watch do not, so the board is not pushed down by one every few seconds.
    with progress("reading agents", total=estimated_items(dynamodb, args.table), enabled=not args.no_progress) as bar:
        rows = load_board(dynamodb, args.table, bar.advance)
    while True:
        at = now_ms()
        if args.watch:
            console.clear()
        console.print(render_terminal(rows, at))
        if args.html:
            with open(args.html, "w", encoding="utf-8") as page:
                page.write(render_html(rows, at, refresh_seconds=args.watch))
        if not args.watch:
            return 0
        try:
            time.sleep(args.watch)
        except KeyboardInterrupt:
            return 0
        rows = load_board(dynamodb, args.table)


if __name__ == "__main__":
    raise SystemExit(main())

"""``make demo``: the whole collection on a local moto server, driven with sample Connect events.

Starts moto on 127.0.0.1, applies examples/local with Terraform, runs every section in devtools/demos/
(each drives its capability's deployed functions), writes a timeline page and a contact page for each of
the demo's calls under .build/demo/, destroys the stack, stops moto, and prints one table: per capability
the events taken in, the items written, the flow answers, the errors and the dead-letter messages.
--verbose prints every reply and the raw items as well.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from devtools import demos, terraform
from devtools.demos import _show
from devtools.demos._pages import write_pages
from devtools.demos._show import Summary
from devtools.stack import LocalStack

PAGES = terraform.REPO / ".build" / "demo"


def sections() -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(demos.__path__) if not m.name.startswith("_"))
    # analytics reads what the other sections left in the tables' streams: it runs last.
    return sorted(names, key=lambda name: name == "analytics")


def summary_table(rows: list[Summary]) -> Table:
    table = Table(title="What the demo drove through the deployed stack", title_justify="left")
    table.add_column("capability", no_wrap=True)
    for heading in ("events in", "items written", "flow answers", "errors", "DLQ messages"):
        table.add_column(heading, justify="right")
    for row in rows:
        dlq = "-" if row.dlq_messages is None else str(row.dlq_messages)
        counts = (row.events_in, row.items_written, row.flow_answers, row.errors)
        table.add_row(row.capability, *(str(c) for c in counts), dlq)
    return table


def notes(rows: list[Summary]) -> list[str]:
    """What the table's numbers mean per capability (kept out of the table so it fits 80 columns)."""
    return [f"  {row.capability}: {row.note}" for row in rows if row.note]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated sections to run (default: all)")
    parser.add_argument("--keep", action="store_true", help="do not destroy the stack at the end")
    parser.add_argument("--verbose", action="store_true", help="print every reply and the raw items too")
    parser.add_argument("--pages", type=Path, default=PAGES, help=f"folder of the pages (default {PAGES})")
    args = parser.parse_args(argv)
    _show.VERBOSE = args.verbose
    wanted = sections() if not args.only else args.only.split(",")
    console = Console(highlight=False)
    started = time.monotonic()
    print(
        f"==> moto on 127.0.0.1 + terraform apply of examples/local (provider mirror: "
        f"{terraform.provider_mirror() or 'none, using the registry'})"
    )
    rows: list[Summary] = []
    pages: list[tuple[str, Path, Path]] = []
    try:
        with LocalStack.up(destroy=not args.keep) as stack:
            print(f"    applied in {time.monotonic() - started:.0f} s against {stack.endpoint}")
            for name in wanted:
                section_started = time.monotonic()
                print(f"==> {name.replace('_', ' ')}", flush=True)
                row = importlib.import_module(f"devtools.demos.{name}").run(stack)
                if isinstance(row, Summary):
                    rows.append(row)
                    print(f"    {row.events_in} events in, {time.monotonic() - section_started:.1f} s")
            if "contact_status" in wanted:
                pages = write_pages(stack, args.pages)
            print("==> terraform destroy" if not args.keep else "==> stack kept (--keep)")
    except terraform.TerraformError as err:
        print(err, file=sys.stderr)
        return 1
    console.print()
    console.print(summary_table(rows))
    for line in notes(rows):
        console.print(line)
    console.print("  errors: flow answers with an error code (driven on purpose), batch item failures, skipped records")
    console.print("  DLQ messages: '-' where the capability has no dead-letter queue")
    if pages:
        console.print(f"\nPages of the demo's {len(pages)} calls and chats (open in a browser):")
        for _, timeline, contact in pages:
            console.print(f"  {timeline.relative_to(Path.cwd()) if timeline.is_relative_to(Path.cwd()) else timeline}")
            console.print(f"  {contact.relative_to(Path.cwd()) if contact.is_relative_to(Path.cwd()) else contact}")
    print(f"==> done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""contact-timeline CONTACT_ID: a contact and its related contacts as a friendly and a technical view,
or as a picture.

Reads the contact status table: the contact, then every contact with the same initial contact (one query
on the ``by-initial-contact`` index and one batch read), then each contact's history pages from the
history table (one query per contact; the newest ``--max-entries`` entries, with a count of the older
ones left out), and prints text or writes a self-contained HTML page with one swimlane per contact. Phone
numbers are masked unless ``--show-numbers``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from connect_data.cli._console import clear_errors, help_text
from connect_data.cli._session import add_session_arguments, session
from connect_data.common.dynamo import from_item
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES
from connect_data.contact_status.pages import history_table_for, read_history, with_history
from connect_data.contact_status.timeline import render_text
from connect_data.render.timeline_page import render_timeline_page

PROG = "contact-timeline"

DEFAULT_TABLE = "connect-data-contact-status"
INITIAL_INDEX = "by-initial-contact"


def related_items(
    dynamodb: Any,
    table: str,
    contact_id: str,
    history_table: str | None = None,
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> list[dict[str, Any]]:
    """The contact and every contact of the same call or chat, oldest first, each with its history
    (``History``, and ``HistoryDropped``/``HistoryDroppedBefore`` past ``max_entries``) from the history
    table (``history_table_for(table)`` unless named); empty when the contact is unknown."""
    found = dynamodb.get_item(TableName=table, Key={"ContactId": {"S": contact_id}}).get("Item")
    if not found:
        return []
    item = from_item(found)
    initial = item.get("InitialContactId") or contact_id
    keys = {contact_id}
    query: dict[str, Any] = {
        "TableName": table,
        "IndexName": INITIAL_INDEX,
        "KeyConditionExpression": "InitialContactId = :c",
        "ExpressionAttributeValues": {":c": {"S": initial}},
    }
    for page in dynamodb.get_paginator("query").paginate(**query):
        keys.update(i["ContactId"]["S"] for i in page.get("Items", []))
    for linked in ("PreviousContactId", "TransferredToContactId"):
        if item.get(linked):
            keys.add(item[linked])
    items = {contact_id: item}
    wanted = [{"ContactId": {"S": k}} for k in sorted(keys - {contact_id})]
    while wanted:
        batch, wanted = wanted[:100], wanted[100:]
        response = dynamodb.batch_get_item(RequestItems={table: {"Keys": batch}})
        for raw in response.get("Responses", {}).get(table, []):
            plain = from_item(raw)
            items[plain["ContactId"]] = plain
        wanted += response.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
    pages = history_table or history_table_for(table)
    contacts = [
        with_history(i, read_history(dynamodb, pages, str(i["ContactId"]), max_entries)) for i in items.values()
    ]
    return sorted(contacts, key=lambda i: (int(i.get("InitiatedAt") or i.get("LastEventAt") or 0), i["ContactId"]))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=help_text(__doc__),
    )
    parser.add_argument("contact_id", metavar="CONTACT_ID", help="the contact to show")
    parser.add_argument(
        "--table",
        default=os.environ.get("CONTACT_STATUS_TABLE", DEFAULT_TABLE),
        help=f"status table name (default: $CONTACT_STATUS_TABLE or {DEFAULT_TABLE})",
    )
    parser.add_argument(
        "--history-table",
        default=os.environ.get("CONTACT_HISTORY_TABLE"),
        help="history table name (default: $CONTACT_HISTORY_TABLE, or the status table's PREFIX-contact-history)",
    )
    parser.add_argument(
        "--max-entries",
        type=int,
        default=DEFAULT_MAX_ENTRIES,
        help=f"history entries shown per contact, the newest (default: {DEFAULT_MAX_ENTRIES}; the rest are counted)",
    )
    parser.add_argument("--format", choices=("text", "html"), default="text", help="output format (default: text)")
    parser.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
    parser.add_argument("--show-numbers", action="store_true", help="show phone numbers in clear (default: masked)")
    add_session_arguments(parser)
    parser.add_argument("--endpoint-url", help="DynamoDB endpoint (for a local moto server)")
    return parser


@clear_errors(PROG)
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    dynamodb = session(args).client("dynamodb", endpoint_url=args.endpoint_url)
    items = related_items(dynamodb, args.table, args.contact_id, args.history_table, args.max_entries)
    if not items:
        print(f"{PROG}: error: contact {args.contact_id} is not in table {args.table}", file=sys.stderr)
        return 1
    if args.format == "html":
        rendered = render_timeline_page(items, show_numbers=args.show_numbers)
    else:
        rendered = render_text(items, show_numbers=args.show_numbers)
    if args.output:
        args.output.write_text(rendered, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(rendered)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""contact-360 CONTACT_ID: one page per contact across the capabilities - status and timeline, the view
answers with their question texts, the cases linked to the contact, the customer profile the lookup
answered and the vanity numbers offered.

Table names follow the modules' defaults for ``--name-prefix`` (connect-data-contact-status, ...); each
can be named on its own, and ``--skip`` leaves a capability out. Every section of the page says which
table and key its data came from (the history table follows the status table unless named). Reads only:
a few GetItem calls, one index query, one history query per contact and, for the cases, one filtered scan
of the cases table (shown with a progress bar, as it grows with the table).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connect_data.cli._console import clear_errors, estimated_items, help_text, progress
from connect_data.cli._session import add_session_arguments, session
from connect_data.cli.contact_timeline import related_items
from connect_data.common.dynamo import from_item
from connect_data.common.phone import InvalidNumber, normalize_e164
from connect_data.contact_status.pages import history_table_for
from connect_data.render.contact_page import render_contact_page

PROG = "contact-360"
CAPABILITIES = ("view_data", "cases", "customer_lookup", "vanity_numbers")
TABLE_SUFFIXES = {
    "status": "contact-status",
    "history": "contact-history",
    "view": "view-data",
    "cases": "cases",
    "profiles": "customer-profiles",
    "calls": "customer-calls",
    "vanity": "vanity-results",
}


@dataclass
class Section:
    """One part of the page: what was found and where it came from (``source``); ``note`` when nothing was."""

    source: str
    data: Any = None
    note: str | None = None


@dataclass
class Contact360:
    contact_id: str
    contacts: list[dict[str, Any]]
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def caller_number(self) -> str | None:
        for item in self.contacts:
            if item.get("CustomerEndpoint") or item.get("CustomerId"):
                raw = str(item.get("CustomerEndpoint") or item.get("CustomerId"))
                try:
                    return normalize_e164(raw)
                except InvalidNumber:
                    return None
        return None

    @property
    def initial_contact_id(self) -> str:
        return str(self.contacts[0].get("InitialContactId") or self.contact_id) if self.contacts else self.contact_id


def _get(dynamodb: Any, table: str, key: dict[str, str]) -> dict[str, Any] | None:
    item = dynamodb.get_item(TableName=table, Key={k: {"S": v} for k, v in key.items()}).get("Item")
    return from_item(item) if item else None


def view_answers(dynamodb: Any, table: str, key_attribute: str, key: str) -> Section:
    """The answers of the guides of the contact, each with the question text the item carries for it."""
    source = f"view data table {table}, {key_attribute} = {key}"
    item = _get(dynamodb, table, {key_attribute: key})
    if not item:
        return Section(source, note="no view answers for this contact")
    questions = item.get("Questions") or {}
    rows = [
        {"key": name, "question": questions.get(f"{name}_Question") or name, "answer": value}
        for name, value in sorted((item.get("Answers") or {}).items())
    ]
    context = {k: item[k] for k in ("QueueName", "AgentName", "CampaignName", "ViewAction", "UpdatedAt") if k in item}
    return Section(source, {"answers": rows, "context": context})


def linked_cases(dynamodb: Any, table: str, contact_ids: Sequence[str], *, show_progress: bool) -> Section:
    """Cases whose Contact related items name one of ``contact_ids``, with each case's current state.

    The cases table is keyed by case, so this is one filtered scan (its read cost grows with the table).
    """
    source = f"cases table {table}, scan for Contact related items naming the contact, then each case's STATE"
    names = {"#t": "relatedItemType", "#d": "detail"}
    # The stream consumer stores the type in lower case; Cases itself spells it "Contact".
    values: dict[str, Any] = {":contact": {"S": "contact"}, ":Contact": {"S": "Contact"}}
    wanted = []
    for index, contact_id in enumerate(contact_ids):
        values[f":c{index}"] = {"S": contact_id}
        wanted.append(f"contains(#d, :c{index})")
    kwargs: dict[str, Any] = {
        "TableName": table,
        "FilterExpression": f"#t IN (:contact, :Contact) AND ({' OR '.join(wanted)})",
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
        "ProjectionExpression": "caseId, changeTime, eventType",
    }
    linked: dict[str, str] = {}
    with progress("scanning cases", total=estimated_items(dynamodb, table), enabled=show_progress) as bar:
        for page in dynamodb.get_paginator("scan").paginate(**kwargs):
            bar.advance(int(page.get("ScannedCount", 0)))
            for raw in page.get("Items", []):
                event = from_item(raw)
                linked.setdefault(event["caseId"], event.get("changeTime", ""))
    cases = []
    for case_id, linked_at in sorted(linked.items()):
        state = _get(dynamodb, table, {"caseId": case_id, "sk": "STATE"}) or {}
        cases.append(
            {
                "caseId": case_id,
                "linkedAt": linked_at,
                "status": state.get("status"),
                "lastEventType": state.get("lastEventType"),
                "lastChangeTime": state.get("lastChangeTime"),
                "fields": state.get("fields") or {},
            }
        )
    return Section(source, cases, None if cases else "no case names this contact")


def customer_profile(dynamodb: Any, profiles: str, calls: str | None, number: str | None) -> Section:
    if not number:
        return Section(f"customer profiles table {profiles}", note="the contact has no caller number")
    source = f"customer profiles table {profiles}, PhoneNumber = the contact's caller number"
    profile = _get(dynamodb, profiles, {"PhoneNumber": number})
    stamp = None
    if calls:
        try:
            stamp = _get(dynamodb, calls, {"PhoneNumber": number})
            source += f"; last call from {calls}"
        except dynamodb.exceptions.ResourceNotFoundException:
            stamp = None  # recording calls is optional (record_last_call)
    if not profile:
        return Section(source, note="the lookup found no profile for this caller")
    return Section(source, {"profile": profile, "calls": stamp})


def vanity_offered(dynamodb: Any, table: str, number: str | None, contact_ids: Sequence[str]) -> Section:
    if not number:
        return Section(f"vanity results table {table}", note="the contact has no caller number")
    source = f"vanity results table {table}, PhoneNumber = the contact's caller number"
    item = _get(dynamodb, table, {"PhoneNumber": number})
    if not item:
        return Section(source, note="no vanity numbers stored for this caller")
    offered_here = item.get("ContactId") in contact_ids
    return Section(
        source,
        {
            "vanity": list(item.get("Vanity") or []),
            "contactId": item.get("ContactId"),
            "createdAt": item.get("CreatedAt"),
            "offeredOnThisContact": offered_here,
        },
    )


def gather(dynamodb: Any, contact_id: str, tables: dict[str, str | None], **options: Any) -> Contact360 | None:
    """Everything the page shows; None when the status table does not know the contact."""
    status = str(tables["status"])
    history = tables.get("history") or history_table_for(status)
    contacts = related_items(dynamodb, status, contact_id, history)
    if not contacts:
        return None
    found = Contact360(contact_id, contacts)
    found.sections["status"] = Section(
        f"contact status table {status}, ContactId = {contact_id} and the by-initial-contact index;"
        f" history pages in {history}",
        contacts,
    )
    ids = [str(c["ContactId"]) for c in contacts]
    number = found.caller_number
    show = bool(options.get("show_progress", True))
    readers: dict[str, tuple[str, Any]] = {
        "view_data": (
            "view",
            lambda t: view_answers(
                dynamodb, t, options.get("view_key_attribute", "InitialContactId"), found.initial_contact_id
            ),
        ),
        "cases": ("cases", lambda t: linked_cases(dynamodb, t, ids, show_progress=show)),
        "customer_lookup": ("profiles", lambda t: customer_profile(dynamodb, t, tables.get("calls"), number)),
        "vanity_numbers": ("vanity", lambda t: vanity_offered(dynamodb, t, number, ids)),
    }
    for capability, (table_key, read) in readers.items():
        table = tables.get(table_key)
        if not table:
            continue
        try:
            found.sections[capability] = read(table)
        except dynamodb.exceptions.ResourceNotFoundException:
            # One capability not deployed must not hide the others.
            found.sections[capability] = Section(
                f"table {table}", note=f"table {table} not found (--skip {capability})"
            )
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=help_text(__doc__))
    parser.add_argument("contact_id", metavar="CONTACT_ID", help="the contact to show")
    parser.add_argument(
        "--name-prefix",
        default=os.environ.get("CONNECT_DATA_NAME_PREFIX", "connect-data"),
        help="name_prefix of the deployment; gives every table name (default: connect-data)",
    )
    for name, suffix in TABLE_SUFFIXES.items():
        default = "the status table's, PREFIX-contact-history" if name == "history" else f"PREFIX-{suffix}"
        parser.add_argument(f"--{name}-table", help=f"{name} table (default: {default})")
    parser.add_argument(
        "--skip", action="append", default=[], choices=CAPABILITIES, help="leave a capability out (repeatable)"
    )
    parser.add_argument("--view-key-attribute", default="InitialContactId", help="key of the view data table")
    parser.add_argument("--output", "-o", type=Path, help="HTML file to write (default: contact-CONTACT_ID.html)")
    parser.add_argument("--show-numbers", action="store_true", help="show phone numbers in clear (default: masked)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    add_session_arguments(parser)
    parser.add_argument("--endpoint-url", help="DynamoDB endpoint (for a local moto server)")
    return parser


def table_names(args: argparse.Namespace) -> dict[str, str | None]:
    names: dict[str, str | None] = {
        name: getattr(args, f"{name}_table") or f"{args.name_prefix}-{suffix}"
        for name, suffix in TABLE_SUFFIXES.items()
    }
    if not args.history_table:  # beside the status table, named or not
        names["history"] = history_table_for(str(names["status"]))
    skipped = {"view_data": ("view",), "cases": ("cases",), "customer_lookup": ("profiles", "calls")}
    skipped["vanity_numbers"] = ("vanity",)
    for capability in args.skip:
        for name in skipped[capability]:
            names[name] = None
    return names


@clear_errors(PROG)
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    dynamodb = session(args).client("dynamodb", endpoint_url=args.endpoint_url)
    tables = table_names(args)
    found = gather(
        dynamodb,
        args.contact_id,
        tables,
        view_key_attribute=args.view_key_attribute,
        show_progress=not args.no_progress,
    )
    if found is None:
        print(f"{PROG}: contact {args.contact_id} is not in table {tables['status']}", file=sys.stderr)
        return 1
    output = args.output or Path(f"contact-{args.contact_id}.html")
    output.write_text(render_contact_page(found, show_numbers=args.show_numbers), encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The pages of the demo's calls: a timeline picture and a contact page per call or chat, under .build/demo/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from connect_data.cli.contact_360 import gather
from connect_data.cli.contact_timeline import related_items
from connect_data.render.contact_page import render_contact_page
from connect_data.render.timeline_page import render_timeline_page


def local_tables(outputs: dict[str, Any]) -> dict[str, str | None]:
    """The deployed table names, keyed as ``contact_360.gather`` expects them."""
    lookup = outputs.get("customer_lookup") or {}
    return {
        "status": outputs["contact_status"]["table_name"],
        "history": outputs["contact_status"]["history_table_name"],
        "view": (outputs.get("view_data") or {}).get("view_data_table_name"),
        "cases": (outputs.get("cases") or {}).get("table_name"),
        "profiles": lookup.get("table_name"),
        "calls": lookup.get("calls_table_name"),
        "vanity": (outputs.get("vanity_numbers") or {}).get("table_name"),
    }


def write_pages(stack: Any, folder: Path) -> list[tuple[str, Path, Path]]:
    """For every call or chat in the status table: ``(first contact, timeline page, contact page)``."""
    outputs = stack.outputs["connect_data"]
    tables = local_tables(outputs)
    dynamodb = stack.client("dynamodb")
    folder.mkdir(parents=True, exist_ok=True)
    scan = dynamodb.get_paginator("scan").paginate(
        TableName=tables["status"], ProjectionExpression="ContactId, InitialContactId"
    )
    calls = sorted({(i.get("InitialContactId") or i["ContactId"])["S"] for page in scan for i in page["Items"]})
    written = []
    for initial in calls:
        items = related_items(dynamodb, str(tables["status"]), initial, tables["history"])
        if not items:
            continue  # the initial contact itself has no item (its events never came)
        timeline = folder / f"timeline-{initial}.html"
        timeline.write_text(render_timeline_page(items), encoding="utf-8")
        found = gather(dynamodb, initial, tables, show_progress=False)
        contact = folder / f"contact-{initial}.html"
        if found is not None:
            contact.write_text(render_contact_page(found), encoding="utf-8")
        written.append((initial, timeline, contact))
    return written

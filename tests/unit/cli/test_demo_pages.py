"""The demo's closing output without Terraform: its pages for every call in the status table (on moto, the
scenario's tables named as the root module's outputs name them) and its summary table."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import boto3
from rich.console import Console

from devtools.demo import summary_table
from devtools.demos._pages import write_pages
from devtools.demos._show import Summary
from tests.unit.cli.scenario import TRANSFERRED, WITH_AGENT, build


@dataclass
class _Stack:
    """What write_pages uses of devtools.stack.LocalStack: the outputs and a client."""

    outputs: dict[str, Any]

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name="us-east-1")


def test_one_timeline_and_one_contact_page_per_call(aws, tmp_path):
    tables = build(boto3.client("dynamodb", region_name="us-east-1"))
    outputs = {
        "contact_status": {"table_name": tables["status"], "history_table_name": tables["history"]},
        "view_data": {"view_data_table_name": tables["view"]},
        "cases": {"table_name": tables["cases"]},
        "customer_lookup": {"table_name": tables["profiles"], "calls_table_name": tables["calls"]},
        "vanity_numbers": {"table_name": tables["vanity"]},
    }
    pages = write_pages(_Stack({"connect_data": outputs}), tmp_path)
    # The replayed fixtures hold three chats; the transferred one is one call with two lanes.
    assert [initial[:8] for initial, _, _ in pages] == ["515c5c7e", "8b6c3e87", "edfcdfa6"]
    _, timeline, contact = pages[-1]
    assert timeline.name == f"timeline-{WITH_AGENT}.html" and f'data-lane="{TRANSFERRED}"' in timeline.read_text()
    assert 'data-section="vanity_numbers"' in contact.read_text()


def test_summary_table_has_the_columns_and_a_dash_for_no_queue():
    rows = [Summary("cases", 4, 5, 3, 2, 0, "4 routed"), Summary("vanity numbers", 7, 4, 7, 2, None)]
    out = io.StringIO()
    Console(file=out, width=140).print(summary_table(rows))
    text = out.getvalue()
    for heading in ("capability", "events in", "items written", "flow answers", "errors", "DLQ messages"):
        assert heading in text
    vanity = next(line for line in text.splitlines() if "vanity numbers" in line)
    assert vanity.split()[-1] == "-" or " - " in vanity

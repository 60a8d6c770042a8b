"""Customer lookup: a seeded caller, an unknown caller, a garbled number and a TASK contact."""

from __future__ import annotations

from typing import Any

from devtools.demos._show import scan, show
from devtools.sample_events import flow_event


def run(stack: Any) -> None:
    outputs = stack.outputs["connect_data"]["customer_lookup"]
    lookup = stack.function(outputs["function_name"])
    callers = {
        "seeded caller +1 415 555 0100": flow_event(caller="+14155550100", contact_id="demo-contact-1"),
        "same caller, national format": flow_event(caller="(415) 555-0100", contact_id="demo-contact-2"),
        "unknown caller +1 415 555 0111": flow_event(caller="+14155550111"),
        "garbled number 'anonymous'": flow_event(caller="anonymous"),
        "TASK contact (no endpoint)": flow_event(caller=None, channel="TASK"),
    }
    for label, event in callers.items():
        show(label, lookup.invoke(event))
    for table in (outputs["table_name"], outputs["calls_table_name"]):
        print(f"    table {table}:")
        for item in scan(stack, table):
            show("", item)

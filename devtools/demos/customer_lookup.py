"""Customer lookup: a seeded caller, an unknown caller, a garbled number and a TASK contact."""

from __future__ import annotations

from typing import Any

from devtools.demos._show import Summary, flow_errors, show, show_items
from devtools.sample_events import flow_event


def run(stack: Any) -> Summary:
    outputs = stack.outputs["connect_data"]["customer_lookup"]
    lookup = stack.function(outputs["function_name"])
    callers = {
        "seeded caller +1 415 555 0100": flow_event(caller="+14155550100", contact_id="demo-contact-1"),
        "same caller, national format": flow_event(caller="(415) 555-0100", contact_id="demo-contact-2"),
        "unknown caller +1 415 555 0111": flow_event(caller="+14155550111"),
        "garbled number 'anonymous'": flow_event(caller="anonymous"),
        "TASK contact (no endpoint)": flow_event(caller=None, channel="TASK"),
    }
    replies = []
    for label, event in callers.items():
        replies.append(lookup.invoke(event))
        show(label, replies[-1])
    show_items(stack, outputs["table_name"])
    calls = show_items(stack, outputs["calls_table_name"])
    return Summary(
        "customer lookup",
        events_in=len(callers),
        items_written=calls,
        flow_answers=len(replies),
        errors=flow_errors(replies),
        note="items: call stamps (profiles are seeded by Terraform)",
    )

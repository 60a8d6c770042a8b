"""Vanity numbers: a toll-free classic, a caller who calls twice, a number no word fits, a foreign number."""

from __future__ import annotations

from typing import Any

from devtools.demos._show import Summary, flow_errors, show, show_items
from devtools.sample_events import flow_event


def run(stack: Any) -> Summary:
    outputs = stack.outputs["connect_data"]["vanity_numbers"]
    vanity = stack.function(outputs["function_name"])
    callers = {
        "caller +1 800 356 9377": flow_event(caller="+18003569377", contact_id="demo-vanity-1"),
        "same caller again (stored result)": flow_event(caller="+18003569377", contact_id="demo-vanity-2"),
        "caller (415) 225-5669, national": flow_event(caller="(415) 225-5669", contact_id="demo-vanity-3"),
        "number from a flow parameter": flow_event(
            caller=None, parameters={"numberSource": "parameter", "phoneNumber": "+14153569377"}
        ),
        "caller +1 212 010 1010 (0s and 1s)": flow_event(caller="+12120101010"),
        "caller +44 20 7946 0000": flow_event(caller="+442079460000"),
        "TASK contact (no endpoint)": flow_event(caller=None, channel="TASK"),
    }
    replies = []
    for label, event in callers.items():
        reply = vanity.invoke(event)
        replies.append(reply)
        show(label, {k: v for k, v in reply.items() if k != "ssml"})  # ssml is long; the items show the words
    stored = show_items(stack, outputs["table_name"], ("PhoneNumber", "Vanity", "ContactId"))
    return Summary(
        "vanity numbers",
        events_in=len(callers),
        items_written=stored,
        flow_answers=len(replies),
        errors=flow_errors(replies),
    )

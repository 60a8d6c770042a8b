"""The scale note: the cost model's per-1,000 figures (benchmarks/bench_cost.py) turned into invocations,
write units and USD a month for a 100-, 1,000- and 5,000-seat centre, under the workload below.

The workload is an assumption, written here once: a seat handles 2.4 contacts a busy hour (a 5,000-seat
centre with 1,000 contacts in progress and five-minute contacts starts 12,000 an hour), and a month has
300 busy hours (ten a day). Per contact: one contact-status contact (the 40-record scenario), one customer
lookup with the call recorded, a vanity search for one contact in ten, a step-by-step guide on one in
five, two Cases events; agent events are per seat (an event every 30 s of a busy hour).

    python -m benchmarks.scale            # from .build/benchmarks.json (make bench writes it)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEATS = (100, 1_000, 5_000)
CONTACTS_PER_SEAT_HOUR = 2.4
BUSY_HOURS_PER_MONTH = 300
AGENT_EVENTS_PER_SEAT_HOUR = 120
# capability -> (scenario prefix of its cost row, units of the row's "per 1,000" per contact)
PER_CONTACT = {
    "contact_status": ("40 flow-log records", 1.0),
    "customer_lookup": ("lookup + recording", 1.0),
    "vanity_numbers": ("new caller", 0.1),
    "view_data": ("3 guides", 0.2),
    "cases": ("10 cases", 2.0),
}
# The service quotas that bind first, with their documented default values.
QUOTAS = [
    ("Lambda concurrent executions", "1,000 per account and Region (raisable)", "AWS Lambda quotas"),
    (
        "CloudWatch Logs subscription filters",
        "2 per log group (fixed): the flow-log subscription takes one of the instance log group's two",
        "PutSubscriptionFilter",
    ),
    (
        "DynamoDB partition throughput",
        "1,000 write units and 3,000 read units a second per partition, indexes included",
        "DynamoDB Developer Guide, warm throughput / hot partitions",
    ),
    (
        "Lambda SQS pollers",
        "5 concurrent batches to begin with, up to 1,000 (standard queues)",
        "Configuring scaling behavior for SQS event source mappings",
    ),
]


def _row_for(rows: list[dict[str, Any]], capability: str, prefix: str) -> dict[str, Any] | None:
    return next((r for r in rows if r["capability"] == capability and str(r["scenario"]).startswith(prefix)), None)


def scale_rows(cost_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Invocations, write units and USD a month (and invocations a busy second) per capability and size."""
    out = []
    for seats in SEATS:
        contacts = seats * CONTACTS_PER_SEAT_HOUR * BUSY_HOURS_PER_MONTH
        usage = {
            cap: (_row_for(cost_rows, cap, prefix), share * contacts) for cap, (prefix, share) in PER_CONTACT.items()
        }
        agent_row = _row_for(cost_rows, "agent_events", "1,000 events")
        usage["agent_events"] = (agent_row, seats * AGENT_EVENTS_PER_SEAT_HOUR * BUSY_HOURS_PER_MONTH)
        for capability, (row, units) in usage.items():
            if row is None:
                continue
            thousands = units / 1000
            invocations = row["invocations"] * thousands
            out.append(
                {
                    "seats": f"{seats:,}",
                    "capability": capability,
                    "invocations_a_month": f"{invocations:,.0f}",
                    "invocations_a_busy_second": round(invocations / BUSY_HOURS_PER_MONTH / 3600, 2),
                    "wru_a_month": f"{row['wru'] * thousands:,.0f}",
                    "usd_a_month": round(row["usd"] * thousands, 2),
                }
            )
    return out


def markdown(rows: list[dict[str, Any]]) -> str:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(r[c]) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    results = json.loads((Path(__file__).resolve().parent.parent / ".build" / "benchmarks.json").read_text())
    print(markdown(scale_rows(results["cost"])))
    print()
    print("\n".join(f"- {name}: {value} ({source})" for name, value, source in QUOTAS))

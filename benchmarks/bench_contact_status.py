"""Contact status figures: DynamoDB calls and records/second for a 1,000-record flow-log delivery for
10 contacts (against moto in-process), the same delivery redelivered, late contact events, and the
history function's calls. Calls are counted with botocore's ``before-call`` hook.

    python -m benchmarks.bench_contact_status
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from typing import Any

RECORDS = 1_000
CONTACTS = 10
REPEATS = 5


def _count_calls(dynamodb: Any) -> Counter[str]:
    calls: Counter[str] = Counter()
    dynamodb.meta.events.register("before-call.dynamodb.*", lambda model, **_: calls.update([model.name]))
    return calls


def _table(dynamodb: Any, name: str) -> str:
    """The status table and its history table, as the module declares them; answers the history table's name."""
    from devtools.tables import create_status_table

    return create_status_table(dynamodb, name)


def _flow_delivery(run: int) -> dict[str, Any]:
    from devtools.demos.contact_status import delivery, real_flow_log_events

    template = json.loads(real_flow_log_events()[0]["message"])
    base = 1_673_366_400_000 + run * 10_000_000
    events = []
    for n in range(RECORDS):
        stamp = base + n * 7
        record = dict(template, ContactId=f"bench-{run}-contact-{n % CONTACTS}", Timestamp=_iso(stamp))
        events.append({"id": f"{run:08d}{n:048d}", "timestamp": stamp, "message": json.dumps(record)})
    return delivery(events)


def _iso(ms: int) -> str:
    from connect_data.common.timeutil import iso_utc

    return iso_utc(ms)


def run() -> list[dict]:
    import os

    import boto3
    from moto import mock_aws

    from connect_data.contact_status.lookup import contact_history
    from connect_data.contact_status.processor import process_delivery
    from connect_data.contact_status.store import StoreSettings
    from devtools.demos.contact_status import real_contact_events

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        os.environ.setdefault(key, value)
    rows: list[dict] = []
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        table = "bench-contact-status"
        settings = StoreSettings(table_name=table, history_table_name=_table(dynamodb, table))
        calls = _count_calls(dynamodb)

        durations, fresh_calls, repeat_calls = [], [], []
        for run_number in range(REPEATS):
            event = _flow_delivery(run_number)
            calls.clear()
            started = time.perf_counter()
            result = process_delivery(dynamodb, settings, event)
            durations.append(time.perf_counter() - started)
            fresh_calls.append(sum(calls.values()))
            assert result.records == RECORDS and result.contacts == CONTACTS
            calls.clear()
            process_delivery(dynamodb, settings, event)
            repeat_calls.append(sum(calls.values()))
        median = statistics.median(durations)
        rows.append(
            {
                "case": f"flow logs: {RECORDS} records, {CONTACTS} contacts, new items",
                "dynamodb_calls": max(fresh_calls),
                "budget": 20,
                "records_per_s": round(RECORDS / median),
                "median_ms": round(median * 1000, 1),
                "note": f"moto in-process, median of {REPEATS}",
            }
        )
        rows.append(
            {
                "case": "same delivery redelivered (at-least-once)",
                "dynamodb_calls": max(repeat_calls),
                "budget": 20,
                "records_per_s": "",
                "median_ms": "",
                "note": "item unchanged",
            }
        )

        # The usual order: each contact's INITIATED event has made its item before its flow logs arrive.
        existing_calls, existing_durations = [], []
        for run_number in range(REPEATS, 2 * REPEATS):
            for n in range(CONTACTS):
                initiated = dict(real_contact_events()[0], id=f"bench-{run_number}-{n}")
                initiated["detail"] = dict(initiated["detail"], contactId=f"bench-{run_number}-contact-{n}")
                process_delivery(dynamodb, settings, initiated)
            event = _flow_delivery(run_number)
            calls.clear()
            started = time.perf_counter()
            process_delivery(dynamodb, settings, event)
            existing_durations.append(time.perf_counter() - started)
            existing_calls.append(sum(calls.values()))
        median = statistics.median(existing_durations)
        rows.append(
            {
                "case": f"flow logs: {RECORDS} records, {CONTACTS} contacts, items exist",
                "dynamodb_calls": max(existing_calls),
                "budget": 20,
                "records_per_s": round(RECORDS / median),
                "median_ms": round(median * 1000, 1),
                "note": f"moto in-process, median of {REPEATS}",
            }
        )

        events = [e for e in real_contact_events() if e["detail"]["contactId"].startswith("515c5c7e")]
        late_calls = []
        for event in reversed(events):
            calls.clear()
            process_delivery(dynamodb, settings, event)
            late_calls.append(sum(calls.values()))
        rows.append(
            {
                "case": "contact events in reverse order (late events)",
                "dynamodb_calls": max(late_calls),
                "budget": 3,  # the event's history page (BatchWriteItem) and at most two status UpdateItems
                "records_per_s": "",
                "median_ms": "",
                "note": f"per event: {late_calls}",
            }
        )

        # Our own share (decode, parse, bound, group, the history pages and their items, the status
        # expressions), without any AWS call.
        from connect_data.contact_status.changes import group_by_contact
        from connect_data.contact_status.processor import ProcessResult, observations_of
        from connect_data.contact_status.store import _build_update, history_pages

        event = _flow_delivery(0)
        own = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            for change in group_by_contact(observations_of(event, ProcessResult())).values():
                for page in history_pages(settings, change):
                    page.item()
                _build_update(settings, change, None)
            own.append(time.perf_counter() - started)
        median = statistics.median(own)
        rows.append(
            {
                "case": f"flow logs: {RECORDS} records, processor code only",
                "dynamodb_calls": 0,
                "budget": "",
                "records_per_s": round(RECORDS / median),
                "median_ms": round(median * 1000, 1),
                "note": "decode + parse + group + pages + expressions; the rest of the moto figures is moto",
            }
        )

        calls.clear()
        contact_history(dynamodb, settings.table_name, "+14155550100", current_contact_id=None, window_minutes=1440)
        rows.append(
            {
                "case": "history function",
                "dynamodb_calls": sum(calls.values()),
                "budget": 1,
                "records_per_s": "",
                "median_ms": "",
                "note": dict(calls),
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

"""Order independence (hypothesis), history pages and their bound, and the DynamoDB call budgets, counted with
botocore hooks."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from typing import Any

import boto3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from connect_data.common.dynamo import from_item
from connect_data.contact_status.history import DEFAULT_MAX_ENTRIES, item_size
from connect_data.contact_status.pages import PAGE_MAX_BYTES
from connect_data.contact_status.processor import process_delivery
from tests.unit.contact_status.conftest import (
    HISTORY_TABLE,
    SETTINGS,
    create_status_table,
    delivery,
    real_contact_events,
    real_flow_log_events,
    stored,
    stored_status,
)

CONTACTS = ("515c5c7e", "edfcdfa6", "a56502b2")


def count_calls(dynamodb: Any) -> Counter[str]:
    calls: Counter[str] = Counter()
    dynamodb.meta.events.register("before-call.dynamodb.*", lambda model, **_: calls.update([model.name]))
    return calls


def _deliveries_for(contact_prefixes: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Each contact event alone and each flow-log record alone, as the units a shuffle reorders."""
    units: list[tuple[str, Any]] = [
        ("event", e) for e in real_contact_events() if e["detail"]["contactId"].startswith(contact_prefixes)
    ]
    units += [
        ("log", e) for e in real_flow_log_events() if json.loads(e["message"])["ContactId"].startswith(contact_prefixes)
    ]
    return units


def _apply(dynamodb: Any, batches: list[list[tuple[str, Any]]]) -> None:
    for batch in batches:
        logs = [u for kind, u in batch if kind == "log"]
        if logs:
            process_delivery(dynamodb, SETTINGS, delivery(logs))
        for kind, unit in batch:
            if kind == "event":
                process_delivery(dynamodb, SETTINGS, unit)


def _final_items(batches: list[list[tuple[str, Any]]]) -> dict[str, dict[str, Any]]:
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        create_status_table(dynamodb)
        _apply(dynamodb, batches)
        items = dynamodb.scan(TableName=SETTINGS.table_name)["Items"]
        return {i["ContactId"]["S"]: stored(dynamodb, i["ContactId"]["S"]) for i in items}


UNITS = _deliveries_for(CONTACTS)


@st.composite
def shuffled_deliveries(draw: st.DrawFn) -> list[list[tuple[str, Any]]]:
    order = draw(st.permutations(range(len(UNITS))))
    duplicates = draw(st.lists(st.sampled_from(range(len(UNITS))), max_size=8))
    sequence = list(order) + duplicates
    positions = draw(st.permutations(range(len(sequence))))
    sequence = [sequence[p] for p in positions]
    cuts = sorted(draw(st.sets(st.integers(1, max(len(sequence) - 1, 1)), max_size=6)))
    bounds = [0, *cuts, len(sequence)]
    return [[UNITS[i] for i in sequence[a:b]] for a, b in itertools.pairwise(bounds) if a < b]


IN_ORDER: dict[str, dict[str, Any]] = {}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(shuffled_deliveries())
def test_any_order_with_duplicates_gives_the_in_order_item(batches):
    if not IN_ORDER:
        ordered = sorted(UNITS, key=lambda u: json.dumps(u[1]["detail"]) if u[0] == "event" else u[1]["message"])
        IN_ORDER.update(_final_items([[u] for u in ordered]))
    assert _final_items(batches) == IN_ORDER


def test_thousands_of_entries_stay_out_of_the_status_item_in_bounded_pages_and_read_back_bounded(status_table):
    contact = "515c5c7e-036e-44f0-baa2-562b6216982a"
    record = json.loads(real_flow_log_events()[8]["message"])
    base_ms, deliveries, per_delivery = 1672953842442, 4, 750
    calls = count_calls(status_table)
    pages: list[dict[str, Any]] = []
    status_table.meta.events.register(
        "before-parameter-build.dynamodb.BatchWriteItem",
        lambda params, **_: pages.extend(
            from_item(r["PutRequest"]["Item"]) for r in params["RequestItems"][HISTORY_TABLE]
        ),
    )
    for batch in range(deliveries):
        events = []
        for i in range(per_delivery):
            n = batch * per_delivery + i
            stamp = base_ms + n
            message = dict(record, ContactId=contact, Timestamp=f"{stamp}", Parameters={"Text": "x" * 300, "n": str(n)})
            events.append({"id": f"{n:056d}", "timestamp": stamp, "message": json.dumps(message)})
        process_delivery(status_table, SETTINGS, delivery(events))
    total = deliveries * per_delivery
    assert set(calls) == {"BatchWriteItem", "UpdateItem"}  # never a read
    assert calls["UpdateItem"] == deliveries
    assert item_size(stored_status(status_table, contact)) < 1024  # the status item stays small
    # Each delivery's ~350 KB of entries in pages under the bound, every entry in exactly one of them.
    assert len(pages) >= deliveries * 5 and max(item_size(page["Entries"]) for page in pages) <= PAGE_MAX_BYTES
    assert sum(len(page["Entries"]) for page in pages) == total
    item = stored(status_table, contact)
    assert len(item["History"]) == DEFAULT_MAX_ENTRIES
    assert item["HistoryDropped"] == total - DEFAULT_MAX_ENTRIES
    newest = max(int(e["t"]) for e in item["History"].values())
    assert newest == base_ms + total - 1 and item["HistoryDroppedBefore"] == newest - DEFAULT_MAX_ENTRIES


def test_a_thousand_record_delivery_for_ten_contacts_makes_at_most_twenty_calls(status_table):
    records = json.loads(real_flow_log_events()[0]["message"])
    events = []
    for n in range(1_000):
        message = dict(
            records,
            ContactId=f"contact-{n % 10}",
            Timestamp=f"2023-01-10T16:{n // 600:02d}:{n % 60:02d}.{n % 1000:03d}Z",
        )
        events.append({"id": f"{n:056d}", "timestamp": 1673366400000 + n, "message": json.dumps(message)})
    calls = count_calls(status_table)
    result = process_delivery(status_table, SETTINGS, delivery(events))
    assert result.records == 1_000 and result.contacts == 10
    assert sum(calls.values()) <= 20 and set(calls) == {"BatchWriteItem", "UpdateItem"}
    assert calls["UpdateItem"] == 10 and result.calls + result.page_calls == sum(calls.values())
    # The same delivery again (at-least-once) changes nothing: its pages again, a failed condition per contact.
    before = {f"contact-{i}": stored(status_table, f"contact-{i}") for i in range(10)}
    calls.clear()
    process_delivery(status_table, SETTINGS, delivery(events))
    assert sum(calls.values()) <= 20
    assert {f"contact-{i}": stored(status_table, f"contact-{i}") for i in range(10)} == before


def test_late_events_cost_a_page_and_two_status_writes_and_never_a_read(status_table):
    events = [e for e in real_contact_events() if e["detail"]["contactId"].startswith("515c5c7e")]
    for event in reversed(events):
        calls = count_calls(status_table)
        process_delivery(status_table, SETTINGS, event)
        assert set(calls) <= {"BatchWriteItem", "UpdateItem"}
        assert calls["BatchWriteItem"] == 1 and calls["UpdateItem"] <= 2
    assert stored(status_table, events[0]["detail"]["contactId"])["Status"] == "DISCONNECTED"


def test_a_small_history_bound_reads_the_newest_entries_whatever_the_arrival_order(aws):
    dynamodb = boto3.client("dynamodb")
    create_status_table(dynamodb)
    logs = [e for e in real_flow_log_events() if json.loads(e["message"])["ContactId"].startswith("515c5c7e")]
    for log in reversed(logs):
        process_delivery(dynamodb, SETTINGS, delivery([log]))
    item = stored(dynamodb, "515c5c7e-036e-44f0-baa2-562b6216982a", max_entries=5)
    kept = sorted(int(e["t"]) for e in item["History"].values())
    assert len(kept) == 5 and item["HistoryDropped"] == len(logs) - 5
    assert kept == sorted(json_ms(m) for m in logs)[-5:]


def json_ms(log_event: dict[str, Any]) -> int:
    from connect_data.contact_status.events import parse_ms

    return parse_ms(json.loads(log_event["message"])["Timestamp"]) or 0

"""History pages: however a contact's entries are delivered (split, duplicated, reordered), the pages merge to
exactly the entries delivered; pages stay under their size; unprocessed writes are retried; the bound is
the reader's."""

from __future__ import annotations

import itertools
import random
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data.contact_status import pages
from connect_data.contact_status.history import item_size
from connect_data.contact_status.pages import (
    MAX_ATTEMPTS,
    PAGE_MAX_BYTES,
    ContactHistory,
    PagesUnprocessed,
    bounded,
    history_table_for,
    page_key,
    pages_of,
    read_history,
    with_history,
    write_pages,
)
from tests.unit.contact_status.conftest import HISTORY_TABLE, create_status_table

CONTACT = "c-1"
# Entries as the processor makes them: a time, a kind, and a record; several share a millisecond.
ENTRIES = {
    f"f{n:016x}": {"t": 1_700_000_000_000 + n // 3, "src": "flow", "type": "PlayPrompt", "record": {"n": n}}
    for n in range(40)
}


@st.composite
def deliveries(draw: st.DrawFn) -> list[list[str]]:
    """Every entry at least once, some again in later deliveries, in any order, split anywhere."""
    keys = sorted(ENTRIES)
    sequence = draw(st.permutations(keys)) + draw(st.lists(st.sampled_from(keys), max_size=30))
    sequence = draw(st.permutations(sequence))
    cuts = sorted(draw(st.sets(st.integers(1, len(sequence) - 1), max_size=8)))
    bounds = [0, *cuts, len(sequence)]
    return [sequence[a:b] for a, b in itertools.pairwise(bounds)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deliveries())
def test_any_split_duplication_and_order_of_deliveries_merges_to_exactly_the_entries(aws, batches):
    dynamodb = boto3.client("dynamodb")
    create_status_table(dynamodb)
    try:
        for batch in batches:
            write_pages(dynamodb, HISTORY_TABLE, pages_of(CONTACT, {k: ENTRIES[k] for k in batch}, 60))
        history = read_history(dynamodb, HISTORY_TABLE, CONTACT, max_entries=len(ENTRIES))
        assert history == ContactHistory(ENTRIES, 0, None)
        assert bounded(read_history(dynamodb, HISTORY_TABLE, CONTACT, 10_000).entries, 7) == read_history(
            dynamodb, HISTORY_TABLE, CONTACT, 7
        )
    finally:
        dynamodb.delete_table(TableName="contact-status")
        dynamodb.delete_table(TableName=HISTORY_TABLE)


def test_a_long_delivery_splits_into_pages_under_the_bound_in_entry_order_each_living_after_its_newest():
    big = {f"k{n:05d}": {"t": 1_700_000_000_000 + n * 1000, "record": {"text": "x" * 900}} for n in range(400)}
    made = pages_of(CONTACT, big, retention_minutes=60)
    assert len(made) > 1 and all(item_size(p.entries) <= PAGE_MAX_BYTES for p in made)
    assert [k for p in made for k in p.entries] == sorted(big)
    assert [p.key for p in made] == sorted(p.key for p in made)
    for page in made:
        assert page.expires_at == max(int(e["t"]) for e in page.entries.values()) // 1000 + 3600
    # The same entries in another order make the same pages, so a redelivery overwrites its own.
    shuffled = list(big.items())
    random.Random(7).shuffle(shuffled)
    assert pages_of(CONTACT, dict(shuffled), 60) == made


def test_the_page_key_sorts_by_the_oldest_entry_and_differs_for_other_entries():
    first = {"a": {"t": 5}, "b": {"t": 9}}
    assert page_key(first).startswith("000000000000005#a#")
    assert page_key({"b": {"t": 9}, "a": {"t": 5}}) == page_key(first)
    # A redelivery split differently can start with the same entry: its page must not overwrite this one.
    assert page_key({"a": {"t": 5}, "c": {"t": 6}}) != page_key(first)
    assert page_key({"x": {"t": -3}}).startswith("000000000000000#x#")


def _page_request(n: int) -> dict[str, Any]:
    return {"PutRequest": {"Item": pages_of(CONTACT, {f"e{n}": {"t": n}}, 60)[0].item()}}


def test_unprocessed_pages_are_retried_until_written(monkeypatch):
    monkeypatch.setattr(pages.time, "sleep", lambda _s: None)
    dynamodb = boto3.client("dynamodb", region_name="us-east-1")
    made = [p for n in range(30) for p in pages_of(CONTACT, {f"e{n}": {"t": n}}, 60)]
    requests = [{"PutRequest": {"Item": p.item()}} for p in made]
    with Stubber(dynamodb) as stub:
        stub.add_response(
            "batch_write_item",
            {"UnprocessedItems": {"t": requests[3:5]}},
            {"RequestItems": {"t": requests[:25]}},
        )
        stub.add_response("batch_write_item", {"UnprocessedItems": {}}, {"RequestItems": {"t": requests[3:5]}})
        stub.add_response("batch_write_item", {}, {"RequestItems": {"t": requests[25:]}})
        stats = write_pages(dynamodb, "t", made)
        stub.assert_no_pending_responses()
    assert (stats.calls, stats.retries) == (3, 1)


def test_pages_still_unprocessed_after_every_attempt_fail_the_delivery(monkeypatch):
    monkeypatch.setattr(pages.time, "sleep", lambda _s: None)
    dynamodb = boto3.client("dynamodb", region_name="us-east-1")
    request = _page_request(1)
    with Stubber(dynamodb) as stub:
        for _ in range(MAX_ATTEMPTS):
            unprocessed = {"UnprocessedItems": {"t": [request]}}
            stub.add_response("batch_write_item", unprocessed, {"RequestItems": {"t": [request]}})
        with pytest.raises(PagesUnprocessed, match=f"1 history pages unprocessed after {MAX_ATTEMPTS} attempts"):
            write_pages(dynamodb, "t", pages_of(CONTACT, {"e1": {"t": 1}}, 60))
        stub.assert_no_pending_responses()


def test_the_reader_keeps_the_newest_entries_and_says_how_many_older_ones_it_left_out():
    entries = {"a": {"t": 1}, "b": {"t": 2}, "c": {"t": 2}, "d": {"t": 3}}
    assert bounded(entries, 2) == ContactHistory({"d": {"t": 3}, "c": {"t": 2}}, 2, 2)
    assert bounded(entries, 10) == ContactHistory(dict(reversed(list(entries.items()))), 0, None)
    item = {"ContactId": "c", "Status": "DISCONNECTED"}
    assert with_history(item, bounded(entries, 10)) == {**item, "History": bounded(entries, 10).entries}
    assert with_history(item, bounded(entries, 2)) | {} == {
        **item,
        "History": {"d": {"t": 3}, "c": {"t": 2}},
        "HistoryDropped": 2,
        "HistoryDroppedBefore": 2,
    }


@pytest.mark.parametrize(
    ("status", "history"),
    [
        ("connect-data-contact-status", "connect-data-contact-history"),
        ("prod-eu-contact-status", "prod-eu-contact-history"),
        ("contact-status", "contact-status-history"),
        ("my-status-table", "my-status-table-history"),
        ("a-contact-status-b", "a-contact-status-b-history"),
    ],
)
def test_the_history_table_is_named_as_the_module_names_it(status, history):
    assert history_table_for(status) == history

"""Stream records of each table become the lake rows the queries read, with numbers masked or kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connect_data.analytics.rows import ENTRIES, BadStreamRecord, Privacy, rows_of
from tests.unit.analytics.streams import stream_record

DATASETS_JSON = Path(__file__).resolve().parents[3] / "modules" / "analytics" / "datasets.json"
MASK = Privacy("mask")
KEEP = Privacy("keep")


def test_view_data_change_adds_only_the_answers_it_changed_with_agent_and_campaign():
    old = {"InitialContactId": "c-1", "Answers": {"reason": "billing"}}
    new = {
        "InitialContactId": "c-1",
        "Answers": {"reason": "billing", "rating": "5", "topics": ["a", "b"]},
        "Questions": {"rating_Question": "How was it?"},
        "AgentUsername": "jdoe",
        "CampaignId": "camp-1",
    }
    rows = rows_of(stream_record("view_data", 7, new, old), "view_data", MASK, "InitialContactId")
    assert [(r.dataset, r.values["question"], r.values["answer"]) for r in rows] == [
        ("view_answers", "rating", "5"),
        ("view_answers", "topics", '["a","b"]'),
    ]
    assert rows[0].values["question_label"] == "How was it?"
    assert rows[0].values["agent_username"] == "jdoe" and rows[0].values["campaign_id"] == "camp-1"
    assert rows[0].values["change_sequence"] == "000000000000000000007"
    assert rows[0].values["changed_at"] == "2026-03-04T10:00:00Z"


def test_contact_status_change_adds_the_contacts_state():
    old = {"ContactId": "c-1", "InitiatedAt": 1772618400000}
    new = {
        "ContactId": "c-1",
        "InitiatedAt": 1772618400000,
        "EnqueuedAt": 1772618430500,
        "Queued": True,
        "CustomerEndpoint": "+14155550100",
        "QueueName": "Support",
    }
    rows = rows_of(stream_record("contact_status", 8, new, old), "contact_status", MASK, "InitialContactId")
    assert [r.dataset for r in rows] == ["contacts"]
    contact = rows[0].values
    assert contact["initiated_at"] == "2026-03-04T10:00:00.000Z"
    assert contact["enqueued_at"] == "2026-03-04T10:00:30.500Z"
    assert contact["queued"] is True and contact["connected_to_agent"] is False
    assert contact["customer_endpoint"] == "+1********00"


def test_a_history_page_write_adds_only_the_entries_the_page_did_not_hold():
    first = {"k1": {"t": 1772618400000, "src": "event", "type": "INITIATED"}}
    old = {"ContactId": "c-1", "Page": "p", ENTRIES: first}
    new = {**old, ENTRIES: {**first, "k2": {"t": 1772618430500, "src": "event", "type": "QUEUED"}}}
    rows = rows_of(stream_record("contact_history", 8, new, old), "contact_history", MASK, "InitialContactId")
    assert [r.dataset for r in rows] == ["contact_history"]
    assert rows[0].values["contact_id"] == "c-1" and rows[0].values["entry_key"] == "k2"
    assert rows[0].values["entry_type"] == "QUEUED" and rows[0].values["entry_at"] == "2026-03-04T10:00:30.500Z"
    # A new page adds all of its entries; the same page put again by a redelivery adds none.
    assert [
        r.values["entry_key"] for r in rows_of(stream_record("contact_history", 9, new), "contact_history", MASK, "x")
    ] == ["k1", "k2"]
    assert rows_of(stream_record("contact_history", 10, new, new), "contact_history", MASK, "x") == []


def test_the_writer_names_the_page_attribute_as_the_processor_writes_it():
    # The writer's zip carries no contact_status code, so rows.py spells the attribute itself.
    from connect_data.contact_status import pages

    assert ENTRIES == pages.ENTRIES


def test_keep_leaves_numbers_as_the_tables_hold_them():
    new = {"ContactId": "c-1", "CustomerEndpoint": "+14155550100"}
    rows = rows_of(stream_record("contact_status", 1, new), "contact_status", KEEP, "InitialContactId")
    assert rows[0].values["customer_endpoint"] == "+14155550100"


def test_case_event_and_case_state_go_to_their_own_datasets():
    event = {"caseId": "k-1", "sk": "EVENT#2026-03-04T10:00:00Z#e1", "eventId": "e1", "eventType": "CASE.CREATED"}
    state = {"caseId": "k-1", "sk": "STATE", "status": "open", "lastEventType": "CASE.CREATED"}
    assert rows_of(stream_record("cases", 1, event), "cases", MASK, "x")[0].dataset == "case_events"
    row = rows_of(stream_record("cases", 2, state), "cases", MASK, "x")[0]
    assert row.dataset == "case_state" and row.values["status"] == "open" and row.values["deleted"] is False


@pytest.mark.parametrize(
    ("number", "area", "stored"),
    [("+18003569377", "800", "+1********77"), ("+442079460000", None, "+4*********00")],
)
def test_vanity_result_keeps_the_area_code_and_masks_the_number(number, area, stored):
    new = {"PhoneNumber": number, "Vanity": ["800-FLOWERS", "800-FLOWER7"], "ContactId": "c-9"}
    row = rows_of(stream_record("vanity", 3, new), "vanity", MASK, "x")[0]
    assert (row.values["area_code"], row.values["phone_number"], row.values["vanity_count"]) == (area, stored, 2)


def test_a_record_without_a_new_image_is_a_bad_record():
    record = stream_record("vanity", 3, None, {"PhoneNumber": "+18003569377"})
    with pytest.raises(BadStreamRecord, match="without NewImage"):
        rows_of(record, "vanity", MASK, "x")


def test_every_row_has_exactly_the_columns_of_its_glue_table():
    datasets = json.loads(DATASETS_JSON.read_text())
    samples = [
        ("view_data", {"InitialContactId": "c", "Answers": {"q": "a"}}),
        ("contact_status", {"ContactId": "c", "Status": "QUEUED"}),
        (
            "contact_history",
            {"ContactId": "c", "Page": "p", ENTRIES: {"k": {"t": 1, "src": "event", "type": "QUEUED"}}},
        ),
        ("cases", {"caseId": "k", "sk": "EVENT#1"}),
        ("cases", {"caseId": "k", "sk": "STATE"}),
        ("vanity", {"PhoneNumber": "+18003569377", "Vanity": []}),
    ]
    seen = set()
    for kind, image in samples:
        for row in rows_of(stream_record(kind, 1, image), kind, MASK, "InitialContactId"):
            assert set(row.values) == set(datasets[row.dataset]), row.dataset
            seen.add(row.dataset)
    assert seen == set(datasets)

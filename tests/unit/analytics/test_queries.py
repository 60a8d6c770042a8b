"""Every named query (Athena SQL, transpiled by sqlglot) on DuckDB over objects the writer put in S3.

The figures are small enough to check by hand; each test says where its numbers come from.
"""

from __future__ import annotations

from datetime import UTC, datetime

import boto3
import pytest

from connect_data.analytics.lake import LakeSettings, write_batch
from connect_data.cli.analytics import download_lake, format_result
from connect_data.cli.lake_queries import duckdb_sql, load_queries, run_queries
from tests.unit.analytics.streams import SOURCES, stream_record

T = 1772618400000  # 2026-03-04T10:00:00Z in ms
BUCKET = "lake-bucket"


def ms(seconds: int) -> int:
    return T + seconds * 1000


def contact_versions(contact_id: str, queue: str, times: dict[str, int], **flags: bool) -> list[dict]:
    """The item after each of the contact's events: the item grows one timestamp per event."""
    versions, item = [], {"ContactId": contact_id, "QueueName": queue}
    for name, at in times.items():
        item = {**item, name: at, **{k: v for k, v in flags.items() if name == "DisconnectedAt"}}
        item |= {"Queued": "EnqueuedAt" in item, "ConnectedToAgent": "ConnectedToAgentAt" in item}
        item |= {"Disconnected": "DisconnectedAt" in item}
        versions.append(dict(item))
    return versions


def contact_records(first_sequence: int) -> list[dict]:
    contacts = [
        # ivr 30 s, queue 60 s, agent 300 s
        contact_versions(
            "c-1",
            "Support",
            {"InitiatedAt": ms(0), "EnqueuedAt": ms(30), "ConnectedToAgentAt": ms(90), "DisconnectedAt": ms(390)},
        ),
        # abandoned at 10:10: ivr 20 s, queue 60 s, never with an agent
        contact_versions("c-2", "Support", {"InitiatedAt": ms(600), "EnqueuedAt": ms(620), "DisconnectedAt": ms(680)}),
        # 11:00, transferred: ivr 10 s, queue 30 s, agent 60 s
        contact_versions(
            "c-3",
            "Sales",
            {
                "InitiatedAt": ms(3600),
                "EnqueuedAt": ms(3610),
                "ConnectedToAgentAt": ms(3640),
                "DisconnectedAt": ms(3700),
            },
            Transferred=True,
        ),
    ]
    records, sequence = [], first_sequence
    for versions in contacts:
        old = None
        for version in versions:
            records.append(stream_record("contact_status", sequence, version, old))
            old, sequence = version, sequence + 1
    return records


def view_records() -> list[dict]:
    first = {
        "InitialContactId": "v-1",
        "Answers": {"reason": "billing"},
        "AgentUsername": "jdoe",
        "CampaignId": "camp-1",
    }
    changed = {**first, "Answers": {"reason": "fraud", "rating": "5"}, "Questions": {"rating_Question": "How was it?"}}
    other = {"InitialContactId": "v-2", "Answers": {"reason": "billing"}, "AgentUsername": "asmith"}
    return [
        stream_record("view_data", 101, first),
        stream_record("view_data", 102, changed, first),
        stream_record("view_data", 103, other),
    ]


def case_records() -> list[dict]:
    def event(case_id: str, n: int, event_type: str, status: str, at: str) -> dict:
        return {
            "caseId": case_id,
            "sk": f"EVENT#{at}#{n}",
            "eventId": f"e-{n}",
            "eventType": event_type,
            "changeTime": at,
            "status": status,
        }

    return [
        stream_record("cases", 201, event("k-1", 1, "CASE.CREATED", "open", "2026-03-04T10:00:00.000Z")),
        stream_record("cases", 202, event("k-1", 2, "CASE.UPDATED", "closed", "2026-03-04T13:30:00.000Z")),
        stream_record("cases", 203, event("k-2", 3, "CASE.CREATED", "open", "2026-03-05T09:00:00Z")),
        stream_record("cases", 204, {"caseId": "k-1", "sk": "STATE", "status": "closed"}),
    ]


def vanity_records() -> list[dict]:
    results = {
        "+18003569377": ["800-FLOWERS", "800-FLOWER7"],
        "+14152255669": ["415-CALL-NOW"],
        "+14155550100": [],
        "+442079460000": [],
    }
    return [
        stream_record("vanity", 301 + i, {"PhoneNumber": number, "Vanity": words, "ContactId": f"vc-{i}"})
        for i, (number, words) in enumerate(results.items())
    ]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        lake = LakeSettings(bucket=BUCKET, prefix="lake/", sources=SOURCES)
        contacts = contact_records(1)
        batches = [contacts[:5], contacts[5:], contacts[5:], view_records(), case_records(), vanity_records()]
        for batch in batches:  # the second contact batch comes twice: a redelivery
            write_batch(s3, batch, lake)
        folder = tmp_path_factory.mktemp("lake")
        download_lake(s3, BUCKET, "lake/", folder)
    return {r.name: r.records() for r in run_queries(folder)}


def test_answers_per_question_per_day_keep_each_contacts_latest_answer(results):
    assert results["answers_per_question_per_day"] == [
        {
            "day": "2026-03-04",
            "question": "rating",
            "label": "How was it?",
            "answer": "5",
            "agent": "jdoe",
            "campaign": "camp-1",
            "answers": 1,
        },
        {
            "day": "2026-03-04",
            "question": "reason",
            "label": "reason",
            "answer": "billing",
            "agent": "asmith",
            "campaign": "(no campaign)",
            "answers": 1,
        },
        {
            "day": "2026-03-04",
            "question": "reason",
            "label": "reason",
            "answer": "fraud",
            "agent": "jdoe",
            "campaign": "camp-1",
            "answers": 1,
        },
    ]


def test_contacts_per_queue_per_hour_average_the_three_durations(results):
    rows = results["contacts_per_queue_per_hour"]
    assert [(r["queue"], r["hour"].astimezone(UTC), r["contacts"]) for r in rows] == [
        ("Sales", datetime(2026, 3, 4, 11, tzinfo=UTC), 1),
        ("Support", datetime(2026, 3, 4, 10, tzinfo=UTC), 2),
    ]
    # Support: IVR (30 + 20) / 2, queue (60 + 60) / 2, agent only c-1's 300 (c-2 never reached one).
    assert [(r["avg_ivr_seconds"], r["avg_queue_seconds"], r["avg_agent_seconds"]) for r in rows] == [
        (10.0, 30.0, 60.0),
        (25.0, 60.0, 300.0),
    ]


def test_transfers_and_abandons_count_each_contact_once_despite_the_redelivery(results):
    assert results["transfers_and_abandons"] == [
        {"queue": "Sales", "day": "2026-03-04", "contacts": 1, "transfers": 1, "abandons": 0},
        {"queue": "Support", "day": "2026-03-04", "contacts": 2, "transfers": 0, "abandons": 1},
    ]


def test_cases_per_day_with_hours_to_close(results):
    rows = [(str(r["day"]), r["opened"], r["closed"], r["avg_hours_to_close"]) for r in results["cases_per_day"]]
    assert rows == [("2026-03-04", 1, 1, 3.5), ("2026-03-05", 1, 0, None)]


def test_vanity_per_area_code(results):
    assert results["vanity_per_area_code"] == [
        {"area_code": "(other)", "results": 1, "with_vanity": 0, "avg_vanities": 0.0},
        {"area_code": "415", "results": 2, "with_vanity": 1, "avg_vanities": 0.5},
        {"area_code": "800", "results": 1, "with_vanity": 1, "avg_vanities": 2.0},
    ]


def test_every_named_query_transpiles_and_an_empty_lake_answers_no_rows(tmp_path):
    assert {q.name for q in load_queries()} == {
        "answers_per_question_per_day",
        "contacts_per_queue_per_hour",
        "transfers_and_abandons",
        "cases_per_day",
        "vanity_per_area_code",
    }
    assert all("from_iso8601_timestamp" not in duckdb_sql(q.athena_sql).lower() for q in load_queries())
    empty = run_queries(tmp_path)
    assert [r.rows for r in empty] == [[]] * 5
    assert format_result(empty[0]).endswith("(no rows)")

"""The writer against a real S3 bucket on moto: objects, keys, redelivery, failures and quarantine."""

from __future__ import annotations

import gzip
import itertools
import json
from collections import Counter

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import ANY, Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data.analytics.handler import handler
from connect_data.analytics.handler import settings as writer_settings
from connect_data.analytics.lake import LakeSettings, write_batch
from tests.unit.analytics.streams import SOURCES, stream_record

BUCKET = "lake-bucket"
BUCKETS = itertools.count()
FIRST_VANITY_KEY = "lake/vanity_results/dt=2026-03-04/unit-vanity-results-000000000000000000001.jsonl.gz"
LAKE = LakeSettings(bucket=BUCKET, prefix="lake/", sources=SOURCES)


@pytest.fixture
def s3(aws, monkeypatch):
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    monkeypatch.setenv("LAKE_BUCKET", BUCKET)
    monkeypatch.setenv("LAKE_PREFIX", "lake/")
    monkeypatch.setenv("LAKE_SOURCES", json.dumps(SOURCES))
    writer_settings.cache_clear()
    yield client
    writer_settings.cache_clear()


def lake_rows(s3) -> dict[str, list[dict]]:
    """Every row in the bucket by dataset (a duplicate row shows up twice)."""
    rows: dict[str, list[dict]] = {}
    for entry in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        body = gzip.decompress(s3.get_object(Bucket=BUCKET, Key=entry["Key"])["Body"].read()).decode()
        dataset = entry["Key"].split("/")[1]
        rows.setdefault(dataset, []).extend(json.loads(line) for line in body.splitlines())
    return rows


def vanity(sequence: int, number: str = "+18003569377") -> dict:
    return stream_record("vanity", sequence, {"PhoneNumber": number, "Vanity": ["800-FLOWERS"], "ContactId": "c"})


def contact(sequence: int, contact_id: str = "c-1") -> dict:
    return stream_record("contact_status", sequence, {"ContactId": contact_id, "Status": "QUEUED"})


def history_page(sequence: int, contact_id: str = "c-1") -> dict:
    entries = {f"k{sequence}": {"t": 1772618400000 + sequence, "src": "event", "type": "QUEUED"}}
    page = {"ContactId": contact_id, "Page": f"{1772618400000 + sequence:015d}#k{sequence}#d", "Entries": entries}
    return stream_record("contact_history", sequence, page)


DATASET_OF = {"contact": "contacts", "page": "contact_history", "vanity": "vanity_results"}


def test_a_batch_becomes_one_gzip_json_lines_object_per_dataset_keyed_by_the_datasets_first_record(s3, lambda_context):
    records = [contact(5), vanity(6), history_page(7), contact(8), history_page(9)]
    assert handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == [
        "lake/contact_history/dt=2026-03-04/unit-contact-history-000000000000000000007.jsonl.gz",
        "lake/contacts/dt=2026-03-04/unit-contact-status-000000000000000000005.jsonl.gz",
        "lake/vanity_results/dt=2026-03-04/unit-vanity-results-000000000000000000006.jsonl.gz",
    ]
    rows = lake_rows(s3)
    assert [r["change_id"] for r in rows["contacts"]] == ["ev-5", "ev-8"]
    assert [r["entry_key"] for r in rows["contact_history"]] == ["k7", "k9"]
    assert rows["vanity_results"][0]["phone_number"] == "+1********77"


def test_a_redelivered_batch_overwrites_its_objects_byte_for_byte(s3, lambda_context):
    records = [vanity(1), vanity(2)]
    handler({"Records": records}, lambda_context)
    first = s3.get_object(
        Bucket=BUCKET, Key="lake/vanity_results/dt=2026-03-04/unit-vanity-results-000000000000000000001.jsonl.gz"
    )
    handler({"Records": records}, lambda_context)
    assert len(s3.list_objects_v2(Bucket=BUCKET)["Contents"]) == 1
    again = s3.get_object(
        Bucket=BUCKET, Key="lake/vanity_results/dt=2026-03-04/unit-vanity-results-000000000000000000001.jsonl.gz"
    )
    assert again["ETag"] == first["ETag"]
    assert len(lake_rows(s3)["vanity_results"]) == 2


def test_a_shorter_retry_after_a_lost_success_leaves_no_row_twice(s3, lambda_context):
    # The first attempt succeeds but its answer is lost; Lambda retries from the same record with a shorter
    # batch that no longer reaches the vanity record, then moves on. Found by the exactly-once property.
    records = [contact(1), vanity(2), contact(3)]
    handler({"Records": records}, lambda_context)  # success lost in a crash
    handler({"Records": records[:1]}, lambda_context)
    handler({"Records": records[1:]}, lambda_context)
    rows = lake_rows(s3)
    assert sorted(r["change_id"] for r in rows["vanity_results"]) == ["ev-2"]
    assert sorted(r["change_id"] for r in rows["contacts"]) == ["ev-1", "ev-3"]


def test_a_bad_record_is_quarantined_with_its_reason_and_its_neighbours_are_stored(s3, lambda_context):
    broken = vanity(2)
    del broken["dynamodb"]["NewImage"]
    unknown = vanity(3)
    unknown["eventSourceARN"] = "arn:aws:dynamodb:us-east-1:123456789012:table/other/stream/x"
    assert handler({"Records": [vanity(1), broken, unknown, vanity(4)]}, lambda_context) == {"batchItemFailures": []}
    rows = lake_rows(s3)
    assert [r["change_id"] for r in rows["vanity_results"]] == ["ev-1", "ev-4"]
    assert ["without NewImage" in q["error"] for q in rows["_quarantine"]] == [True, False]
    assert "not one of the lake's sources" in rows["_quarantine"][1]["error"]
    assert rows["_quarantine"][0]["record"]["eventID"] == "ev-2"


def test_a_failed_write_deletes_the_batchs_objects_and_fails_the_whole_batch():
    client = boto3.client("s3", region_name="us-east-1")
    with Stubber(client) as stub:
        stub.add_response(
            "put_object",
            {"ETag": '"1"'},
            {
                "Bucket": BUCKET,
                "Key": "lake/contacts/dt=2026-03-04/unit-contact-status-000000000000000000001.jsonl.gz",
                "Body": ANY,
                "ContentType": "application/x-ndjson",
                "ContentEncoding": "gzip",
            },
        )
        stub.add_client_error("put_object", "SlowDown", http_status_code=503)
        stub.add_response(
            "delete_object",
            {},
            {"Bucket": BUCKET, "Key": "lake/contacts/dt=2026-03-04/unit-contact-status-000000000000000000001.jsonl.gz"},
        )
        with pytest.raises(ClientError):
            write_batch(client, [contact(1), vanity(2)], LAKE)
        stub.assert_no_pending_responses()


def test_the_handler_reports_the_batchs_first_record_when_s3_fails(s3, lambda_context):
    s3.delete_bucket(Bucket=BUCKET)  # NoSuchBucket on every write
    reply = handler({"Records": [vanity(10), vanity(11)]}, lambda_context)
    assert reply == {"batchItemFailures": [{"itemIdentifier": "000000000000000000010"}]}


# --- redelivery as Lambda's stream poller does it ------------------------------------------------
# A shard is read in order from a checkpoint. A batch that fails (or whose success is lost in a crash)
# is read again from the same checkpoint, possibly shorter (bisected) or longer (more records arrived);
# only a batch that succeeds moves the checkpoint past it.


@st.composite
def stream_schedules(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(DATASET_OF)), min_size=1, max_size=25))
    makers = {"contact": contact, "page": history_page, "vanity": lambda n, _c: vanity(n)}
    records = [(kind, makers[kind](i + 1, f"c-{i % 3}")) for i, kind in enumerate(kinds)]
    steps = draw(
        st.lists(
            st.tuples(st.integers(1, 10), st.sampled_from(["ok", "fail_second_put", "crash_after_success"])),
            min_size=1,
            max_size=60,
        )
    )
    return records, steps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schedule=stream_schedules())
def test_every_record_lands_exactly_once_whatever_the_retries_and_batch_sizes(aws, schedule):
    kinded, steps = schedule
    records = [record for _kind, record in kinded]
    client = boto3.client("s3")
    bucket = f"lake-{next(BUCKETS)}"  # moto lives across examples: a fresh bucket for each
    client.create_bucket(Bucket=bucket)
    lake = LakeSettings(bucket=bucket, prefix="lake/", sources=SOURCES)
    puts = {"n": 0, "fail_at": None}

    def maybe_fail(**_: object) -> None:
        puts["n"] += 1
        if puts["fail_at"] == puts["n"]:
            raise ClientError({"Error": {"Code": "SlowDown", "Message": "injected"}}, "PutObject")

    client.meta.events.register("before-call.s3.PutObject", maybe_fail)
    checkpoint, step = 0, 0
    while checkpoint < len(records):
        size, outcome = steps[step] if step < len(steps) else (10, "ok")
        step += 1
        batch = records[checkpoint : checkpoint + size]
        puts["n"], puts["fail_at"] = 0, 2 if outcome == "fail_second_put" else None
        try:
            write_batch(client, batch, lake)
        except ClientError:
            continue  # retried from the same checkpoint
        if outcome != "crash_after_success":
            checkpoint += len(batch)

    stored: Counter[str] = Counter()
    for entry in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        body = gzip.decompress(client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()).decode()
        stored.update(f"{entry['Key'].split('/')[1]}:{json.loads(line)['change_id']}" for line in body.splitlines())
    expected: Counter[str] = Counter()
    for kind, record in kinded:
        expected[f"{DATASET_OF[kind]}:{record['eventID']}"] += 1
    assert stored == expected


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_batch_counts_records_written_and_quarantined(s3, lambda_context, emf):
    broken = vanity(2)
    del broken["dynamodb"]["NewImage"]
    handler({"Records": [vanity(1), broken, contact(3)]}, lambda_context)
    metrics = emf("analytics", forbidden=("8003569377", "c-1"))
    assert metrics == {"DynamoDBCalls": 0, "RecordsProcessed": 2, "RecordsQuarantined": 1}


def test_emf_a_failed_batch_counts_nothing_processed(s3, lambda_context, emf):
    s3.delete_bucket(Bucket=BUCKET)
    handler({"Records": [vanity(10), vanity(11)]}, lambda_context)
    assert emf("analytics") == {"DynamoDBCalls": 0}

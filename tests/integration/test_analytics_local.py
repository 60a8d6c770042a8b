"""The data lake on the local stack: Terraform's bucket, catalog, workgroup and named queries in moto, and
the deployed writer on the tables' real stream records, queried with every named query on DuckDB.

Traffic goes through the deployed functions (contact events through the processor, guides through the
normalize function, callers through the vanity function, case events through the rule, queue and
consumer); its IDs are this test's own, so the figures below hold whatever else the stack served.
"""

from __future__ import annotations

import gzip
import json
import math
from datetime import UTC, datetime

import pytest

from connect_data.common.timeutil import iso_utc
from devtools import terraform
from devtools.demos import analytics as lake_demo
from devtools.demos.cases import drive as drive_cases
from devtools.demos.contact_status import contact_event
from tests.support import flow_event

pytestmark = pytest.mark.integration

T = 1772618400000  # 2026-03-04T10:00:00Z
CASE_DAY = "2024-06-01"  # the lake's case, on a day no other test's case is
SUPPORT = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/queue/it-lake-support"
AGENT = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/agent/it-lake-agent"


def _contact(contact_id: str, steps: dict[str, int], **extra: str) -> list[dict]:
    """The contact events of one voice contact; ``steps`` are seconds after T of each event."""
    start = T + steps["INITIATED"] * 1000
    queue = {"queueArn": SUPPORT, "queueType": "STANDARD"}
    agent = {"agentArn": AGENT}
    events = []
    for event_type, seconds in steps.items():
        at = T + seconds * 1000
        detail: dict = {"initiationTimestamp": iso_utc(start)}
        if "QUEUED" in steps and seconds >= steps["QUEUED"]:
            detail["queueInfo"] = {**queue, "enqueueTimestamp": iso_utc(T + steps["QUEUED"] * 1000)}
        if "CONNECTED_TO_AGENT" in steps and seconds >= steps["CONNECTED_TO_AGENT"]:
            detail["agentInfo"] = {
                **agent,
                "connectedToAgentTimestamp": iso_utc(T + steps["CONNECTED_TO_AGENT"] * 1000),
            }
        if event_type == "DISCONNECTED":
            detail |= {"disconnectTimestamp": iso_utc(at), **extra}
        events.append(contact_event(contact_id, event_type, at, **detail))
    return events


@pytest.fixture(scope="module")
def lake(local_stack, tmp_path_factory):
    outputs = local_stack.outputs["connect_data"]
    processor = local_stack.function(outputs["contact_status"]["processor_function_name"])
    contacts = [
        # ivr 30 s, queue 60 s, agent 300 s
        _contact("it-lake-1", {"INITIATED": 0, "QUEUED": 30, "CONNECTED_TO_AGENT": 90, "DISCONNECTED": 390}),
        # abandoned: ivr 20 s, queue 60 s
        _contact("it-lake-2", {"INITIATED": 600, "QUEUED": 620, "DISCONNECTED": 680}),
        # transferred: ivr 10 s, queue 30 s, agent 120 s
        _contact(
            "it-lake-3",
            {"INITIATED": 900, "QUEUED": 910, "CONNECTED_TO_AGENT": 940, "DISCONNECTED": 1060},
            disconnectReason="TRANSFER",
        ),
    ]
    for events in contacts:
        for event in events:
            processor.invoke(event)

    normalize = local_stack.function(outputs["view_data"]["normalize_function_name"])
    for contact_id, answer in (("it-lake-v1", "Fraud"), ("it-lake-v2", "Fraud"), ("it-lake-v3", "Billing")):
        normalize.invoke(
            flow_event(contact_id=contact_id, parameters={"viewResultData": f'{{"itLakeReason": "{answer}"}}'})
        )

    vanity = local_stack.function(outputs["vanity_numbers"]["function_name"])
    replies = [
        vanity.invoke(flow_event(caller=caller, contact_id=f"it-lake-c{i}"))
        for i, caller in enumerate(["+19073569377", "+19072255669", "+19072255669", "+19070101010"])
    ]
    drive_cases(local_stack, case_id="it-lake-case-1", day=CASE_DAY)

    run = lake_demo.write_lake(local_stack)
    results = {r.name: r.records() for r in lake_demo.query_lake(local_stack, tmp_path_factory.mktemp("lake"))}
    return run, results, replies


def test_terraform_created_the_private_bucket_catalog_and_workgroup(local_stack):
    out = local_stack.outputs["connect_data"]["analytics"]
    s3, glue, athena = local_stack.client("s3"), local_stack.client("glue"), local_stack.client("athena")
    block = s3.get_public_access_block(Bucket=out["bucket_name"])["PublicAccessBlockConfiguration"]
    assert all(block.values())
    tables = {t["Name"]: t for t in glue.get_tables(DatabaseName=out["database_name"])["TableList"]}
    assert (
        sorted(tables)
        == sorted(out["table_names"])
        == sorted(["case_events", "case_state", "contact_history", "contacts", "vanity_results", "view_answers"])
    )
    assert tables["contacts"]["Parameters"]["projection.dt.type"] == "date"
    workgroup = athena.get_work_group(WorkGroup=out["workgroup_name"])["WorkGroup"]["Configuration"]
    assert workgroup["BytesScannedCutoffPerQuery"] == 10737418240
    # Named queries and the TLS-only policy are off locally (see examples/local); terraform test has them.
    assert out["named_query_ids"] == {}


def test_the_writer_stored_every_stream_record_in_batches_without_a_failure(lake):
    run, _, _ = lake
    assert run.failures == 0 and run.records > 0
    assert run.invocations >= math.ceil(run.records / lake_demo.BATCH_SIZE)
    assert "_quarantine" not in run.objects_per_dataset


def test_contacts_per_queue_and_hour_from_the_processors_items(lake):
    _, results, _ = lake
    rows = [r for r in results["contacts_per_queue_per_hour"] if r["queue"] == SUPPORT]
    # One hour (10:00): IVR (30 + 20 + 10) / 3, queue (60 + 60 + 30) / 3, agent (300 + 120) / 2.
    assert [(r["hour"].astimezone(UTC), r["contacts"]) for r in rows] == [(datetime(2026, 3, 4, 10, tzinfo=UTC), 3)]
    assert (rows[0]["avg_ivr_seconds"], rows[0]["avg_queue_seconds"], rows[0]["avg_agent_seconds"]) == (
        20.0,
        50.0,
        210.0,
    )


def test_transfers_and_abandons(lake):
    _, results, _ = lake
    rows = [r for r in results["transfers_and_abandons"] if r["queue"] == SUPPORT]
    assert rows == [{"queue": SUPPORT, "day": "2026-03-04", "contacts": 3, "transfers": 1, "abandons": 1}]


def test_the_history_pages_add_one_contact_history_row_per_entry(local_stack, lake):
    out = local_stack.outputs["connect_data"]["analytics"]
    s3 = local_stack.client("s3")
    rows = []
    listing = s3.get_paginator("list_objects_v2").paginate(
        Bucket=out["bucket_name"], Prefix=f"{out['prefix']}contact_history/"
    )
    for page in listing:
        for entry in page.get("Contents", []):
            body = gzip.decompress(s3.get_object(Bucket=out["bucket_name"], Key=entry["Key"])["Body"].read())
            rows += [json.loads(line) for line in body.decode().splitlines() if line]
    # it-lake-1's four events, one delivery (one page) each: one row per entry, from the history table.
    mine = [r for r in rows if r["contact_id"] == "it-lake-1"]
    assert sorted(r["entry_type"] for r in mine) == ["CONNECTED_TO_AGENT", "DISCONNECTED", "INITIATED", "QUEUED"]
    assert len({r["entry_key"] for r in mine}) == 4


def test_answers_per_question(lake):
    _, results, _ = lake
    rows = [
        (r["answer"], r["answers"]) for r in results["answers_per_question_per_day"] if r["question"] == "itLakeReason"
    ]
    assert sorted(rows) == [("Billing", 1), ("Fraud", 2)]


def test_vanity_results_per_area_code(lake):
    _, results, replies = lake
    # Three callers from 907 (the repeat caller is answered from the table and writes nothing new).
    with_words = sum(1 for r in replies[:2] + replies[3:] if r.get("count", "0") != "0")
    row = next(r for r in results["vanity_per_area_code"] if r["area_code"] == "907")
    assert (row["results"], row["with_vanity"]) == (3, with_words)


def test_cases_opened_per_day(lake):
    _, results, _ = lake
    row = next(r for r in results["cases_per_day"] if str(r["day"]) == CASE_DAY)
    assert (row["opened"], row["closed"], row["avg_hours_to_close"]) == (1, 0, None)


def test_turning_the_lake_off_and_on_changes_the_tables_in_place(local_stack):
    # The stack has it on; a plan with it off shows the other direction of the same stream change.
    changes = terraform.plan_changes(local_stack.example, {**local_stack.variables, "enable_analytics": "false"})
    tables = {c["address"]: c["change"]["actions"] for c in changes if c["type"] == "aws_dynamodb_table"}
    assert tables == {
        "module.connect_data.module.cases[0].aws_dynamodb_table.cases": ["update"],
        "module.connect_data.module.contact_status[0].aws_dynamodb_table.history": ["update"],
        "module.connect_data.module.contact_status[0].aws_dynamodb_table.status": ["update"],
        "module.connect_data.module.vanity_numbers[0].aws_dynamodb_table.results": ["update"],
        "module.connect_data.module.view_data[0].aws_dynamodb_table.view_data": ["update"],
    }
    assert {c["change"]["before"]["stream_view_type"] for c in changes if c["type"] == "aws_dynamodb_table"} == {
        "NEW_AND_OLD_IMAGES"
    }

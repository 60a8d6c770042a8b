"""export-view-data --athena: the lake's named query through the workgroup, against Athena's real model."""

from __future__ import annotations

import io

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.cli.export_view_data import export_from_athena

QUERY = {
    "Name": "acme-answers-per-question-per-day",
    "Database": "acme_lake",
    "QueryString": "SELECT 1",
    "NamedQueryId": "q-1",
    "WorkGroup": "acme-analytics",
}


def _row(*values: str) -> dict:
    return {"Data": [{"VarCharValue": v} for v in values]}


def _athena(state: str = "SUCCEEDED") -> tuple[object, Stubber]:
    athena = boto3.client("athena", region_name="us-east-1")
    stub = Stubber(athena)
    stub.add_response("list_named_queries", {"NamedQueryIds": ["q-0", "q-1"]}, {"WorkGroup": "acme-analytics"})
    other = {**QUERY, "Name": "acme-vanity-per-area-code", "NamedQueryId": "q-0"}
    stub.add_response("get_named_query", {"NamedQuery": other}, {"NamedQueryId": "q-0"})
    stub.add_response("get_named_query", {"NamedQuery": QUERY}, {"NamedQueryId": "q-1"})
    stub.add_response(
        "start_query_execution",
        {"QueryExecutionId": "x-1"},
        {"QueryString": "SELECT 1", "QueryExecutionContext": {"Database": "acme_lake"}, "WorkGroup": "acme-analytics"},
    )
    stub.add_response(
        "get_query_execution", {"QueryExecution": {"Status": {"State": "RUNNING"}}}, {"QueryExecutionId": "x-1"}
    )
    stub.add_response(
        "get_query_execution",
        {"QueryExecution": {"Status": {"State": state, "StateChangeReason": "Query exhausted resources"}}},
        {"QueryExecutionId": "x-1"},
    )
    return athena, stub


def test_the_named_querys_rows_in_the_range_are_written_as_csv():
    athena, stub = _athena()
    stub.add_response(
        "get_query_results",
        {
            "ResultSet": {
                "Rows": [
                    _row("day", "question", "answer", "answers"),
                    _row("2026-03-03", "reason", "billing", "4"),
                    _row("2026-03-04", "reason", "fraud", "2"),
                ]
            }
        },
        {"QueryExecutionId": "x-1"},
    )
    out = io.StringIO()
    with stub:
        assert (
            export_from_athena(
                athena, "acme-analytics", "2026-03-04T00:00:00.000Z", "2026-03-04T23:59:59.999Z", out, poll_seconds=0
            )
            == 1
        )
    assert out.getvalue().splitlines() == ["day,question,answer,answers", "2026-03-04,reason,fraud,2"]


def test_a_failed_query_is_a_clear_error():
    athena, stub = _athena("FAILED")
    with stub, pytest.raises(SystemExit, match="x-1 FAILED: Query exhausted resources"):
        export_from_athena(athena, "acme-analytics", "2026-03-04", "2026-03-04", io.StringIO(), poll_seconds=0)


def test_moto_athena_accepts_every_request_the_export_makes(aws):
    # moto runs no SQL and answers with an empty result set: this checks the requests' shapes and order
    # against a second implementation of the API (the Stubber tests above check them against the model).
    athena = boto3.client("athena", region_name="us-east-1")
    athena.create_work_group(
        Name="acme-analytics", Configuration={"ResultConfiguration": {"OutputLocation": "s3://acme-lake/results/"}}
    )
    athena.create_named_query(
        Name=QUERY["Name"], Database=QUERY["Database"], QueryString=QUERY["QueryString"], WorkGroup="acme-analytics"
    )
    out = io.StringIO()
    assert export_from_athena(athena, "acme-analytics", "2026-03-01", "2026-03-31", out, poll_seconds=0) == 0
    assert out.getvalue() == ""

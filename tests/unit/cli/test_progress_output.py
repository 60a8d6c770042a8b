"""What each tool prints while it works: a progress line on standard error (done of total, a rate) where the
work grows with the data, one status line where it does not, and standard output left clean for the result.

Standard error is a pipe under pytest, so a progress bar prints once, as its final line.
"""

from __future__ import annotations

import json
import re

import boto3
from botocore.stub import Stubber

from connect_data.analytics.lake import LakeSettings, write_batch
from connect_data.cli import analytics, case_event_streams, contact_timeline, redrive, vanity
from tests.unit.analytics.streams import SOURCES, stream_record
from tests.unit.cli.scenario import TRANSFERRED, build


def _done_of_total(err: str, description: str, done: int, unit: str) -> None:
    """One final progress line: the description, ``done/done`` and a rate in ``unit`` per second."""
    [line] = [line for line in err.splitlines() if line.startswith(description)]
    assert f"{done}/{done}" in line and f"{unit}/s" in line, line


def test_contact_timeline_writes_its_page_and_says_where_in_one_line(aws, tmp_path, capsys):
    tables = build(boto3.client("dynamodb"))
    page = tmp_path / "timeline.html"
    argv = [TRANSFERRED, "--table", tables["status"], "--format", "html", "-o", str(page), "--region", "us-east-1"]
    assert contact_timeline.main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == f"wrote {page}\n" and captured.out == ""
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_contact_timeline_names_an_unknown_contact_in_one_error_line(aws, capsys):
    tables = build(boto3.client("dynamodb"))
    assert contact_timeline.main(["no-such-contact", "--table", tables["status"], "--region", "us-east-1"]) == 1
    assert capsys.readouterr().err == (
        f"contact-timeline: error: contact no-such-contact is not in table {tables['status']}\n"
    )


def test_vanity_shows_a_bar_over_several_numbers_and_prints_the_results_after_it(capsys):
    assert vanity.main(["+18003569377", "(415) 225-5669", "+12120101010", "--json"]) == 0
    captured = capsys.readouterr()
    _done_of_total(captured.err, "spelling", 3, "numbers")
    results = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["number"] for r in results] == ["+18003569377", "+14152255669", "+12120101010"]
    assert "FLOWERS" in " ".join(results[0]["vanity"]).upper()


def test_vanity_for_one_number_or_without_progress_prints_no_bar_and_a_bad_number_is_one_line(capsys):
    assert vanity.main(["+18003569377"]) == 0
    assert capsys.readouterr().err == ""
    assert vanity.main(["+18003569377", "12", "--no-progress"]) == 2
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert line.startswith("connect-data-vanity: 12: ") and captured.out.startswith("+18003569377: ")


def test_case_event_streams_lists_the_fields_as_an_aligned_table(monkeypatch, capsys):
    real_client = boto3.session.Session.client

    def client(self, name, *args, **kwargs):
        made = real_client(self, name, *args, **kwargs)
        stubber = Stubber(made)  # the real connectcases model validates the request and the response
        stubber.add_response(
            "list_fields",
            {
                "fields": [
                    {
                        "fieldId": "status",
                        "fieldArn": "arn:f1",
                        "name": "Status",
                        "type": "SingleSelect",
                        "namespace": "System",
                    },
                    {"fieldId": "a1b2c3", "fieldArn": "arn:f2", "name": "Order", "type": "Text", "namespace": "Custom"},
                ]
            },
            {"domainId": "d-1", "maxResults": 100},
        )
        stubber.activate()
        return made

    monkeypatch.setattr(boto3.session.Session, "client", client)
    assert case_event_streams.main(["list-fields", "--domain-id", "d-1", "--region", "us-east-1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == ["FIELD ID", "NAMESPACE", "TYPE", "NAME"]
    assert [re.split(r"\s{2,}", line) for line in lines[1:]] == [
        ["a1b2c3", "Custom", "Text", "Order"],
        ["status", "System", "SingleSelect", "Status"],
    ]


def test_redrive_counts_the_queue_with_a_bar_and_prints_only_the_outcome_on_standard_output(aws, capsys):
    sqs = boto3.client("sqs", region_name="us-east-1")
    url = sqs.create_queue(QueueName="demo-dlq")["QueueUrl"]
    target = {"TARGET_ARN": {"StringValue": "arn:aws:lambda:us-east-1:1:function:p", "DataType": "String"}}
    for n in range(3):  # EventBridge target dead letters: the event, the target in an attribute
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"detail": {"n": n}}), MessageAttributes=target)
    assert redrive.main(["demo-dlq", "--dry-run", "--region", "us-east-1"]) == 0
    captured = capsys.readouterr()
    _done_of_total(captured.err, "dry run", 3, "messages")
    assert json.loads(captured.out) == {"would invoke arn:aws:lambda:us-east-1:1:function:p": 3}


def test_analytics_shows_the_copy_and_the_queries_with_totals(aws, tmp_path, capsys):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="lake")
    vanity_rows = [
        stream_record("vanity", n, {"PhoneNumber": f"+1800356937{n}", "Vanity": ["800-FLOWERS"]}) for n in (1, 2)
    ]
    write_batch(s3, vanity_rows, LakeSettings(bucket="lake", prefix="lake/", sources=SOURCES))
    argv = [str(tmp_path), "--bucket", "lake", "--query", "vanity_per_area_code", "--region", "us-east-1"]
    assert analytics.main(argv) == 0
    captured = capsys.readouterr()
    _done_of_total(captured.err, "copying s3://lake/lake/", 1, "objects")
    _done_of_total(captured.err, "running queries on DuckDB", 1, "queries")
    assert "copied 1 objects from s3://lake/lake/" in captured.err
    assert captured.out.startswith("== vanity_per_area_code")


def test_analytics_without_progress_prints_no_bar(aws, tmp_path, capsys):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="lake")
    assert analytics.main([str(tmp_path), "--bucket", "lake", "--no-progress", "--region", "us-east-1"]) == 0
    assert capsys.readouterr().err == "copied 0 objects from s3://lake/lake/\n"

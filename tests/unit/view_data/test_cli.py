"""The command-line tools against a view data table on moto."""

from __future__ import annotations

import csv
import io
import json
import threading
from typing import Any

import boto3
import pytest

from connect_data.cli import export_view_data, update_table_attributes
from tests.unit.view_data.conftest import VIEW_TABLE, create_tables


def put(dynamodb: Any, contact_id: str, updated_at: str, answers: dict[str, Any], questions: dict[str, str]) -> None:
    from connect_data.common.dynamo import to_item

    dynamodb.put_item(
        TableName=VIEW_TABLE,
        Item=to_item(
            {
                "InitialContactId": contact_id,
                "UpdatedAt": updated_at,
                "CreatedAt": updated_at,
                "Channel": "VOICE",
                "AgentName": "Ana Agent",
                "Answers": answers,
                "Questions": questions,
            }
        ),
    )


@pytest.fixture
def table(aws: None) -> Any:
    dynamodb = boto3.client("dynamodb")
    create_tables(dynamodb)
    put(
        dynamodb,
        "c-1",
        "2026-03-01T10:00:00.000Z",
        {"reason": "Billing", "score": 4.5},
        {"reason_Question": "Why?", "score_Question": "Score"},
    )
    put(dynamodb, "c-2", "2026-03-02T10:00:00.000Z", {"reason": "Fraud", "extras": "A, B"}, {"reason_Question": "Why?"})
    put(dynamodb, "c-3", "2026-04-01T10:00:00.000Z", {"reason": "Late"}, {"reason_Question": "Why?"})
    return dynamodb


def item(dynamodb: Any, contact_id: str) -> dict[str, Any]:
    from connect_data.common.dynamo import from_item

    return from_item(dynamodb.get_item(TableName=VIEW_TABLE, Key={"InitialContactId": {"S": contact_id}})["Item"])


@pytest.mark.parametrize("tool", [update_table_attributes, export_view_data])
def test_tools_have_help_region_and_profile(tool, capsys):
    with pytest.raises(SystemExit) as exit_info:
        tool.main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and "--region" in out and "--profile" in out


def test_update_dry_run_prints_each_change_and_writes_nothing(table, capsys):
    code = update_table_attributes.main(
        ["--table", VIEW_TABLE, "--set", "Questions.reason_Question=Reason for the call", "--no-progress"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("would change InitialContactId=") == 3
    assert '  Questions.reason_Question: "Why?" -> "Reason for the call"' in out
    assert "scanned 3, would change 3" in out
    assert item(table, "c-1")["Questions"]["reason_Question"] == "Why?"


def test_update_apply_writes_overrides_from_a_file_and_from_set(table, tmp_path, capsys):
    overrides = tmp_path / "labels.json"
    overrides.write_text(json.dumps({"Questions.score_Question": "Satisfaction (1-5)"}))
    code = update_table_attributes.main(
        ["--table", VIEW_TABLE, "--file", str(overrides), "--set", "AgentName=Ana A.", "--apply", "--segments", "2"]
    )
    assert code == 0
    first = item(table, "c-1")
    assert first["Questions"] == {"reason_Question": "Why?", "score_Question": "Satisfaction (1-5)"}
    assert first["AgentName"] == "Ana A." and item(table, "c-3")["AgentName"] == "Ana A."
    assert "score_Question" not in item(table, "c-2")["Questions"]  # only items that have it
    assert "scanned 3, changed 3" in capsys.readouterr().out


def test_an_item_changed_meanwhile_is_reported_not_overwritten(table, capsys):
    tool_client = boto3.client("dynamodb")
    edited = threading.Event()

    def another_writer_edits_c2_first(params, **_):
        # Fires as the tool is about to write c-2: someone else changes that item in between.
        if params["Key"]["InitialContactId"]["S"] == "c-2" and not edited.is_set():
            edited.set()
            table.update_item(
                TableName=VIEW_TABLE,
                Key=params["Key"],
                UpdateExpression="SET AgentName = :v",
                ExpressionAttributeValues={":v": {"S": "Someone else"}},
            )

    tool_client.meta.events.register("before-parameter-build.dynamodb.UpdateItem", another_writer_edits_c2_first)
    totals = update_table_attributes.run(tool_client, VIEW_TABLE, {"AgentName": "Ana A."}, apply=True, segments=1)
    out = capsys.readouterr().out
    assert (totals.updated, totals.conflicts) == (2, 1)
    assert 'SKIPPED InitialContactId="c-2": changed since it was read' in out
    assert item(table, "c-2")["AgentName"] == "Someone else" and item(table, "c-1")["AgentName"] == "Ana A."


def test_update_refuses_to_change_the_key(table, capsys):
    assert update_table_attributes.main(["--table", VIEW_TABLE, "--set", "InitialContactId=x"]) == 2
    assert "key attributes cannot be changed" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--set", "novalue"], [], ["--set", "a=b", "--segments", "0"]])
def test_update_rejects_bad_arguments(table, argv):
    with pytest.raises(SystemExit) as exit_info:
        update_table_attributes.main(["--table", VIEW_TABLE, *argv])
    assert exit_info.value.code == 2


def test_update_shows_progress_with_total_and_rate_on_stderr(table, capsys):
    update_table_attributes.main(["--table", VIEW_TABLE, "--set", "AgentName=x"])
    err = capsys.readouterr().err
    # moto publishes ItemCount at once, so the estimate is the real total here.
    assert "scanning" in err and "3/3" in err and "items/s" in err and "matching 3" in err


def test_export_shows_both_scans_as_progress_and_a_count(table, capsys):
    export_view_data.main(["--table", VIEW_TABLE, "--from", "2026-03-01", "--to", "2026-03-31"])
    err = capsys.readouterr().err
    assert "reading question keys" in err and "exporting" in err and "3/3" in err and "items/s" in err
    assert err.rstrip().endswith("exported 2 items")


def test_export_writes_numbers_exactly_as_stored(table, capsys):
    # Digits a float cannot hold: 17 significant digits and a long fraction.
    exact = {"InitialContactId": {"S": "c-9"}, "UpdatedAt": {"S": "2026-03-05T00:00:00.000Z"}}
    exact["Answers"] = {"M": {"amount": {"N": "12345678901234567.891"}, "tiny": {"N": "0.1000000000000000055511"}}}
    table.put_item(TableName=VIEW_TABLE, Item=exact)
    window = ["--from", "2026-03-05", "--to", "2026-03-05", "--no-progress"]
    assert export_view_data.main(["--table", VIEW_TABLE, *window, "--format", "jsonl"]) == 0
    line = capsys.readouterr().out.strip()
    assert '"amount": 12345678901234567.891' in line and '"tiny": 0.1000000000000000055511' in line
    assert json.loads(line)["InitialContactId"] == "c-9"
    assert export_view_data.main(["--table", VIEW_TABLE, *window]) == 0
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["amount"] == "12345678901234567.891" and row["tiny"] == "0.1000000000000000055511"


def test_export_csv_has_one_column_per_answer_key_in_the_range(table, capsys):
    assert export_view_data.main(["--table", VIEW_TABLE, "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["InitialContactId"] for r in rows) == ["c-1", "c-2"]
    by_id = {r["InitialContactId"]: r for r in rows}
    assert by_id["c-1"]["reason"] == "Billing" and by_id["c-1"]["score"] == "4.5" and by_id["c-1"]["extras"] == ""
    assert by_id["c-2"]["extras"] == "A, B" and by_id["c-2"]["AgentName"] == "Ana Agent"


def test_export_csv_can_head_answer_columns_with_question_texts(table, capsys):
    export_view_data.main(["--table", VIEW_TABLE, "--from", "2026-03-01", "--to", "2026-03-31", "--header", "question"])
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert header[-3:] == ["extras", "Why?", "Score"]


def test_export_jsonl_streams_whole_items_to_a_file(table, tmp_path):
    target = tmp_path / "out.jsonl"
    args = ["--table", VIEW_TABLE, "--from", "2026-04-01T00:00:00+02:00", "--to", "2026-04-02", "--format", "jsonl"]
    assert export_view_data.main([*args, "-o", str(target)]) == 0
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["InitialContactId"] for line in lines] == ["c-3"] and lines[0]["Answers"] == {"reason": "Late"}


@pytest.mark.parametrize(
    "bounds", [["--from", "yesterday", "--to", "2026-01-01"], ["--from", "2026-02-01", "--to", "2026-01-01"]]
)
def test_export_rejects_bad_ranges(table, bounds):
    with pytest.raises(SystemExit) as exit_info:
        export_view_data.main(["--table", VIEW_TABLE, *bounds])
    assert exit_info.value.code == 2

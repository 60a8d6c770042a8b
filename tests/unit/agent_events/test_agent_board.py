"""agent-board: the processor's items as terminal and HTML boards."""

from __future__ import annotations

from rich.console import Console

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from connect_data.cli.agent_board import board_row, duration, load_board, main, render_html, render_terminal
from tests.unit.agent_events.conftest import AGENTS, agent_event, kinesis_record

AT = 1558810527017  # 2019-05-25T18:55:27.017Z, the events' time


def _fill(dynamodb):
    events = [
        agent_event(agent="ada", event_id="1", contacts=[("c1", "CONNECTED")]),
        agent_event(agent="bob", event_id="2", contacts=[("c2", "ENDED")]),
        agent_event(agent="cy", event_id="3", status="Lunch"),
        agent_event(agent="di", event_id="4", status="Offline"),
        agent_event(agent="<script>", event_id="5", status="Available"),
    ]
    records = [kinesis_record(e, f"{i}") for i, e in enumerate(events)]
    assert process_batch(records, dynamodb, None, ProcessorSettings(store=StoreSettings(AGENTS))).response() == {
        "batchItemFailures": []
    }


def test_rows_say_what_each_agent_is_doing_offline_last(dynamodb):
    _fill(dynamodb)
    rows = load_board(dynamodb, AGENTS)
    assert [(r.username, r.activity) for r in rows] == [
        ("bob", "After contact work"),
        ("<script>", "Available"),
        ("cy", "Lunch"),
        ("ada", "On contact"),
        ("di", "Offline"),
    ]
    ada = next(r for r in rows if r.username == "ada")
    assert ada.contacts == (("c1", "CONNECTED", "VOICE"),) and ada.since_ms == AT
    assert ada.routing_profile == "Basic Routing Profile" and ada.name == "Ada Lovelace"


def test_time_in_state_reads_like_a_clock():
    assert duration(AT, AT + 65_000) == "1:05"
    assert duration(AT, AT + 3_725_000) == "1:02:05"
    assert duration(None, AT) == "-"


def test_a_custom_status_is_dated_by_the_status_start():
    row = board_row({"Username": "x", "StatusName": "Break", "StatusStartAt": 5, "Contacts": {}})
    assert (row.activity, row.since_ms) == ("Break", 5)


def test_the_html_page_is_self_contained_coloured_and_escaped(dynamodb):
    _fill(dynamodb)
    page = render_html(load_board(dynamodb, AGENTS), AT + 90_000, refresh_seconds=5)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "&lt;script&gt;" in page
    assert 'content="5"' in page and "src=" not in page and "href=" not in page
    assert '<span class="state" style="background:#1f6feb">On contact</span>' in page
    assert page.count("<tr>") == 6 and "1:30" in page


def test_the_terminal_table_lists_every_agent(dynamodb):
    _fill(dynamodb)
    console = Console(record=True, width=160)
    console.print(render_terminal(load_board(dynamodb, AGENTS), AT + 1000))
    text = console.export_text()
    assert "Agents (5)" in text and "After contact work" in text and "c1 CONNECTED VOICE" in text


def test_main_prints_the_board_and_writes_the_page(dynamodb, tmp_path, capsys):
    _fill(dynamodb)
    page = tmp_path / "board.html"
    assert main(["--table", AGENTS, "--html", str(page), "--region", "us-east-1"]) == 0
    assert "Agents (5)" in capsys.readouterr().out and "Lunch" in page.read_text()


def test_watch_refuses_zero_seconds(capsys):
    assert main(["--table", AGENTS, "--watch", "0"]) == 2
    assert "--watch" in capsys.readouterr().err


def test_main_reads_the_table_with_a_progress_line_on_standard_error(dynamodb, capsys):
    _fill(dynamodb)
    scanned = dynamodb.scan(TableName=AGENTS, Select="COUNT")["Count"]  # current items and history entries
    assert main(["--table", AGENTS, "--region", "us-east-1"]) == 0
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert line.startswith("reading agents") and f"{scanned}/{scanned}" in line and "items/s" in line
    assert "Agents (5)" in captured.out
    assert main(["--table", AGENTS, "--region", "us-east-1", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""

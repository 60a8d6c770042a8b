"""The timeline tool against items the processor built from the real fixtures."""

from __future__ import annotations

import json

import pytest

from connect_data.cli.contact_timeline import main
from connect_data.contact_status.processor import process_delivery
from tests.support import load_event
from tests.unit.contact_status.conftest import SETTINGS, TABLE, delivery, real_contact_events, real_flow_log_events

WITH_AGENT = "edfcdfa6-358e-4594-981a-adeab87a8cc5"
TRANSFERRED = "a56502b2-8565-4227-989a-fa783a6d8dfd"


@pytest.fixture
def replayed(status_table):
    for event in real_contact_events():
        process_delivery(status_table, SETTINGS, event)
    process_delivery(status_table, SETTINGS, delivery(real_flow_log_events()))
    return status_table


def test_text_view_shows_the_contact_and_its_transfer_in_time_order(replayed, capsys):
    assert main([TRANSFERRED, "--table", TABLE, "--region", "us-east-1"]) == 0
    out = capsys.readouterr().out
    assert f"contact {WITH_AGENT}" in out and f"contact {TRANSFERRED}" in out
    friendly = out.split("== friendly view ==")[1].split("== technical view ==")[0]
    assert friendly.index("CHAT contact started (API)") < friendly.index("entered flow Default customer queue")
    assert friendly.index("connected to agent d3e3b92c") < friendly.index("entered flow Default queue transfer")
    assert 'heard "Now transferring."' in friendly
    assert f"transferred to {TRANSFERRED}" in out


def test_technical_view_shows_lambda_results_with_duration_and_errors(status_table, capsys):
    success = load_event("contact_status/contact_flow_log_invoke_lambda_success.json")
    error = dict(
        load_event("contact_status/contact_flow_log_invoke_lambda_error.json"), Timestamp="2024-05-04T22:28:31.000Z"
    )
    nxt = {
        "ContactId": success["ContactId"],
        "ContactFlowModuleType": "SetAttributes",
        "ContactFlowName": "Sample Flow name",
        "Parameters": {"tier": "Gold"},
        "Timestamp": "2024-05-04T22:28:31.250Z",
    }
    events = [{"id": str(i), "timestamp": 1, "message": json.dumps(r)} for i, r in enumerate([success, error, nxt])]
    process_delivery(status_table, SETTINGS, delivery(events))
    assert main([success["ContactId"], "--table", TABLE]) == 0
    technical = capsys.readouterr().out.split("== technical view ==")[1]
    assert "InvokeExternalResource: Lambda ... in 526 ms -> {'customerName': 'Arnav Desai'" in technical
    assert "ERROR Sample Flow name / InvokeExternalResource" in technical
    assert "set tier=Gold" in technical


def test_html_page_is_self_contained(replayed, tmp_path):
    page = tmp_path / "timeline.html"
    assert main([WITH_AGENT, "--table", TABLE, "--format", "html", "-o", str(page)]) == 0
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text and "http" not in text.replace("http-equiv", "")
    assert "Friendly view" in text and "Technical view" in text and "Default customer queue" in text


def test_unknown_contact_exits_non_zero(status_table, capsys):
    assert main(["nope", "--table", TABLE]) == 1
    assert "not in table" in capsys.readouterr().err


def test_help_names_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--region" in out and "--profile" in out and "--format" in out

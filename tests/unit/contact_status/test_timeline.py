"""The timeline tool against items the processor built from the real fixtures."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.cli.contact_timeline import main
from connect_data.contact_status.processor import process_delivery
from tests.support import load_event
from tests.unit.contact_status.conftest import (
    HISTORY_TABLE,
    SETTINGS,
    TABLE,
    delivery,
    real_contact_events,
    real_flow_log_events,
)

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


def _flow_logs(status_table, records):
    events = [{"id": str(i), "timestamp": 1, "message": json.dumps(r)} for i, r in enumerate(records)]
    process_delivery(status_table, SETTINGS, delivery(events))


def test_technical_view_shows_lambda_results_and_errors_but_no_made_up_duration(status_table, capsys):
    success = load_event("contact_status/contact_flow_log_invoke_lambda_success.json")
    error = dict(
        load_event("contact_status/contact_flow_log_invoke_lambda_error.json"), Timestamp="2024-05-04T22:28:31.000Z"
    )
    nxt = {
        "ContactId": success["ContactId"],
        "ContactFlowModuleType": "SetAttributes",
        "ContactFlowName": "Sample Flow name",
        "Parameters": {"tier": "Gold"},
        "Timestamp": "2024-05-04T22:28:49.250Z",
    }
    _flow_logs(status_table, [success, error, nxt])
    assert main([success["ContactId"], "--table", TABLE]) == 0
    technical = capsys.readouterr().out.split("== technical view ==")[1]
    assert "InvokeExternalResource: Lambda ... (time limit 3000 ms) -> {'customerName': 'Arnav Desai'" in technical
    # A flow log has no Lambda duration; the 18 s until the next block were not the Lambda's.
    assert " ms ->" not in technical.replace("3000 ms) ->", "") and "18" not in technical.split("SetAttributes")[0]
    assert "ERROR Sample Flow name / InvokeExternalResource" in technical
    assert "set tier=Gold" in technical


def test_friendly_view_shows_the_option_the_caller_chose(status_table, capsys):
    contact = "11111111-0000-4000-8000-000000000001"
    base = {"ContactId": contact, "ContactFlowName": "Main menu"}
    _flow_logs(
        status_table,
        [
            {
                **base,
                "ContactFlowModuleType": "GetUserInput",
                "Parameters": {"Text": "For sales, press 1."},
                "Timestamp": "2024-05-04T22:28:30.000Z",
            },
            {**base, "ContactFlowModuleType": "GetUserInput", "Results": "1", "Timestamp": "2024-05-04T22:28:33.000Z"},
        ],
    )
    assert main([contact, "--table", TABLE]) == 0
    friendly = capsys.readouterr().out.split("== friendly view ==")[1].split("== technical view ==")[0]
    assert friendly.index('heard "For sales, press 1."') < friendly.index("chose 1")


def test_numbers_in_attributes_prompts_and_custom_attributes_are_masked_unless_asked(status_table, capsys):
    from connect_data.common.flow import FlowEvent
    from connect_data.contact_status.record import record_attributes
    from tests.support import flow_event

    contact = "11111111-0000-4000-8000-000000000002"
    base = {"ContactId": contact, "ContactFlowName": "Main menu", "Timestamp": "2024-05-04T22:28:30.000Z"}
    _flow_logs(
        status_table,
        [
            {**base, "ContactFlowModuleType": "SetAttributes", "Parameters": {"callback": "+1 (415) 555-0123"}},
            {
                **base,
                "ContactFlowModuleType": "PlayPrompt",
                "Parameters": {"Text": "We will call +14155550123."},
                "Timestamp": "2024-05-04T22:28:31.000Z",
            },
        ],
    )
    event = FlowEvent.parse(flow_event(contact_id=contact, parameters={"altPhone": "+442079460000"}))
    record_attributes(status_table, TABLE, event)
    assert main([contact, "--table", TABLE]) == 0
    masked = capsys.readouterr().out
    for clear in ("555-0123", "4155550123", "2079460000", "4155550100"):
        assert clear not in masked
    assert "callback=+1********23" in masked and "altPhone=+4*********00" in masked
    assert main([contact, "--table", TABLE, "--show-numbers"]) == 0
    shown = capsys.readouterr().out
    assert "callback=+1 (415) 555-0123" in shown and "altPhone=+442079460000" in shown and "+14155550123" in shown


def test_lanes_of_the_transferred_chat(replayed):
    from connect_data.cli.contact_timeline import related_items
    from connect_data.contact_status.timeline import lanes

    drawn = lanes(related_items(replayed, TABLE, TRANSFERRED))
    assert [lane.contact_id for lane in drawn] == [WITH_AGENT, TRANSFERRED]
    first, second = drawn
    assert second.linked_from == WITH_AGENT and second.title == "Chat contact (transfer)"
    kinds = {bar.kind: bar for bar in first.bars if bar.kind != "flow"}
    # Queued 16:33:29.156, connected to an agent 16:34:06.160 (both from the contact events).
    assert kinds["queue"].end_ms - kinds["queue"].start_ms == 37_004
    assert kinds["agent"].end_ms is None  # no end in the data: drawn open, no duration
    assert [b.label for b in first.bars if b.kind == "flow"] == ["ContactLens", "Default customer queue"]
    assert any(m.kind == "error" and m.text == "no valid option" for m in first.marks)
    assert next(m.text for m in second.marks if m.kind == "prompt") == 'heard "Now transferring."'


def test_html_page_draws_one_lane_per_contact_and_is_self_contained(replayed, tmp_path):
    page = tmp_path / "timeline.html"
    assert main([WITH_AGENT, "--table", TABLE, "--format", "html", "-o", str(page)]) == 0
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text and "http" not in text.replace("http-equiv", "")
    assert text.count('class="lane-block"') == 2 and f'data-lane="{TRANSFERRED}"' in text
    assert 'class="bar queue"' in text and 'class="bar agent open"' in text and "Technical details" in text


def test_the_history_comes_from_the_pages_bounded_to_the_newest_entries_with_a_count_of_the_rest(replayed, capsys):
    from connect_data.cli.contact_timeline import related_items
    from connect_data.contact_status.history import sorted_history

    full = {i["ContactId"]: i for i in related_items(replayed, TABLE, TRANSFERRED)}
    bounded = {i["ContactId"]: i for i in related_items(replayed, TABLE, TRANSFERRED, HISTORY_TABLE, max_entries=3)}
    assert set(full) == set(bounded) == {WITH_AGENT, TRANSFERRED}
    for contact, item in full.items():
        newest = sorted_history(item["History"])[-3:]
        assert sorted_history(bounded[contact]["History"]) == newest and "HistoryDropped" not in item
        assert bounded[contact]["HistoryDropped"] == len(item["History"]) - 3
        assert bounded[contact]["HistoryDroppedBefore"] == sorted_history(item["History"])[-4]["t"]
    assert main([TRANSFERRED, "--table", TABLE, "--history-table", HISTORY_TABLE, "--max-entries", "3"]) == 0
    dropped = len(full[TRANSFERRED]["History"]) - 3
    assert f"{dropped} older entries left out" in capsys.readouterr().out


def test_unknown_contact_exits_non_zero(status_table, capsys):
    assert main(["nope", "--table", TABLE]) == 1
    assert "not in table" in capsys.readouterr().err


def test_help_names_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--region" in out and "--profile" in out and "--format" in out


@given(
    number=st.from_regex(r"(\+?1[ .-]?)?\(?[2-9][0-9]{2}\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}", fullmatch=True),
    before=st.sampled_from(["", "call ", "tel=", "number: ", "("]),
    after=st.sampled_from(["", ".", " now", ")", ", thanks"]),
)
def test_any_written_form_of_a_number_is_masked(number, before, after):
    from connect_data.contact_status.timeline import mask_numbers

    digits = "".join(c for c in number if c.isdigit())
    masked = mask_numbers(before + number + after)
    assert digits[-7:-2] not in "".join(c for c in masked if c.isdigit())
    assert masked.startswith(before) and masked.endswith(after)

"""The pages people open, rendered in a real browser (Debian's headless Chromium): no console errors, the
expected lanes and sections, a screenshot of the size asked for."""

from __future__ import annotations

import re
import time

import boto3
import pytest

from connect_data.cli import contact_360
from connect_data.cli.contact_timeline import related_items
from connect_data.common.dynamo import from_item
from connect_data.render.contact_page import render_contact_page
from connect_data.render.timeline_page import render_timeline_page
from devtools.browser import chromium, render
from tests.unit.cli.scenario import TRANSFERRED, WITH_AGENT, build

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed and could not be (.ci/run runs apt-get install chromium)"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from moto import mock_aws

    folder = tmp_path_factory.mktemp("pages")
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        tables = build(dynamodb)
        timeline = folder / "timeline.html"
        items = related_items(dynamodb, tables["status"], TRANSFERRED, tables["history"])
        timeline.write_text(render_timeline_page(items))
        found = contact_360.gather(dynamodb, TRANSFERRED, tables, show_progress=False)
        contact = folder / "contact.html"
        contact.write_text(render_contact_page(found))
        held = from_item(dynamodb.get_item(TableName=tables["status"], Key={"ContactId": {"S": WITH_AGENT}})["Item"])
    return {"timeline": timeline, "contact": contact, "held": held}


def _bar_widths(dom: str, lane: str, kind: str) -> list[float]:
    """The widths (percent of the track) of a lane's bars of one kind, as the browser's DOM has them."""
    block = dom[dom.index(f'data-lane="{lane}"') :]
    block = block[: block.index('class="lane-block"')] if 'class="lane-block"' in block else block
    return [float(w) for w in re.findall(rf'data-kind="{kind}" style="left:[\d.]+%;width:([\d.]+)%"', block)]


def test_the_hold_from_the_agent_events_is_drawn_to_scale_on_the_agents_lane(pages, tmp_path):
    held = pages["held"]
    shot = render(pages["timeline"], tmp_path / "hold.png", width=1240, height=900)
    assert shot.console == []
    [hold] = _bar_widths(shot.dom, WITH_AGENT, "hold")
    [queue] = _bar_widths(shot.dom, WITH_AGENT, "queue")  # a closed bar on the same scale: queued to answered
    [start], [end] = held["HoldStartedAt"], held["HoldEndedAt"]
    in_queue = int(held["ConnectedToAgentAt"]) - int(held["EnqueuedAt"])
    assert end - start == 30_000
    assert hold == pytest.approx(queue * 30_000 / in_queue, abs=0.01)
    assert "on hold · 30 s" in shot.dom
    assert _bar_widths(shot.dom, TRANSFERRED, "hold") == []


def test_the_timeline_of_a_transferred_chat_renders_its_two_lanes(pages, tmp_path):
    started = time.monotonic()
    shot = render(pages["timeline"], tmp_path / "timeline.png", width=1240, height=900)
    took = time.monotonic() - started
    assert shot.console == []
    assert shot.dom.count('class="lane-block"') == 2
    assert shot.dom.index(f'data-lane="{WITH_AGENT}"') < shot.dom.index(f'data-lane="{TRANSFERRED}"')
    for kind in ("flow", "queue", "agent"):
        assert f'data-kind="{kind}"' in shot.dom
    assert (shot.width, shot.height) == (1240, 900) and shot.screenshot.stat().st_size > 20_000
    assert took < 30, f"one page took {took:.1f} s in Chromium"


def test_the_contact_page_renders_every_section(pages, tmp_path):
    shot = render(pages["contact"], tmp_path / "contact.png", width=1240, height=1800)
    assert shot.console == []
    for section in ("status", "view_data", "cases", "customer_lookup", "vanity_numbers"):
        assert f'data-section="{section}"' in shot.dom
    assert shot.dom.count('class="lane-block"') == 2


def test_a_console_error_would_be_caught(tmp_path):
    """The check itself: a page with a failing script reports its console message."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>missingFunction()</script></body></html>")
    assert any("missingFunction" in line for line in render(page, tmp_path / "broken.png").console)

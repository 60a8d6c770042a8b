"""contact-360 against every capability's table on moto: each section found, named by its source, masked."""

from __future__ import annotations

import boto3
import pytest

from connect_data.cli import contact_360
from tests.unit.cli.scenario import CALLER, CASE, TRANSFERRED, WITH_AGENT, build


@pytest.fixture
def tables(aws):
    return build(boto3.client("dynamodb"))


def _argv(tables, page, *extra):
    names = [f"--{name}-table={table}" for name, table in tables.items()]
    return [TRANSFERRED, *names, "-o", str(page), "--region", "us-east-1", *extra]


def test_gather_finds_every_section_of_the_transferred_chat(tables):
    found = contact_360.gather(boto3.client("dynamodb"), TRANSFERRED, tables, show_progress=False)
    assert [c["ContactId"] for c in found.contacts] == [WITH_AGENT, TRANSFERRED]
    # Each contact's history comes from its pages in the history table (the status item holds none).
    assert all(c["History"] for c in found.contacts)
    assert found.sections["status"].source.endswith(f"; history pages in {tables['history']}")
    view = found.sections["view_data"]
    assert view.source == f"view data table view-data, InitialContactId = {WITH_AGENT}"
    questions = {row["question"]: row["answer"] for row in view.data["answers"]}
    assert questions["Why did the customer call?"] == "Billing question" and questions["Satisfaction (1-5)"] == 4.5
    cases = found.sections["cases"].data
    assert [c["caseId"] for c in cases] == [CASE] and cases[0]["status"] == "open"  # case-other is not linked
    assert found.sections["customer_lookup"].data["profile"]["FirstName"] == "Ana"
    vanity = found.sections["vanity_numbers"].data
    assert vanity["offeredOnThisContact"] is True and "800-FLOWERS" in vanity["vanity"]


def test_page_names_each_source_and_masks_numbers_unless_asked(tables, tmp_path, capsys):
    page = tmp_path / "contact.html"
    assert contact_360.main(_argv(tables, page)) == 0
    text = page.read_text()
    for section in ("status", "view_data", "cases", "customer_lookup", "vanity_numbers"):
        assert f'data-section="{section}"' in text
    assert text.count("Source: ") == 5 and "Why did the customer call?" in text and CASE in text
    assert "3569377" not in text.replace("800-FLOWERS", "") and "+1********77" in text
    assert "<script" not in text and 'class="lane-block"' in text
    err = capsys.readouterr().err
    assert "scanning cases" in err and "/s" in err and f"wrote {page}" in err
    assert contact_360.main(_argv(tables, page, "--show-numbers", "--no-progress")) == 0
    assert CALLER in page.read_text() and "scanning" not in capsys.readouterr().err


def test_a_capability_not_deployed_is_a_note_not_a_failure(tables, tmp_path):
    page = tmp_path / "contact.html"
    assert contact_360.main([*_argv(tables, page), "--vanity-table", "nope", "--skip", "cases"]) == 0
    text = page.read_text()
    assert "table nope not found (--skip vanity_numbers)" in text and 'data-section="cases"' not in text


def test_the_history_table_follows_the_status_table_unless_named():
    def names(*argv):
        return contact_360.table_names(contact_360.build_parser().parse_args(["c", *argv]))

    assert names()["history"] == "connect-data-contact-history"
    assert names("--name-prefix", "acme")["history"] == "acme-contact-history"
    assert names("--status-table", "other-contact-status")["history"] == "other-contact-history"
    assert names("--status-table", "other-contact-status", "--history-table", "h")["history"] == "h"


def test_unknown_contact_exits_non_zero(tables, tmp_path, capsys):
    assert contact_360.main(["nope", "--status-table", tables["status"], "-o", str(tmp_path / "x.html")]) == 1
    assert "contact nope is not in table" in capsys.readouterr().err

"""The shared pieces every tool uses: progress lines, the one-line explanations, help text without markup."""

from __future__ import annotations

import io

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, NoRegionError

from connect_data.cli._console import clear_errors, explain, help_text, progress


def _client_error(code: str, message: str = "m") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, "Scan")


def test_progress_with_a_total_prints_done_of_total_and_a_rate_once_when_not_a_terminal():
    out = io.StringIO()
    with progress("scanning", total=40, stream=out) as bar:
        for _ in range(50):  # ItemCount lags: more items than the estimate
            bar.advance()
        bar.note("matching 7")
    text = out.getvalue()
    assert "scanning" in text and "50/50" in text and "items/s" in text and "matching 7" in text
    assert text.count("\n") == 1  # one final line in a log, not 50 redraws


def test_progress_without_a_total_counts_and_disabled_progress_prints_nothing():
    out = io.StringIO()
    with progress("reading", stream=out, unit="messages") as bar:
        bar.advance(1234)
    assert "1,234 messages" in out.getvalue() and "messages/s" in out.getvalue()
    silent = io.StringIO()
    with progress("reading", total=3, stream=silent, enabled=False) as bar:
        bar.advance(3)
    assert silent.getvalue() == "" and bar.completed == 3


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_client_error("ThrottlingException"), "AWS is throttling these requests (Scan: ThrottlingException)"),
        (_client_error("ResourceNotFoundException", "Requested resource not found"), "not found (Scan:"),
        (_client_error("ExpiredTokenException", "expired"), "AWS refused these credentials"),
        (_client_error("ValidationException", "bad\nvalue"), "Scan: ValidationException: bad value"),
        (NoRegionError(), "no AWS region set - pass --region"),
        (EndpointConnectionError(endpoint_url="http://x"), "cannot reach AWS"),
    ],
)
def test_explain_gives_one_line_with_what_to_do(error, expected):
    line = explain(error)
    assert expected in line and "\n" not in line


def test_clear_errors_turns_an_aws_error_and_ctrl_c_into_a_line_and_an_exit_code():
    err = io.StringIO()

    @clear_errors("tool", stream=lambda: err)
    def throttled() -> int:
        raise _client_error("ProvisionedThroughputExceededException")

    @clear_errors("tool", stream=lambda: err)
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert throttled() == 1 and interrupted() == 130
    assert err.getvalue().splitlines()[0].startswith("tool: error: AWS is throttling")
    assert err.getvalue().splitlines()[1] == "tool: interrupted"


def test_help_text_drops_rst_backticks_and_joins_the_first_paragraph():
    doc = """``tool ID``: does `one` thing
    across lines.

    Details nobody needs in --help."""
    assert help_text(doc) == "tool ID: does one thing across lines."

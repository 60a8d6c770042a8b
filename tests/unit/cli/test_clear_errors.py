"""Every command-line tool answers the errors people meet with one clear line and a non-zero exit.

Unknown profile and missing credentials come from botocore's own credential chain (empty config files, no
instance metadata); a missing table from moto; throttling from botocore's Stubber on the tool's first call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.cli import (
    agent_board,
    analytics,
    case_event_streams,
    contact_360,
    contact_timeline,
    export_view_data,
    redrive,
    update_table_attributes,
    vanity,
)


def _tools(tmp_path: Any) -> dict[str, tuple[Callable[..., int], list[str], str, str]]:
    """tool name -> (main, argv, service of its first call, its first operation)."""
    page = str(tmp_path / "page.html")
    return {
        "contact-timeline": (contact_timeline.main, ["c-1", "--table", "missing"], "dynamodb", "get_item"),
        "contact-360": (contact_360.main, ["c-1", "--status-table", "missing", "-o", page], "dynamodb", "get_item"),
        "export-view-data": (
            export_view_data.main,
            ["--table", "missing", "--from", "2026-01-01", "--to", "2026-01-02"],
            "dynamodb",
            "describe_table",
        ),
        "update-table-attributes": (
            update_table_attributes.main,
            ["--table", "missing", "--set", "a=b"],
            "dynamodb",
            "describe_table",
        ),
        "connect-data-vanity": (vanity.main, ["--table", "missing", "+18003569377"], "dynamodb", "get_item"),
        "case-event-streams": (
            case_event_streams.main,
            ["list-fields", "--domain-id", "missing"],
            "connectcases",
            "list_fields",
        ),
        "redrive": (redrive.main, ["missing-dlq", "--dry-run"], "sqs", "get_queue_url"),
        "agent-board": (agent_board.main, ["--table", "missing"], "dynamodb", "describe_table"),
        "analytics": (analytics.main, [str(tmp_path), "--bucket", "missing"], "s3", "list_objects_v2"),
    }


TOOLS = list(_tools(Path(".")))


def _one_error_line(capsys: pytest.CaptureFixture[str], tool: str) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1 and lines[0].startswith(f"{tool}: error: "), err
    return lines[0]


@pytest.fixture
def no_aws_config(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.mark.parametrize("tool", TOOLS)
def test_unknown_profile_is_one_line(tool, tmp_path, no_aws_config, capsys):
    main, argv, _, _ = _tools(tmp_path)[tool]
    assert main([*argv, "--profile", "no-such-profile"]) != 0
    line = _one_error_line(capsys, tool)
    assert "no-such-profile" in line and "--profile" in line


@pytest.mark.parametrize("tool", TOOLS)
def test_missing_credentials_are_one_line(tool, tmp_path, no_aws_config, monkeypatch, capsys):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    main, argv, _, _ = _tools(tmp_path)[tool]
    assert main([*argv, "--region", "us-east-1"]) != 0
    assert "no AWS credentials found" in _one_error_line(capsys, tool)


@pytest.mark.parametrize("tool", [t for t in TOOLS if t != "case-event-streams"])
def test_missing_table_queue_or_bucket_is_one_line(tool, tmp_path, aws, capsys):
    main, argv, service, _ = _tools(tmp_path)[tool]
    assert main(argv) != 0
    line = _one_error_line(capsys, tool)
    missing = {"dynamodb": "ResourceNotFoundException", "sqs": "NonExistentQueue", "s3": "NoSuchBucket"}[service]
    assert missing in line and "check the name and --region" in line, line


def _stub_first_call(monkeypatch, service: str, operation: str, code: str) -> None:
    real_client = boto3.session.Session.client

    def client(self, name, *args, **kwargs):
        made = real_client(self, name, *args, **kwargs)
        if name == service:
            stubber = Stubber(made)
            stubber.add_client_error(operation, service_error_code=code, http_status_code=400)
            stubber.activate()
        return made

    monkeypatch.setattr(boto3.session.Session, "client", client)


def test_missing_cases_domain_is_one_line(tmp_path, monkeypatch, capsys):
    main, argv, service, operation = _tools(tmp_path)["case-event-streams"]
    _stub_first_call(monkeypatch, service, operation, "ResourceNotFoundException")
    assert main(argv) != 0
    assert "not found (ListFields: ResourceNotFoundException" in _one_error_line(capsys, "case-event-streams")


@pytest.mark.parametrize("tool", TOOLS)
def test_throttling_is_one_line(tool, tmp_path, monkeypatch, capsys):
    main, argv, service, operation = _tools(tmp_path)[tool]
    code = "ProvisionedThroughputExceededException" if service == "dynamodb" else "ThrottlingException"
    _stub_first_call(monkeypatch, service, operation, code)
    assert main(argv) != 0
    line = _one_error_line(capsys, tool)
    assert "throttling" in line and code in line


@pytest.mark.parametrize("tool", TOOLS)
def test_help_has_no_raw_markup(tool, tmp_path, capsys):
    main, _, _, _ = _tools(tmp_path)[tool]
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and ("--region" in out or "enable" in out)
    assert "``" not in out and "%(" not in out and "\\n" not in out

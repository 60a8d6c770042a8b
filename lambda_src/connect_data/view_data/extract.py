"""Extracting every question the instance's Views ask into the questions table, and nothing stale.

Discovery reads View templates (``list_views`` + ``describe_view``) and, for AWS-managed views, the
Show view blocks of published flows. The table is then reconciled: new and relabelled questions are
put, questions no source defines any more are deleted, in batches of 25. A discovery that failed
anywhere deletes nothing, so a throttled call never empties the table.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import error_code
from connect_data.common.timeutil import iso_utc
from connect_data.view_data.templates import flow_questions, template_questions

BATCH_SIZE = 25
VIEW_TYPES = ("CUSTOMER_MANAGED", "AWS_MANAGED")
OVERRIDE_SOURCE = "override"


@dataclass(frozen=True)
class ExtractSettings:
    instance_id: str
    questions_table_name: str
    view_arns: tuple[str, ...] = ()
    scan_flows: bool = True
    label_overrides: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Question:
    label: str
    source: str


@dataclass
class ExtractReport:
    views: int = 0
    flows: int = 0
    questions: int = 0
    written: int = 0
    deleted: int = 0
    unchanged: int = 0
    overrides: int = 0
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    discovered: dict[str, Question] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "views": self.views,
            "flows": self.flows,
            "questions": self.questions,
            "written": self.written,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "overrides": self.overrides,
            "deletesSkipped": bool(self.errors),
            "notes": self.notes,
            "errors": self.errors,
        }


def _paginate(connect: Any, operation: str, key: str, **kwargs: Any) -> Iterable[dict[str, Any]]:
    for page in connect.get_paginator(operation).paginate(**kwargs):
        yield from page.get(key, [])


def _add(report: ExtractReport, found: Mapping[str, str], source: str) -> None:
    for name, label in found.items():
        known = report.discovered.get(name)
        if known is None:
            report.discovered[name] = Question(label=label, source=source)
        elif known.label != label:
            report.notes.append(f"{name}: label in {source} differs from {known.source}; kept the first")


def discover_views(connect: Any, settings: ExtractSettings, report: ExtractReport) -> None:
    arns: list[str] = list(settings.view_arns)
    if not arns:
        for view_type in VIEW_TYPES:
            try:
                for summary in _paginate(
                    connect, "list_views", "ViewsSummaryList", InstanceId=settings.instance_id, Type=view_type
                ):
                    if summary.get("Status") not in (None, "PUBLISHED"):
                        report.notes.append(f"skipped unpublished view {summary.get('Name') or summary.get('Arn')}")
                        continue
                    arns.append(summary["Arn"])
            except (ClientError, BotoCoreError) as err:
                report.errors.append(f"list_views({view_type}):{error_code(err)}")
    for arn in arns:
        try:
            view = connect.describe_view(InstanceId=settings.instance_id, ViewId=arn)["View"]
        except (ClientError, BotoCoreError) as err:
            report.errors.append(f"describe_view({arn}):{error_code(err)}")
            continue
        report.views += 1
        _add(report, template_questions((view.get("Content") or {}).get("Template")), arn)


def discover_flows(connect: Any, settings: ExtractSettings, report: ExtractReport) -> None:
    try:
        summaries = list(
            _paginate(connect, "list_contact_flows", "ContactFlowSummaryList", InstanceId=settings.instance_id)
        )
    except (ClientError, BotoCoreError) as err:
        report.errors.append(f"list_contact_flows:{error_code(err)}")
        return
    for summary in summaries:
        if summary.get("ContactFlowStatus") not in (None, "PUBLISHED"):
            continue  # a draft's questions are not asked yet
        try:
            flow = connect.describe_contact_flow(InstanceId=settings.instance_id, ContactFlowId=summary["Id"])
        except (ClientError, BotoCoreError) as err:
            report.errors.append(f"describe_contact_flow({summary.get('Name') or summary['Id']}):{error_code(err)}")
            continue
        report.flows += 1
        _add(report, flow_questions(flow["ContactFlow"].get("Content")), summary.get("Arn") or summary["Id"])


def apply_overrides(report: ExtractReport, overrides: Mapping[str, str]) -> None:
    """Labels the deployer set (Terraform ``label_overrides``) win over what the templates say."""
    for name, label in overrides.items():
        report.discovered[name] = Question(label=label, source=OVERRIDE_SOURCE)
        report.overrides += 1


def _existing(dynamodb: Any, table_name: str) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    kwargs: dict[str, Any] = {"TableName": table_name}
    while True:
        page = dynamodb.scan(**kwargs)
        for item in page.get("Items", []):
            rows[item["Name"]["S"]] = item
        if "LastEvaluatedKey" not in page:
            return rows
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def batch_write(dynamodb: Any, table_name: str, requests: list[dict[str, Any]], attempts: int = 8) -> None:
    """Batches of 25, retrying what DynamoDB leaves unprocessed with a growing pause."""
    for start in range(0, len(requests), BATCH_SIZE):
        pending = {table_name: requests[start : start + BATCH_SIZE]}
        for attempt in range(attempts):
            pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            if not pending:
                break
            time.sleep(min(0.05 * 2**attempt, 2))
        else:
            raise RuntimeError(f"{len(pending.get(table_name, []))} questions left unprocessed after {attempts} tries")


def reconcile(dynamodb: Any, table_name: str, report: ExtractReport) -> None:
    existing = _existing(dynamodb, table_name)
    now = iso_utc()
    requests: list[dict[str, Any]] = []
    for name, question in sorted(report.discovered.items()):
        row = existing.get(name)
        if (
            row
            and row.get("Label", {}).get("S") == question.label
            and row.get("Source", {}).get("S") == question.source
        ):
            report.unchanged += 1
            continue
        item = {
            "Name": {"S": name},
            "Label": {"S": question.label},
            "Source": {"S": question.source},
            "UpdatedAt": {"S": now},
        }
        requests.append({"PutRequest": {"Item": item}})
        report.written += 1
    stale = sorted(set(existing) - set(report.discovered))
    if stale and report.errors:
        report.notes.append(f"kept {len(stale)} questions not seen, because discovery had errors")
    elif stale:
        requests += [{"DeleteRequest": {"Key": {"Name": {"S": name}}}} for name in stale]
        report.deleted = len(stale)
    batch_write(dynamodb, table_name, requests)


def extract_questions(connect: Any, dynamodb: Any, settings: ExtractSettings) -> ExtractReport:
    report = ExtractReport()
    discover_views(connect, settings, report)
    if settings.scan_flows and not settings.view_arns:
        discover_flows(connect, settings, report)
    apply_overrides(report, settings.label_overrides)
    report.questions = len(report.discovered)
    reconcile(dynamodb, settings.questions_table_name, report)
    return report

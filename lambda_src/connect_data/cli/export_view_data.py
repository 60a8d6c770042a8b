"""export-view-data: view data items of a time range as CSV or JSON Lines, for reporting.

Streamed: items are written as the scan pages arrive. CSV needs its columns first, so it scans twice,
the first time reading only the answer keys and their question texts (memory grows with the number of
distinct questions, never with the number of items). Numbers are written exactly as DynamoDB holds them
(decimal text, never through a float), and a progress bar on standard error counts the scanned items
against the table's item count.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TextIO

from boto3.dynamodb.types import Binary, TypeDeserializer

from connect_data.cli._console import Bar, clear_errors, estimated_items, help_text, progress
from connect_data.cli._session import add_session_arguments, session_client
from connect_data.view_data.answers import answer_text

PROG = "export-view-data"
_deserializer = TypeDeserializer()

CONTACT_COLUMNS = (
    "OriginalContactId",
    "ContactId",
    "Channel",
    "InitiationMethod",
    "QueueName",
    "AgentUsername",
    "AgentName",
    "CampaignName",
    "InitiationTimestamp",
    "ConnectedToAgentTimestamp",
    "DisconnectTimestamp",
    "CreatedAt",
    "UpdatedAt",
    "ViewAction",
)


def iso_bound(text: str, *, end: bool = False) -> str:
    """``2026-03-08`` or any ISO 8601 time as the UTC text UpdatedAt is compared with."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if len(text) == 10 and end:
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999000)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def exact_item(item: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB item with its numbers as :class:`~decimal.Decimal` (``from_item`` makes floats of them)."""
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


def exact_json(value: Any) -> str:
    """JSON text of a deserialized item with every number written digit for digit as DynamoDB holds it."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {exact_json(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "[" + ", ".join(exact_json(v) for v in sorted(value, key=str)) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(exact_json(v) for v in value) + "]"
    if isinstance(value, (Binary, bytes, bytearray)):
        raw = value.value if isinstance(value, Binary) else bytes(value)
        return json.dumps(base64.b64encode(raw).decode())
    return json.dumps(str(value))


def scan_range(
    dynamodb: Any,
    table: str,
    time_attribute: str,
    start: str,
    end: str,
    projection: str | None = None,
    bar: Bar | None = None,
) -> Iterator[dict[str, Any]]:
    kwargs: dict[str, Any] = {
        "TableName": table,
        "FilterExpression": "#t BETWEEN :start AND :end",
        "ExpressionAttributeNames": {"#t": time_attribute},
        "ExpressionAttributeValues": {":start": {"S": start}, ":end": {"S": end}},
    }
    if projection:
        names = [p.strip() for p in projection.split(",")]
        kwargs["ProjectionExpression"] = ", ".join(f"#p{i}" for i in range(len(names)))
        kwargs["ExpressionAttributeNames"].update({f"#p{i}": n for i, n in enumerate(names)})
    while True:
        page = dynamodb.scan(**kwargs)
        if bar is not None:
            bar.advance(int(page.get("ScannedCount", 0)))
        for item in page.get("Items", []):
            yield exact_item(item)
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def answer_columns(items: Iterator[dict[str, Any]]) -> dict[str, str]:
    """Every answer key in the range, with the question text the items carry for it (key if none)."""
    columns: dict[str, str] = {}
    for item in items:
        questions = item.get("Questions") or {}
        for key in item.get("Answers") or {}:
            columns.setdefault(key, key)
            text = questions.get(f"{key}_Question")
            if text and columns[key] == key:
                columns[key] = text
    return dict(sorted(columns.items()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, set)):
        return exact_json(value)
    return answer_text(value)


def write_csv(
    items: Iterator[dict[str, Any]], key_attribute: str, columns: dict[str, str], header: str, out: TextIO
) -> int:
    writer = csv.writer(out)
    answer_headers = list(columns.values()) if header == "question" else list(columns)
    writer.writerow([key_attribute, *CONTACT_COLUMNS, *answer_headers])
    count = 0
    for item in items:
        answers = item.get("Answers") or {}
        writer.writerow(
            [
                _cell(item.get(key_attribute)),
                *(_cell(item.get(c)) for c in CONTACT_COLUMNS),
                *(_cell(answers.get(k)) for k in columns),
            ]
        )
        count += 1
    return count


def write_jsonl(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for item in items:
        out.write(exact_json(item) + "\n")
        count += 1
    return count


ATHENA_QUERY = "answers-per-question-per-day"  # modules/analytics/queries/answers_per_question_per_day.sql


def export_from_athena(
    athena: Any, workgroup: str, start: str, end: str, out: TextIO, poll_seconds: float = 1.0
) -> int:
    """The lake's answers-per-question named query through the Athena workgroup, as CSV rows whose day is in
    [start, end]; for tables past a Scan's reach (see modules/analytics). Answers the rows written."""
    import time

    # GetNamedQuery one by one (a workgroup holds the module's five) rather than BatchGetNamedQuery, which
    # moto does not implement: the same code then runs against the local stack.
    query = None
    for page in athena.get_paginator("list_named_queries").paginate(WorkGroup=workgroup):
        for named_query_id in page.get("NamedQueryIds", []):
            candidate = athena.get_named_query(NamedQueryId=named_query_id)["NamedQuery"]
            if candidate["Name"].endswith(ATHENA_QUERY):
                query = candidate
                break
        if query is not None:
            break
    if query is None:
        raise SystemExit(f"workgroup {workgroup} has no named query *{ATHENA_QUERY} (is analytics enabled?)")
    execution = athena.start_query_execution(
        QueryString=query["QueryString"], QueryExecutionContext={"Database": query["Database"]}, WorkGroup=workgroup
    )["QueryExecutionId"]
    while True:
        status = athena.get_query_execution(QueryExecutionId=execution)["QueryExecution"]["Status"]
        if status["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        time.sleep(poll_seconds)
    if status["State"] != "SUCCEEDED":
        raise SystemExit(f"Athena query {execution} {status['State']}: {status.get('StateChangeReason', '')}")
    writer, count, header = csv.writer(out), 0, None
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=execution):
        for row in page["ResultSet"]["Rows"]:
            values = [cell.get("VarCharValue", "") for cell in row["Data"]]
            if header is None:
                header = values
                writer.writerow(values)
            elif start[:10] <= values[header.index("day")] <= end[:10]:
                writer.writerow(values)
                count += 1
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=help_text(__doc__),
    )
    parser.add_argument("--table", required=True, help="view data table name")
    parser.add_argument("--from", dest="start", required=True, help="start, ISO 8601 date or time (UTC if no offset)")
    parser.add_argument("--to", dest="end", required=True, help="end, inclusive; a date means its whole day")
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument(
        "--header",
        choices=("key", "question"),
        default="key",
        help="CSV answer column headers: the answer key, or its question text",
    )
    parser.add_argument("--key-attribute", default="InitialContactId", help="partition key name of the table")
    parser.add_argument(
        "--time-attribute", default="UpdatedAt", help="UTC ISO attribute the range applies to (default UpdatedAt)"
    )
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    parser.add_argument(
        "--athena",
        metavar="WORKGROUP",
        help="instead of scanning, run the lake's answers-per-question named query in this Athena workgroup (CSV)",
    )
    add_session_arguments(parser)
    return parser


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        start, end = iso_bound(args.start), iso_bound(args.end, end=True)
    except ValueError as err:
        parser.error(f"--from/--to must be ISO 8601: {err}")
    if start > end:
        parser.error("--from is after --to")
    dynamodb = session_client(args, "dynamodb")
    estimate = estimated_items(dynamodb, args.table)  # also: a missing table fails here, before any output
    show = not args.no_progress
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.athena:
            count = export_from_athena(session_client(args, "athena"), args.athena, start, end, out)
        elif args.format == "jsonl":
            with progress("exporting", total=estimate, enabled=show) as bar:
                items = scan_range(dynamodb, args.table, args.time_attribute, start, end, bar=bar)
                count = write_jsonl(items, out)
        else:
            with progress("reading question keys", total=estimate, enabled=show) as bar:
                keys = scan_range(
                    dynamodb, args.table, args.time_attribute, start, end, projection="Answers, Questions", bar=bar
                )
                columns = answer_columns(keys)
            with progress("exporting", total=estimate, enabled=show) as bar:
                items = scan_range(dynamodb, args.table, args.time_attribute, start, end, bar=bar)
                count = write_csv(items, args.key_attribute, columns, args.header, out)
    finally:
        if args.output:
            out.close()
    print(f"exported {count} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

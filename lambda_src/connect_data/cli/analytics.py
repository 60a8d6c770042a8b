"""``analytics``: every named query of the data lake, run locally with DuckDB over the lake's files.

The lake is a folder laid out as the bucket is (``<dataset>/dt=YYYY-MM-DD/*.jsonl.gz``); ``--bucket``
copies the lake's objects from S3 into that folder first (with the shared ``--region`` / ``--profile``).
The queries are the Athena SQL files of modules/analytics, translated for DuckDB by sqlglot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from connect_data.cli._console import Bar, clear_errors, help_text, progress
from connect_data.cli._session import add_session_arguments, session_client
from connect_data.cli.lake_queries import MODULE_DIR, QueryResult, load_queries, run_queries

PROG = "analytics"


def lake_objects(s3: Any, bucket: str, prefix: str) -> list[str]:
    """The keys of the lake's data objects under ``prefix`` (quarantined records left out)."""
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            relative = entry["Key"][len(prefix) :]
            if relative.endswith(".jsonl.gz") and not relative.startswith("_quarantine/"):
                keys.append(entry["Key"])
    return keys


def download_lake(s3: Any, bucket: str, prefix: str, target: Path, bar: Bar | None = None) -> int:
    """Copy every lake object under ``prefix`` into ``target`` (keys without the prefix); answers the count."""
    keys = lake_objects(s3, bucket, prefix)
    for key in keys:
        path = target / key[len(prefix) :]
        path.parent.mkdir(parents=True, exist_ok=True)
        s3.download_file(bucket, key, str(path))
        if bar is not None:
            bar.advance()
    return len(keys)


def format_result(result: QueryResult, description: str = "") -> str:
    """A query's result as an aligned text table under its name."""
    cells = [[str(c) for c in result.columns]] + [["" if v is None else str(v) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.columns))]
    lines = [f"== {result.name}" + (f": {description}" if description else "")]
    for index, row in enumerate(cells):
        lines.append("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    if not result.rows:
        lines.append("(no rows)")
    return "\n".join(lines)


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=help_text(__doc__))
    parser.add_argument("lake", type=Path, help="folder of the lake's files (the target of --bucket)")
    parser.add_argument("--bucket", help="copy the lake from this S3 bucket into the folder first")
    parser.add_argument("--prefix", default="lake/", help="key prefix of the lake in the bucket (default: lake/)")
    parser.add_argument("--query", action="append", help="run only this named query (repeatable)")
    parser.add_argument("--module-dir", type=Path, default=MODULE_DIR, help="modules/analytics (queries, datasets)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    add_session_arguments(parser)
    args = parser.parse_args(argv)
    show = not args.no_progress
    if args.bucket:
        s3 = session_client(args, "s3")
        keys = lake_objects(s3, args.bucket, args.prefix)
        with progress(
            f"copying s3://{args.bucket}/{args.prefix}", total=len(keys), unit="objects", enabled=show
        ) as bar:
            copied = download_lake(s3, args.bucket, args.prefix, args.lake, bar)
        print(f"copied {copied} objects from s3://{args.bucket}/{args.prefix}", file=sys.stderr)
    if not args.lake.is_dir():
        parser.error(f"{args.lake} is not a folder")
    descriptions = {q.name: q.description for q in load_queries(args.module_dir)}
    unknown = sorted(set(args.query or []) - set(descriptions))
    if unknown:
        parser.error(f"unknown query {', '.join(unknown)}; named queries: {', '.join(sorted(descriptions))}")
    total = len(set(args.query)) if args.query else len(descriptions)
    with progress("running queries on DuckDB", total=total, unit="queries", enabled=show) as bar:
        results = run_queries(args.lake, args.module_dir, args.query, done=bar.advance)
    for result in results:
        print(format_result(result, descriptions[result.name]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

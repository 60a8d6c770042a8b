"""update-table-attributes: set attributes across a table's items, safely.

Dry run by default (prints what would change per item); ``--apply`` writes. Each write is conditional on
the value it read, so an item changed since the scan is reported, not overwritten. Only items that
already have the attribute are touched (the seed's rule), and ``Map.Entry`` names reach into a map
attribute, for example ``Questions.reason_Question`` of the view data table.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TextIO

from connect_data.cli._console import Bar, clear_errors, progress
from connect_data.cli._session import add_session_arguments, session_client
from connect_data.common.dynamo import serialize

PROG = "update-table-attributes"

# (path to the attribute, value read, value to write), values as DynamoDB AttributeValues.
Change = tuple[tuple[str, ...], Any, Any]


@dataclass
class Totals:
    scanned: int = 0
    matched: int = 0
    updated: int = 0
    conflicts: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


def parse_overrides(pairs: list[str], files: list[str]) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ValueError(f"{path} must hold a JSON object of attribute name to string value")
        overrides.update(data)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"--set takes KEY=VALUE, not {pair!r}")
        overrides[name] = value
    return overrides


def _path(name: str, item: dict[str, Any]) -> tuple[str, ...]:
    """``("Questions", "reason_Question")`` when the item has a map named before the first dot."""
    head, dot, rest = name.partition(".")
    if dot and rest and "M" in item.get(head, {}):
        return head, rest
    return (name,)


def _current(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    value = item.get(path[0])
    if len(path) == 2:
        value = (value or {}).get("M", {}).get(path[1])
    return value


def planned_changes(item: dict[str, Any], overrides: dict[str, str]) -> list[Change]:
    """``(path, old AttributeValue, new AttributeValue)`` for every override that changes this item."""
    changes = []
    for name, value in overrides.items():
        path = _path(name, item)
        old = _current(item, path)
        new = serialize(value)
        if old is not None and old != new:
            changes.append((path, old, new))
    return changes


def _describe(value: Any) -> str:
    return json.dumps(next(iter(value.values())) if isinstance(value, dict) and len(value) == 1 else value, default=str)


def update_item(dynamodb: Any, table: str, key: dict[str, Any], changes: list[Change]) -> None:
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    sets, conditions = [], []
    for index, (path, old, new) in enumerate(changes):
        parts = []
        for depth, part in enumerate(path):
            placeholder = f"#p{index}_{depth}"
            names[placeholder] = part
            parts.append(placeholder)
        target = ".".join(parts)
        values[f":new{index}"] = new
        values[f":old{index}"] = old
        sets.append(f"{target} = :new{index}")
        conditions.append(f"{target} = :old{index}")
    dynamodb.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="SET " + ", ".join(sets),
        ConditionExpression=" AND ".join(conditions),
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
    )


def _scan_segment(dynamodb: Any, table: str, segment: int, segments: int) -> Iterator[dict[str, Any]]:
    kwargs: dict[str, Any] = {"TableName": table, "Segment": segment, "TotalSegments": segments}
    while True:
        page = dynamodb.scan(**kwargs)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def run(
    dynamodb: Any,
    table: str,
    overrides: dict[str, str],
    *,
    apply: bool,
    segments: int = 4,
    out: TextIO | None = None,
    show_progress: bool = False,
) -> Totals:
    """Scan ``segments`` in parallel and change (or, without ``apply``, list) every matching item."""
    description = dynamodb.describe_table(TableName=table)["Table"]
    key_names = [k["AttributeName"] for k in description["KeySchema"]]
    if set(overrides) & set(key_names):
        raise ValueError(f"key attributes cannot be changed: {', '.join(sorted(set(overrides) & set(key_names)))}")
    totals = Totals()
    out = out or sys.stdout
    out_lock = threading.Lock()

    def work(segment: int, bar: Bar) -> None:
        for item in _scan_segment(dynamodb, table, segment, segments):
            totals.add(scanned=1)
            changes = planned_changes(item, overrides)
            if changes:
                totals.add(matched=1)
                key = {name: item[name] for name in key_names}
                label = ", ".join(f"{n}={_describe(item[n])}" for n in key_names)
                lines = [f"  {'.'.join(p)}: {_describe(old)} -> {_describe(new)}" for p, old, new in changes]
                if not apply:
                    with out_lock:
                        print(f"would change {label}", *lines, sep="\n", file=out)
                else:
                    try:
                        update_item(dynamodb, table, key, changes)
                        totals.add(updated=1)
                        with out_lock:
                            print(f"changed {label}", *lines, sep="\n", file=out)
                    except dynamodb.exceptions.ConditionalCheckFailedException:
                        totals.add(conflicts=1)
                        with out_lock:
                            print(f"SKIPPED {label}: changed since it was read; run again to review", file=out)
                    except Exception as err:  # one bad item must not stop the others
                        totals.add(errors=1)
                        with out_lock:
                            print(f"FAILED {label}: {err}", file=out)
            bar.advance()
            bar.note(f"matching {totals.matched}, updated {totals.updated}, conflicts {totals.conflicts}")

    # The estimate is DynamoDB's ItemCount, refreshed about every six hours.
    estimate = int(description.get("ItemCount", 0))
    with progress("scanning", total=estimate, enabled=show_progress) as bar, ThreadPoolExecutor(segments) as pool:
        list(pool.map(lambda segment: work(segment, bar), range(segments)))
    return totals


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Set attribute values across a DynamoDB table's items (for example relabel a question in the view "
            "data table). Dry run unless --apply; an item changed meanwhile is reported, never overwritten."
        ),
    )
    parser.add_argument("--table", required=True, help="table name")
    parser.add_argument(
        "--set",
        dest="pairs",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="attribute and its new value (repeatable); Map.Entry reaches into a map, e.g. Questions.q1_Question=Text",
    )
    parser.add_argument(
        "--file", dest="files", action="append", default=[], help="JSON object of KEY to VALUE (repeatable)"
    )
    parser.add_argument("--apply", action="store_true", help="write the changes (default: dry run)")
    parser.add_argument("--segments", type=int, default=4, help="parallel scan segments (default 4)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    add_session_arguments(parser)
    return parser


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        overrides = parse_overrides(args.pairs, args.files)
    except (OSError, ValueError) as err:
        parser.error(str(err))
    if not overrides:
        parser.error("nothing to set: give --set KEY=VALUE or --file FILE")
    if not 1 <= args.segments <= 64:
        parser.error("--segments must be between 1 and 64")
    if not args.apply:
        print("dry run: nothing is written (use --apply)")
    try:
        totals = run(
            session_client(args, "dynamodb"),
            args.table,
            overrides,
            apply=args.apply,
            segments=args.segments,
            show_progress=not args.no_progress,
        )
    except ValueError as err:
        print(f"update-table-attributes: error: {err}", file=sys.stderr)
        return 2
    verb = "changed" if args.apply else "would change"
    print(
        f"scanned {totals.scanned}, {verb} {totals.updated if args.apply else totals.matched}, "
        f"conflicts {totals.conflicts}, errors {totals.errors}"
    )
    return 1 if totals.errors or totals.conflicts else 0


if __name__ == "__main__":
    sys.exit(main())

"""One stream batch as lake objects: gzip JSON Lines, one object per dataset, keyed by where the batch starts.

Key: ``<prefix><dataset>/dt=<day>/<table>-<sequence number>.jsonl.gz`` of the first record *that adds
rows to that dataset* (not of the batch's first record). Lambda retries a failed batch from its first
record, so every attempt from the same checkpoint finds the same first record for a dataset and writes
the same key: a redelivered batch overwrites its own objects instead of adding rows, whether it comes back
whole, bisected or grown. Keyed by the batch's first record instead, a dataset that a shorter retry no
longer reaches (a contact change without new history entries, a quarantined record) would keep the first
attempt's object and get its rows a second time from the batch that reaches them next.
A batch is all or nothing: when a write fails, the objects already written for it are deleted again and
the whole batch is reported failed. Records that cannot become rows go to ``_quarantine/`` with the raw
record, in the same batch, so nothing is acknowledged that is not stored.
"""

from __future__ import annotations

import contextlib
import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from connect_data.analytics.rows import (
    DATASETS,
    BadStreamRecord,
    Privacy,
    created_at,
    rows_of,
    sequence_number,
    table_name,
)

QUARANTINE = "_quarantine"


@dataclass(frozen=True)
class LakeSettings:
    bucket: str
    prefix: str
    sources: Mapping[str, str]  # table name -> source kind (view_data, contact_status, cases, vanity)
    privacy: Privacy = field(default_factory=Privacy)
    key_attribute: str = "InitialContactId"


@dataclass(frozen=True)
class LakeObject:
    key: str
    lines: list[str]

    def body(self) -> bytes:
        # mtime=0: the same rows give the same bytes, so an overwrite by a retry is byte-identical.
        return gzip.compress(("\n".join(self.lines) + "\n").encode(), mtime=0)


@dataclass
class BatchResult:
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0
    objects: int = 0
    bytes_written: int = 0


def _line(values: Mapping[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)


def _start(record: Mapping[str, Any]) -> tuple[str, str]:
    """The key stem and day partition a record gives an object it is the first row source of."""
    try:
        return f"{table_name(record)}-{sequence_number(record)}", created_at(record).strftime("%Y-%m-%d")
    except BadStreamRecord:
        return f"unknown-{sequence_number(record) or 'none'}", "1970-01-01"


def batch_objects(records: Sequence[Mapping[str, Any]], settings: LakeSettings) -> tuple[list[LakeObject], int]:
    """The objects of one batch (and how many records were quarantined), without touching S3."""
    lines: dict[str, list[str]] = {name: [] for name in (*DATASETS, QUARANTINE)}
    starts: dict[str, tuple[str, str]] = {}
    for record in records:
        try:
            source = settings.sources.get(table_name(record))
            if source is None:
                raise BadStreamRecord(f"table {table_name(record)} is not one of the lake's sources")
            added = [
                (row.dataset, _line(row.values))
                for row in rows_of(record, source, settings.privacy, settings.key_attribute)
            ]
        except BadStreamRecord as err:
            added = [(QUARANTINE, _line({"error": str(err), "record": record}))]
        for dataset, line in added:
            starts.setdefault(dataset, _start(record))
            lines[dataset].append(line)
    objects = [
        LakeObject(f"{settings.prefix}{dataset}/dt={starts[dataset][1]}/{starts[dataset][0]}.jsonl.gz", dataset_lines)
        for dataset, dataset_lines in lines.items()
        if dataset_lines
    ]
    return objects, len(lines[QUARANTINE])


def write_batch(s3: Any, records: Sequence[Mapping[str, Any]], settings: LakeSettings) -> BatchResult:
    """Write the batch's objects; on a failed write delete what was written and raise the error."""
    objects, quarantined = batch_objects(records, settings)
    result = BatchResult(quarantined=quarantined)
    written: list[str] = []
    try:
        for obj in objects:
            body = obj.body()
            s3.put_object(
                Bucket=settings.bucket,
                Key=obj.key,
                Body=body,
                ContentType="application/x-ndjson",
                ContentEncoding="gzip",
            )
            written.append(obj.key)
            dataset = obj.key[len(settings.prefix) :].split("/", 1)[0]
            result.rows[dataset] = result.rows.get(dataset, 0) + len(obj.lines)
            result.bytes_written += len(body)
    except Exception:
        for key in written:
            # Best effort: an object left behind is overwritten by the retry, which starts at the same record.
            with contextlib.suppress(Exception):
                s3.delete_object(Bucket=settings.bucket, Key=key)
        raise
    result.objects = len(written)
    return result

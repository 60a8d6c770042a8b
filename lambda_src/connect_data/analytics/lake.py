"""One stream batch as lake objects: gzip JSON Lines, one object per dataset, keyed by where the batch starts.

Key: ``<prefix><dataset>/dt=<day of the batch's first record>/<table>-<first sequence number>.jsonl.gz``.
Lambda retries a failed batch from its first record, so the retry writes the same keys: a redelivered
batch overwrites its own objects instead of adding rows, whether it comes back whole, bisected or grown.
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


def batch_objects(records: Sequence[Mapping[str, Any]], settings: LakeSettings) -> tuple[list[LakeObject], int]:
    """The objects of one batch (and how many records were quarantined), without touching S3."""
    if not records:
        return [], 0
    first = records[0]
    try:
        start = f"{table_name(first)}-{sequence_number(first)}"
        day = created_at(first).strftime("%Y-%m-%d")
    except BadStreamRecord:
        start, day = f"unknown-{sequence_number(first) or 'none'}", "1970-01-01"
    lines: dict[str, list[str]] = {name: [] for name in (*DATASETS, QUARANTINE)}
    for record in records:
        try:
            source = settings.sources.get(table_name(record))
            if source is None:
                raise BadStreamRecord(f"table {table_name(record)} is not one of the lake's sources")
            for row in rows_of(record, source, settings.privacy, settings.key_attribute):
                lines[row.dataset].append(_line(row.values))
        except BadStreamRecord as err:
            lines[QUARANTINE].append(_line({"error": str(err), "record": record}))
    objects = [
        LakeObject(f"{settings.prefix}{dataset}/dt={day}/{start}.jsonl.gz", dataset_lines)
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

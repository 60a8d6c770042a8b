"""Analytics: the lake writer's invocations, objects and bytes per 1,000 contacts, and its time per batch.

    python -m benchmarks.bench_analytics      # prints the rows; benchmarks/run.py calls run()

Voice contacts, each with INITIATED, QUEUED, CONNECTED_TO_AGENT and DISCONNECTED events through
the real contact status processor, and one vanity result per caller through the vanity store, all on
moto's DynamoDB with the streams on (NEW_AND_OLD_IMAGES) of the status, history and vanity tables. The
streams' records are then written by the writer's own code to moto's S3 in batches of the event source
mapping's size. Invocations are for full batches (a busy center); a quiet one pays at most one invocation
per batching window and stream shard.
Everything is measured on 100 contacts and scaled to 1,000 (records, objects and bytes grow linearly).
"""

from __future__ import annotations

import gzip
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "lambda_src"), str(REPO)]

# 100 contacts through the real processor (moto is slow per call); figures are scaled to 1,000 contacts.
CONTACTS = 100
SCALE = 1000 / CONTACTS
T = 1772618400000  # 2026-03-04T10:00:00Z
# us-east-1 list prices: Lambda arm64 per GB-second and per request, S3 Standard PUT and storage.
LAMBDA_GB_SECOND = 0.0000133334
LAMBDA_REQUEST = 0.20 / 1_000_000
S3_PUT = 0.005 / 1000
S3_GB_MONTH = 0.023


def _contact_events(n: int) -> list[dict[str, Any]]:
    from connect_data.common.timeutil import iso_utc
    from devtools.demos.contact_status import contact_event

    start = T + n * 5000
    queue = {"queueArn": "arn:aws:connect:us-east-1:123456789012:instance/i/queue/support", "queueType": "STANDARD"}
    agent = {
        "agentArn": "arn:aws:connect:us-east-1:123456789012:instance/i/agent/a",
        "connectedToAgentTimestamp": iso_utc(start + 90_000),
    }
    common = {"initiationTimestamp": iso_utc(start)}
    queued = {**common, "queueInfo": {**queue, "enqueueTimestamp": iso_utc(start + 30_000)}}
    return [
        contact_event(f"bench-{n}", "INITIATED", start, **common),
        contact_event(f"bench-{n}", "QUEUED", start + 30_000, **queued),
        contact_event(f"bench-{n}", "CONNECTED_TO_AGENT", start + 90_000, **queued, agentInfo=agent),
        contact_event(
            f"bench-{n}",
            "DISCONNECTED",
            start + 390_000,
            **queued,
            agentInfo=agent,
            disconnectTimestamp=iso_utc(start + 390_000),
        ),
    ]


def _stream_records(dynamodb: Any, streams: Any, table: str) -> list[dict[str, Any]]:
    arn = dynamodb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=100)
            for record in page["Records"]:
                change = dict(
                    record["dynamodb"],
                    ApproximateCreationDateTime=record["dynamodb"]["ApproximateCreationDateTime"].timestamp(),
                )
                records.append({**record, "dynamodb": change, "eventSourceARN": arn})
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return records


def run() -> list[dict]:
    import boto3

    from benchmarks.common import local_aws
    from connect_data.analytics.lake import LakeSettings, batch_objects, write_batch
    from connect_data.contact_status.processor import process_delivery
    from connect_data.contact_status.store import StoreSettings
    from connect_data.vanity.store import StoredResult, save_result
    from devtools.tables import create_status_table

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        os.environ.setdefault(key, value)
    rows: list[dict] = []
    # A moto server: in-process moto sends DynamoDB Streams calls to DynamoDB ("Not yet implemented").
    with local_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        streams = boto3.client("dynamodbstreams", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        stream = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
        history = create_status_table(dynamodb, "bench-contact-status")
        for table in ("bench-contact-status", history):
            dynamodb.update_table(TableName=table, StreamSpecification=stream)
        dynamodb.create_table(
            TableName="bench-vanity-results",
            KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification=stream,
        )
        settings = StoreSettings(table_name="bench-contact-status", history_table_name=history)
        for n in range(CONTACTS):
            for event in _contact_events(n):
                process_delivery(dynamodb, settings, event)
            number = f"+1415{2_000_000 + n:07d}"
            save_result(
                dynamodb, "bench-vanity-results", StoredResult(number, ["415-CALL-NOW"], f"bench-{n}", T), 86400
            )
        sources = {
            "bench-contact-status": "contact_status",
            history: "contact_history",
            "bench-vanity-results": "vanity",
        }
        records = [record for table in sources for record in _stream_records(dynamodb, streams, table)]
        for batch_size in (100, 500):
            bucket = f"bench-lake-{batch_size}"
            s3.create_bucket(Bucket=bucket)
            lake = LakeSettings(bucket=bucket, prefix="lake/", sources=sources)
            by_table = [[r for r in records if r["eventSourceARN"].split("/")[1] == t] for t in sources]
            batches = [table[i : i + batch_size] for table in by_table for i in range(0, len(table), batch_size)]
            durations, written, raw, objects, quarantined = [], 0, 0, 0, 0
            for batch in batches:
                started = time.perf_counter()
                result = write_batch(s3, batch, lake)
                durations.append((time.perf_counter() - started) * 1000)
                written += result.bytes_written
                objects += result.objects
                quarantined += result.quarantined
                raw += sum(len(("\n".join(o.lines) + "\n").encode()) for o in batch_objects(batch, lake)[0])
            records_1k = len(records) * SCALE
            invocations = sum(math.ceil(len(table) * SCALE / batch_size) for table in by_table)
            objects_1k = objects / len(batches) * invocations
            ms = statistics.median(durations)
            gb_seconds = invocations * (ms / 1000) * 0.25  # 256 MB
            cost = invocations * LAMBDA_REQUEST + gb_seconds * LAMBDA_GB_SECOND + objects_1k * S3_PUT
            rows.append(
                {
                    "scenario": f"per 1,000 contacts, batch {batch_size}",
                    "stream_records": round(records_1k),
                    "invocations": invocations,
                    "objects": round(objects_1k),
                    "bytes_gzip": round(written * SCALE),
                    "bytes_json": round(raw * SCALE),
                    "gzip_ratio": round(raw / written, 1),
                    "batch_ms_p50": round(ms, 1),
                    "quarantined": quarantined,
                    "usd_writes": f"{cost:.5f}",
                    "usd_storage_month": f"{written * SCALE / 1e9 * S3_GB_MONTH:.7f}",
                }
            )
        assert quarantined == 0
        assert gzip.decompress(
            s3.get_object(
                Bucket="bench-lake-500",
                Key=next(o["Key"] for o in s3.list_objects_v2(Bucket="bench-lake-500")["Contents"]),
            )["Body"].read()
        )
    return rows


if __name__ == "__main__":
    from benchmarks.run import print_table

    print_table(run())

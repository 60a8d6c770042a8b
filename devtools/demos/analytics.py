"""Analytics: the tables' streams (as the other sections left them) through the deployed lake writer, then
every named query of the lake on DuckDB over the written files.

moto keeps each table's stream records but runs no code, so this reads the streams with GetRecords and
invokes the deployed writer on them in batches, as Lambda's event source mapping would (INSERT and
MODIFY only, the mapping's filter). The builders here are shared by the integration test and the benchmark.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools.demos._show import Summary

BATCH_SIZE = 100


@dataclass
class LakeRun:
    """What writing the lake did: invocations, records, objects and bytes, and the folder it was copied to."""

    invocations: int = 0
    records: int = 0
    failures: int = 0
    objects: int = 0
    bytes_written: int = 0
    objects_per_dataset: dict[str, int] = field(default_factory=dict)


def lake_outputs(stack: Any) -> dict[str, Any]:
    outputs: dict[str, Any] = stack.outputs["connect_data"]["analytics"]
    return outputs


def stream_records(stack: Any, table_name: str) -> list[dict[str, Any]]:
    """Every INSERT and MODIFY record of the table's stream, shaped as Lambda delivers them."""
    stream_arn = stack.client("dynamodb").describe_table(TableName=table_name)["Table"].get("LatestStreamArn")
    if not stream_arn:
        return []
    streams = stack.client("dynamodbstreams")
    records = []
    for shard in streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            for record in page["Records"]:
                if record["eventName"] not in ("INSERT", "MODIFY"):
                    continue
                change = dict(record["dynamodb"])
                change["ApproximateCreationDateTime"] = change["ApproximateCreationDateTime"].timestamp()
                records.append({**record, "dynamodb": change, "eventSourceARN": stream_arn})
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return records


def write_lake(stack: Any, batch_size: int = BATCH_SIZE) -> LakeRun:
    """Run the deployed writer over every source table's stream, ``batch_size`` records per invocation."""
    outputs = lake_outputs(stack)
    writer = stack.function(outputs["writer_function_name"])
    config = stack.client("lambda").get_function_configuration(FunctionName=outputs["writer_function_name"])
    sources = json.loads(config["Environment"]["Variables"]["LAKE_SOURCES"])
    run = LakeRun()
    for table_name in sorted(sources):
        records = stream_records(stack, table_name)
        for start in range(0, len(records), batch_size):
            batch = records[start : start + batch_size]
            reply = writer.invoke({"Records": batch})
            run.invocations += 1
            run.records += len(batch)
            run.failures += len(reply["batchItemFailures"])
    s3 = stack.client("s3")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=outputs["bucket_name"], Prefix=outputs["prefix"])
    for page in pages:
        for entry in page.get("Contents", []):
            run.objects += 1
            run.bytes_written += entry["Size"]
            dataset = entry["Key"][len(outputs["prefix"]) :].split("/", 1)[0]
            run.objects_per_dataset[dataset] = run.objects_per_dataset.get(dataset, 0) + 1
    return run


def query_lake(stack: Any, folder: Path) -> list[Any]:
    """Copy the lake into ``folder`` and run every named query on it with DuckDB."""
    from connect_data.cli.analytics import download_lake
    from connect_data.cli.lake_queries import run_queries

    outputs = lake_outputs(stack)
    download_lake(stack.client("s3"), outputs["bucket_name"], outputs["prefix"], folder)
    return run_queries(folder)


def run(stack: Any) -> Summary:
    from connect_data.cli.analytics import format_result
    from connect_data.cli.lake_queries import load_queries
    from devtools.demos._show import dlq_messages, show

    lake = write_lake(stack)
    show(
        "writer over the tables' streams",
        {
            "invocations": lake.invocations,
            "records": lake.records,
            "objects": lake.objects,
            "bytes": lake.bytes_written,
            "objectsPerDataset": lake.objects_per_dataset,
        },
    )
    descriptions = {q.name: q.description for q in load_queries()}
    with tempfile.TemporaryDirectory(prefix="lake-") as folder:
        results = query_lake(stack, Path(folder))
        for result in results:
            for line in format_result(result, descriptions[result.name]).splitlines():
                print(f"    {line}")
    return Summary(
        "analytics",
        events_in=lake.records,
        items_written=lake.objects,
        errors=lake.failures,
        dlq_messages=dlq_messages(stack, lake_outputs(stack)),
        note=(
            f"stream records in, lake objects written ({lake.bytes_written} bytes gzip) by "
            f"{lake.invocations} writer invocations; {len(results)} named queries run on DuckDB"
        ),
    )

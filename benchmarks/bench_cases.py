"""Cases stream consumer: AWS calls and time per batch of 10 case events against a moto server.

For k = 1, 3, 5, 10 distinct cases in a batch of 10 CASE.* events, counts the DynamoDB calls (budget
1 + k) and SNS publish calls (budget one per 10 notifications), and times ``process_batch`` (warm
clients, real HTTP to moto on 127.0.0.1). Run alone: ``python benchmarks/bench_cases.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for path in (REPO / "lambda_src", REPO):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import boto3  # noqa: E402

from connect_data.cases.consumer import ConsumerSettings, process_batch  # noqa: E402
from connect_data.cases.store import StoreSettings  # noqa: E402
from devtools.moto_stack import aws_environment, moto_server  # noqa: E402

TABLE = "bench-cases"
ROUNDS = 30
EVENT = json.loads((REPO / "tests/events/cases/cases_event_docs_current_case_updated.json").read_text())


def _event(n: int, case: str, batch: int) -> dict[str, Any]:
    event = json.loads(json.dumps(EVENT))
    when = f"2024-05-01T10:{batch % 60:02d}:{n:02d}.{batch // 60:03d}Z"
    event.update(id=f"b{batch}-e{n}", time=when)
    event["resources"] = [f"arn:aws:cases:us-east-1:123456789012:domain/d/case/{case}"]
    event["detail"].update(eventType="CASE.UPDATED", approximateChangeTime=when)
    event["detail"]["case"]["caseId"] = case
    return event


def _batch(k: int, batch: int) -> list[dict[str, Any]]:
    return [{"messageId": f"m{n}", "body": json.dumps(_event(n, f"case-{batch}-{n % k}", batch))} for n in range(10)]


def _setup() -> tuple[Any, Any, str]:
    dynamodb = boto3.client("dynamodb", region_name="us-east-1")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "caseId", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    sns = boto3.client("sns", region_name="us-east-1")
    topic = sns.create_topic(Name="bench-case-notifications")["TopicArn"]
    return dynamodb, sns, topic


def measure(dynamodb: Any, sns: Any, topic: str, k: int) -> dict[str, Any]:
    calls: list[str] = []

    def count(model: Any, **_: Any) -> None:
        calls.append(f"{model.service_model.service_name}:{model.name}")

    settings = ConsumerSettings(store=StoreSettings(table_name=TABLE), topic_arn=topic)
    process_batch(_batch(k, 10_000 + k), dynamodb, sns, settings)  # warm-up (connections, models)
    for c in (dynamodb, sns):
        c.meta.events.register("before-call.*.*", count)
    timings = []
    for batch in range(ROUNDS):
        records = _batch(k, k * 1000 + batch)
        start = time.perf_counter()
        outcome = process_batch(records, dynamodb, sns, settings)
        timings.append((time.perf_counter() - start) * 1000)
        assert not outcome.failed_message_ids
    for c in (dynamodb, sns):
        c.meta.events.unregister("before-call.*.*", count)
    dynamo = sum(1 for c in calls if c.startswith("dynamodb:")) / ROUNDS
    publishes = sum(1 for c in calls if c in ("sns:Publish", "sns:PublishBatch")) / ROUNDS
    timings.sort()
    return {
        "case": f"10 events, {k} cases",
        "dynamodb_calls": dynamo,
        "budget_1_plus_k": 1 + k,
        "sns_publish_calls": publishes,
        "median_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1),
    }


def run() -> list[dict[str, Any]]:
    with moto_server() as endpoint, aws_environment(endpoint):
        dynamodb, sns, topic = _setup()
        return [measure(dynamodb, sns, topic, k) for k in (1, 3, 5, 10)]


if __name__ == "__main__":
    rows = run()
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))

"""Cases stream consumer: AWS calls and time per batch of 10 case events against a moto server.

For k = 1, 3, 5, 10 distinct cases in a batch of 10 CASE.* events, counts the DynamoDB calls (budget
2 + k + 10: one BatchWriteItem, one BatchGetItem of the states, one PutItem per case state, one claim
PutItem per notified event) and SNS publish calls (budget: one per 10 notifications), and times the
handler on a whole batch (warm clients, HTTP to moto on 127.0.0.1).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from benchmarks.common import REPO, Context, cold_start, counted_calls, local_aws, warm, zip_size
from devtools.sqs_events import sqs_event

TABLE = "bench-cases"
SAMPLE = REPO / "tests" / "events" / "cases" / "cases_event_docs_current_case_updated.json"


def _batch(k: int, batch: int) -> dict[str, Any]:
    """Ten CASE.UPDATED events over ``k`` cases; new IDs and times per batch, so every batch writes."""
    records = []
    for n in range(10):
        event = json.loads(SAMPLE.read_text())
        case = f"case-{k}-{n % k}"
        when = f"2024-05-01T{batch // 3600 % 24:02d}:{batch // 60 % 60:02d}:{batch % 60:02d}.{n:03d}Z"
        event.update(id=f"k{k}-b{batch}-e{n}", time=when)
        event["resources"] = [f"arn:aws:cases:us-east-1:123456789012:domain/bench/case/{case}"]
        event["detail"].update(eventType="CASE.UPDATED", approximateChangeTime=when)
        event["detail"]["case"]["caseId"] = case
        records.append(event)
    return sqs_event(records)


def _setup(dynamodb: Any, sns: Any) -> str:
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "caseId", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return sns.create_topic(Name="bench-case-notifications")["TopicArn"]


def run(invocations: int = int(os.environ.get("BENCH_INVOCATIONS", "1000"))) -> list[dict]:
    size = zip_size("cases")
    cold = cold_start("connect_data.cases.stream_handler", ["dynamodb", "sns"])
    rows = []
    with local_aws():
        from connect_data.common.aws import BATCH_CLIENT_CONFIG, client

        dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
        sns = client("sns", config=BATCH_CLIENT_CONFIG)
        os.environ.update(CASES_TABLE=TABLE, TOPIC_ARN=_setup(dynamodb, sns), POWERTOOLS_LOG_LEVEL="WARNING")
        from connect_data.cases.stream_handler import handler
        from connect_data.common.log import logger

        logger.setLevel(logging.WARNING)
        for k in (1, 3, 5, 10):
            counter = iter(range(10**9))
            handler(_batch(k, next(counter)), Context())
            with counted_calls([dynamodb, sns]) as counts:
                reply = handler(_batch(k, next(counter)), Context())
            assert reply == {"batchItemFailures": []}, reply
            timing = warm(lambda k=k, c=counter: handler(_batch(k, next(c)), Context()), invocations)
            dynamo_calls = sum(n for op, n in counts.items() if op not in ("PublishBatch", "Publish"))
            rows.append(
                {
                    "function": "cases stream",
                    "scenario": f"10 events, {k} cases",
                    "zip_kb": round(size / 1024, 1),
                    **{key: round(v, 2) for key, v in cold.items()},
                    **{key: round(v, 2) for key, v in timing.items()},
                    "dynamodb_calls": dynamo_calls,
                    "dynamodb_budget": 2 + k + 10,
                    "sns_publish_calls": counts["PublishBatch"] + counts["Publish"],
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

"""Customer lookup: zip size, cold start against the floor, warm time and DynamoDB calls per invocation."""

from __future__ import annotations

import logging
import os

from benchmarks.common import Context, cold_start, counted_calls, local_aws, warm, zip_size

PROFILES, CALLS = "bench-profiles", "bench-calls"


def _tables(dynamodb) -> None:
    for name in (PROFILES, CALLS):
        dynamodb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    dynamodb.put_item(TableName=PROFILES, Item={"PhoneNumber": {"S": "+14155550100"}, "FirstName": {"S": "Ana"}})


def run(invocations: int = 1000) -> list[dict]:
    from devtools.sample_events import flow_event

    size = zip_size("customer_lookup")
    cold = cold_start("connect_data.customer_lookup.handler", ["dynamodb"])
    rows = []
    with local_aws():
        os.environ.update(PROFILES_TABLE=PROFILES, ALLOWED_ATTRIBUTES="FirstName", POWERTOOLS_LOG_LEVEL="WARNING")
        from connect_data.common.aws import client
        from connect_data.common.log import logger
        from connect_data.customer_lookup.handler import handler

        logger.setLevel(logging.WARNING)
        dynamodb = client("dynamodb")
        _tables(dynamodb)
        scenarios = {
            "found": (flow_event(caller="+14155550100"), ""),
            "not found": (flow_event(caller="+14155550111"), ""),
            "found, recording calls": (flow_event(caller="+14155550100"), CALLS),
        }
        for label, (event, calls_table) in scenarios.items():
            os.environ["CALLS_TABLE"] = calls_table
            handler(event, Context())
            with counted_calls([dynamodb]) as counts:
                handler(event, Context())
            timing = warm(lambda e=event: handler(e, Context()), invocations)
            rows.append(
                {
                    "function": "customer_lookup",
                    "scenario": label,
                    "zip_kb": round(size / 1024, 1),
                    **{k: round(v, 2) for k, v in cold.items()},
                    **{k: round(v, 2) for k, v in timing.items()},
                    "aws_calls": sum(counts.values()),
                }
            )
    return rows

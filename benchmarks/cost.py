"""The cost model: what a scenario uses (invocations, GB-seconds, DynamoDB units, messages) and its price.

Prices are on-demand list prices of one region, in one table, with the date they were read. They leave out
free tiers and what this project does not add (Connect itself, CloudWatch Logs ingestion of flow logs that
Connect writes anyway, AWS service events on the default EventBridge bus, which are free).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PRICES_REGION = "us-east-1"
PRICES_DATE = "2026-12-02"
PRICES_USD = {
    # Lambda, arm64 (the modules' default architecture)
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_second": 0.0000133334,
    # DynamoDB on-demand, Standard table class (after the November 2024 price cut)
    "dynamodb_write_unit": 0.625 / 1e6,
    "dynamodb_read_unit": 0.125 / 1e6,
    # Messaging: an SQS request carries up to 64 KB; an SNS publish, and an e-mail delivery
    "sqs_request": 0.40 / 1e6,
    "sns_publish": 0.50 / 1e6,
    "sns_email": 2.00 / 1e5,
    # EventBridge custom events and events to another bus (AWS service events on the default bus are free)
    "eventbridge_event": 1.00 / 1e6,
    # S3 Standard (the analytics lake): PUT requests and storage
    "s3_put_request": 0.005 / 1e3,
    "s3_gb_month": 0.023,
    # Athena SQL queries: per TB scanned (10 MB minimum per query)
    "athena_tb_scanned": 5.00,
    # Kinesis Data Streams on-demand (the agent-event stream): per stream-hour, data in (each record rounded
    # up to 1 KB) and data out per GB
    "kinesis_stream_hour": 0.04,
    "kinesis_gb_in": 0.08,
    "kinesis_gb_out": 0.04,
}
GB = 1024**3
TB = 1024**4


@dataclass
class Usage:
    """What one scenario used, in the units AWS bills."""

    invocations: int = 0
    gb_seconds: float = 0.0
    write_units: float = 0.0
    read_units: float = 0.0
    sqs_requests: int = 0
    sns_publishes: int = 0
    sns_emails: int = 0
    eventbridge_events: int = 0
    s3_puts: int = 0
    s3_gb_months: float = 0.0
    athena_bytes_scanned: float = 0.0
    kinesis_stream_hours: float = 0.0
    kinesis_bytes_in: float = 0.0  # already rounded up to 1 KB per record, as on-demand bills it
    kinesis_bytes_out: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def add_invocation(self, seconds: float, memory_mb: int) -> None:
        self.invocations += 1
        # Lambda bills duration rounded up to the millisecond.
        self.gb_seconds += (max(1, -(-seconds * 1000 // 1)) / 1000) * (memory_mb / 1024)

    def usd(self) -> float:
        return (
            self.invocations * PRICES_USD["lambda_request"]
            + self.gb_seconds * PRICES_USD["lambda_gb_second"]
            + self.write_units * PRICES_USD["dynamodb_write_unit"]
            + self.read_units * PRICES_USD["dynamodb_read_unit"]
            + self.sqs_requests * PRICES_USD["sqs_request"]
            + self.sns_publishes * PRICES_USD["sns_publish"]
            + self.sns_emails * PRICES_USD["sns_email"]
            + self.eventbridge_events * PRICES_USD["eventbridge_event"]
            + self.s3_puts * PRICES_USD["s3_put_request"]
            + self.s3_gb_months * PRICES_USD["s3_gb_month"]
            + self.athena_bytes_scanned / TB * PRICES_USD["athena_tb_scanned"]
            + self.kinesis_stream_hours * PRICES_USD["kinesis_stream_hour"]
            + self.kinesis_bytes_in / GB * PRICES_USD["kinesis_gb_in"]
            + self.kinesis_bytes_out / GB * PRICES_USD["kinesis_gb_out"]
        )

    def row(self, scale: float, per: str) -> dict[str, Any]:
        """The usage scaled by ``scale`` to ``per`` (for example 1,000 contacts)."""
        return {
            "per": per,
            "invocations": round(self.invocations * scale, 1),
            "gb_s": round(self.gb_seconds * scale, 2),
            "wru": round(self.write_units * scale, 1),
            "rru": round(self.read_units * scale, 1),
            "messages": round((self.sqs_requests + self.sns_publishes + self.sns_emails) * scale, 1),
            "usd": round(self.usd() * scale, 4),
        }

"""What the demo sections share: verbose printing, the summary row each section answers, table counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import from_item

# Set by ``devtools.demo --verbose``: the replies and raw items each section drove are printed too.
VERBOSE = False


def say(text: str) -> None:
    if VERBOSE:
        print(text)


def show(label: str, value: Any) -> None:
    say(f"    {label:<38} {json.dumps(value, sort_keys=True, default=str)}")


@dataclass
class Summary:
    """One row of the demo's table: what a capability took in, stored and answered."""

    capability: str
    events_in: int = 0
    items_written: int = 0
    flow_answers: int = 0
    errors: int = 0
    dlq_messages: int | None = None  # None: the capability has no dead-letter queue
    note: str = ""


def scan(stack: Any, table: str) -> list[dict[str, Any]]:
    pages = stack.client("dynamodb").get_paginator("scan").paginate(TableName=table)
    return [from_item(item) for page in pages for item in page["Items"]]


def show_items(stack: Any, table: str, keys: tuple[str, ...] | None = None) -> int:
    """Print a table's items under --verbose; answers how many there are."""
    items = scan(stack, table)
    say(f"    table {table}: {len(items)} items")
    for item in items:
        show("", {k: item[k] for k in keys if k in item} if keys else item)
    return len(items)


def flow_errors(replies: list[dict[str, Any]]) -> int:
    """Flow answers carrying an error code (the flow branches on them; the demo drives some on purpose)."""
    return sum(1 for r in replies if r.get("error") or str(r.get("status", "")).upper() == "ERROR")


def dlq_messages(stack: Any, outputs: dict[str, Any], *, also: tuple[str, ...] = ()) -> int | None:
    """Messages waiting in the capability's dead-letter queues: every output ending in ``dead_letter_queue_url``
    (or ``dead_letter_queue_arn`` where no URL is output), and the outputs named in ``also``."""
    sqs = stack.client("sqs")
    urls = {v for k, v in outputs.items() if v and (k.endswith("dead_letter_queue_url") or k in also)}
    for key, arn in outputs.items():
        if key.endswith("dead_letter_queue_arn") and arn and not outputs.get(key.removesuffix("arn") + "url"):
            urls.add(sqs.get_queue_url(QueueName=arn.rsplit(":", 1)[-1])["QueueUrl"])
    if not urls:
        return None
    return sum(
        int(
            sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"][
                "ApproximateNumberOfMessages"
            ]
        )
        for url in sorted(urls)
    )

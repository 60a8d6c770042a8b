"""Small printing helpers shared by the demo sections."""

from __future__ import annotations

import json
from typing import Any

from connect_data.common.dynamo import from_item


def show(label: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True, default=str)
    print(f"    {label:<38} {text}")


def scan(stack: Any, table: str) -> list[dict[str, Any]]:
    pages = stack.client("dynamodb").get_paginator("scan").paginate(TableName=table)
    return [from_item(item) for page in pages for item in page["Items"]]

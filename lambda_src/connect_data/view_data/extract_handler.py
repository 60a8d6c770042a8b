"""Entry point of the extract function: ``connect_data.view_data.extract_handler.handler``.

Invoked by Terraform on apply (``aws_lambda_invocation``) and by EventBridge Scheduler. The event may
carry ``viewArns`` to read just those views; everything else comes from the environment.
"""

from __future__ import annotations

import json
import os
from typing import Any

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, env
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics
from connect_data.view_data.extract import ExtractSettings, extract_questions


class ExtractFailed(RuntimeError):
    """Nothing could be read from Connect: raised so the scheduler's retry policy and DLQ take over."""


def settings_from_env(event: dict[str, Any]) -> ExtractSettings:
    view_arns = event.get("viewArns") or [a for a in os.environ.get("VIEW_ARNS", "").split(",") if a.strip()]
    return ExtractSettings(
        instance_id=env("CONNECT_INSTANCE_ID"),
        questions_table_name=env("VIEW_QUESTIONS_TABLE"),
        view_arns=tuple(a.strip() for a in view_arns),
        scan_flows=os.environ.get("SCAN_FLOWS", "true").lower() == "true",
        label_overrides=json.loads(os.environ.get("LABEL_OVERRIDES", "{}") or "{}"),
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    event = event if isinstance(event, dict) else {}
    if (event.get("tf") or {}).get("action") == "delete":
        return {"skipped": "delete"}
    settings = settings_from_env(event)
    report = extract_questions(
        client("connect", config=BATCH_CLIENT_CONFIG), client("dynamodb", config=BATCH_CLIENT_CONFIG), settings
    )
    summary = report.summary()
    logger.info("questions extracted", extra=summary)
    if report.errors and report.views == 0 and report.flows == 0:
        raise ExtractFailed("; ".join(report.errors))
    return summary

"""Flow-invoked entry point: ``connect_data.view_data.normalize_handler.handler``.

Invoked from a flow after a Show view block with ``viewResultData`` (and optionally ``viewAction``);
answers a flat string map: the answers, ``status`` ok|partial|error, ``error``, ``failed``, ``contactKey``.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from botocore.config import Config

from connect_data.common.aws import client
from connect_data.common.flow import FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics
from connect_data.view_data.answers import ViewDataError
from connect_data.view_data.enrich import Budget
from connect_data.view_data.normalize import NormalizeSettings, Outcome, normalize_submission
from connect_data.view_data.questions import QuestionCache

# Tighter than the shared flow config: a call that has not answered in a second is better skipped,
# so the answers are written before the flow's own limit (often 3 s in guide flows) runs out.
VIEW_FLOW_CONFIG = Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 2, "mode": "standard"})
# Left for the DynamoDB write (two attempts of one second) when enrichment calls are cut short.
WRITE_RESERVE_MS = 2_000


class _LazyClient:
    """A client created on first use: most contacts have no campaign, so a cold start skips that client."""

    def __init__(self, service: str) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(client(self._service, config=VIEW_FLOW_CONFIG), name)


def settings_from_env() -> NormalizeSettings:
    return NormalizeSettings(
        table_name=os.environ["VIEW_DATA_TABLE"],
        questions_table_name=os.environ["VIEW_QUESTIONS_TABLE"],
        key_attribute=os.environ.get("KEY_ATTRIBUTE", "InitialContactId"),
        retention_days=int(os.environ.get("RETENTION_DAYS", "365")),
        time_zone=os.environ.get("TIME_ZONE", "UTC"),
        max_hops=int(os.environ.get("MAX_CHAIN_HOPS", "5")),
    )


@cache
def question_cache(table_name: str, refresh_seconds: float) -> QuestionCache:
    return QuestionCache(table_name=table_name, refresh_seconds=refresh_seconds)


def available_ms(context: Any) -> float:
    """The smaller of the function's time left and the flow's limit (FLOW_TIME_LIMIT_SECONDS)."""
    flow_limit = float(os.environ.get("FLOW_TIME_LIMIT_SECONDS", "8")) * 1000
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    return min(flow_limit, remaining()) if callable(remaining) else flow_limit


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        logger.warning("not a contact-flow event", extra={"error": ViewDataError.NOT_A_FLOW_EVENT})
        return flow_reply(status="error", error=ViewDataError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id)
    try:
        settings = settings_from_env()
        outcome = _normalize(flow, settings, context)
    except Exception:
        # A flow-invoked function always answers; the Error branch would lose the answers the flow holds.
        logger.exception("view data normalization failed")
        return flow_reply(status="error", error=ViewDataError.INTERNAL)
    logger.info(
        "view data stored" if outcome.error != ViewDataError.WRITE_FAILED else "view data NOT stored",
        extra={
            "status": outcome.status,
            "error": outcome.error,
            "failed": outcome.failures,
            "contact_key": outcome.key,
            "answers": len(outcome.answers),
            "aws_calls": outcome.aws_calls,
        },
    )
    return flow_reply(outcome.answers, **outcome.control())


def _normalize(flow: FlowEvent, settings: NormalizeSettings, context: Any) -> Outcome:
    return normalize_submission(
        flow,
        settings,
        dynamodb=client("dynamodb", config=VIEW_FLOW_CONFIG),
        connect=client("connect", config=VIEW_FLOW_CONFIG),
        campaigns=_LazyClient("connectcampaignsv2"),
        question_cache=question_cache(
            settings.questions_table_name, float(os.environ.get("QUESTIONS_REFRESH_SECONDS", "300"))
        ),
        budget=Budget.starting_now(available_ms(context), WRITE_RESERVE_MS),
    )

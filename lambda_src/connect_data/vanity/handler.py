"""Flow-invoked entry point: ``connect_data.vanity.handler.handler``.

Reply (flat string map): ``vanity1``..``vanity3`` (empty when not found), ``count`` (0-3), ``ssml``;
``moreCount`` (0-3) and ``ssmlMore`` for results 4-6 ("more choices"); ``source`` (``stored`` or
``new``); and ``error`` (+ ``errorDetail``) when the flow should branch: ``NO_NUMBER``,
``INVALID_NUMBER``, ``WITHHELD_NUMBER``, ``INVALID_SOURCE``, ``NOT_A_FLOW_EVENT``, ``LOOKUP_FAILED`` (the
search itself failed) carry no results; with ``RESULT_NOT_STORED`` the results are complete and are
read out, only the table write failed.
"""

from __future__ import annotations

import os
from typing import Any

from connect_data.common.aws import client
from connect_data.common.flow import FlowError, FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics
from connect_data.common.phone import InvalidNumber, mask_number
from connect_data.vanity.index import shipped_index
from connect_data.vanity.service import RESULT_NOT_STORED, SPOKEN, VanitySettings, number_to_spell, vanity_for
from connect_data.vanity.speech import Sentences, speech

# Loading at import time puts the index into the init phase, which Lambda runs at full CPU and does not
# bill on demand; the first caller's search then costs only the search.
_INDEX = shipped_index()


def settings_from_env() -> VanitySettings:
    return VanitySettings(
        table_name=os.environ["RESULTS_TABLE"],
        repeat_window_seconds=int(os.environ.get("REPEAT_WINDOW_SECONDS", "300")),
        ttl_seconds=int(os.environ.get("RESULT_TTL_SECONDS", str(30 * 86400))),
        default_country_code=os.environ.get("DEFAULT_COUNTRY_CODE", "1"),
        number_source=os.environ.get("NUMBER_SOURCE", "customer"),
        number_parameter=os.environ.get("NUMBER_PARAMETER", "phoneNumber"),
    )


def reply_for(vanities: list[str], source: str, sentences: Sentences, **extra: str | None) -> dict[str, str]:
    first, more = vanities[:SPOKEN], vanities[SPOKEN : 2 * SPOKEN]
    return flow_reply(
        {f"vanity{i}": first[i - 1] if i <= len(first) else "" for i in range(1, SPOKEN + 1)},
        count=len(first),
        ssml=speech(first, sentences),
        moreCount=len(more),
        ssmlMore=speech(more, sentences, first_option=SPOKEN + 1, more=True) if more else None,
        source=source,
        **extra,
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        logger.warning("not a contact-flow event", extra={"error": FlowError.NOT_A_FLOW_EVENT})
        return flow_reply(count=0, error=FlowError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id)
    settings = settings_from_env()
    try:
        number = number_to_spell(flow, settings)
    except InvalidNumber as err:
        logger.warning("no usable phone number", extra={"error": err.code, "detail": str(err)})
        return flow_reply(count=0, error=err.code)
    try:
        answer = vanity_for(client("dynamodb"), _INDEX, settings, number, flow.contact_id)
    except Exception as err:  # the flow gets an answer it can branch on, whatever went wrong
        logger.exception("vanity search failed", extra={"caller": mask_number(number)})
        return flow_reply(count=0, error=FlowError.LOOKUP_FAILED, errorDetail=type(err).__name__)
    logger.info(
        "vanity numbers",
        extra={"caller": mask_number(number), "found": len(answer.vanities), "stored": answer.served_from_store},
    )
    count(Metric.VANITY_RESULTS, len(answer.vanities))
    not_stored = {"error": RESULT_NOT_STORED, "errorDetail": answer.table_error} if answer.table_error else {}
    return reply_for(
        answer.vanities,
        "stored" if answer.served_from_store else "new",
        Sentences.from_parameters(flow.parameters),
        **not_stored,
    )

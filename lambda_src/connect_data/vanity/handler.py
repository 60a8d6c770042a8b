"""Flow-invoked entry point: ``connect_data.vanity.handler.handler``.

Reply (flat string map): ``vanity1``..``vanity3`` (present only when found), ``count``, ``ssml``,
``source`` (``stored`` or ``new``), and ``error`` (+ ``errorDetail``) when the flow should branch.
"""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import client, error_code
from connect_data.common.flow import FlowError, FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.phone import InvalidNumber, mask_number
from connect_data.vanity.index import shipped_index
from connect_data.vanity.search import speech
from connect_data.vanity.service import SPOKEN, VanitySettings, number_to_spell, vanity_for

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


def reply_for(vanities: list[str], source: str) -> dict[str, str]:
    spoken = vanities[:SPOKEN]
    return flow_reply(
        {f"vanity{i}": text for i, text in enumerate(spoken, start=1)},
        count=len(spoken),
        ssml=speech(spoken),
        source=source,
    )


@logger.inject_lambda_context(clear_state=True)
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
    except (ClientError, BotoCoreError) as err:
        logger.exception("results table call failed", extra={"caller": mask_number(number)})
        return flow_reply(count=0, error=FlowError.LOOKUP_FAILED, errorDetail=error_code(err))
    logger.info(
        "vanity numbers",
        extra={"caller": mask_number(number), "found": len(answer.vanities), "stored": answer.served_from_store},
    )
    return reply_for(answer.vanities, "stored" if answer.served_from_store else "new")

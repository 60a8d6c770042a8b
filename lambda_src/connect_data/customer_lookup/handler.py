"""Flow-invoked entry point: ``connect_data.customer_lookup.handler.handler``."""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import client, error_code
from connect_data.common.flow import FlowError, FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics
from connect_data.common.phone import InvalidNumber, mask_number
from connect_data.customer_lookup.lookup import LookupSettings, caller_number, find_profile, record_call


def settings_from_env() -> LookupSettings:
    allowed = os.environ.get("ALLOWED_ATTRIBUTES", "")
    return LookupSettings(
        table_name=os.environ["PROFILES_TABLE"],
        key_attribute=os.environ.get("KEY_ATTRIBUTE", "PhoneNumber"),
        number_source=os.environ.get("NUMBER_SOURCE", "customer"),
        number_parameter=os.environ.get("NUMBER_PARAMETER", "phoneNumber"),
        default_country_code=os.environ.get("DEFAULT_COUNTRY_CODE", "1"),
        allowed_attributes=frozenset(a.strip() for a in allowed.split(",") if a.strip()),
        calls_table_name=os.environ.get("CALLS_TABLE") or None,
        calls_ttl_days=int(os.environ.get("CALLS_TTL_DAYS", "365")),
    )


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        logger.warning("not a contact-flow event", extra={"error": FlowError.NOT_A_FLOW_EVENT})
        return flow_reply(found=False, error=FlowError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id)
    settings = settings_from_env()
    try:
        number = caller_number(flow, settings)
    except InvalidNumber as err:
        logger.warning("no usable phone number", extra={"error": err.code, "detail": str(err)})
        return flow_reply(found=False, error=err.code)
    try:
        profile = find_profile(client("dynamodb"), settings, number)
        if profile is not None and settings.calls_table_name:
            profile.update(record_call(client("dynamodb"), settings, number, flow.contact_id))
    except (ClientError, BotoCoreError) as err:
        logger.exception("profile lookup failed", extra={"caller": mask_number(number)})
        return flow_reply(found=False, error=FlowError.LOOKUP_FAILED, errorDetail=error_code(err))
    logger.info("profile lookup", extra={"caller": mask_number(number), "found": profile is not None})
    return flow_reply(profile or {}, found=profile is not None)

"""Flow-invoked entry point for TASK and CHAT contacts: ``connect_data.cases.flow_handler.handler``."""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.cases.contact import (
    CaseError,
    ContactSettings,
    case_id_of,
    case_reply,
    chat_notification,
    chat_reply,
    fetch_case,
    flat,
    publish,
)
from connect_data.cases.fields import field_list
from connect_data.common.aws import client, error_code
from connect_data.common.flow import FlowEvent, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import Metric, count, emits_metrics

_THROTTLES = {"ThrottlingException", "TooManyRequestsException", "Throttling", "RequestLimitExceeded"}


def settings_from_env() -> ContactSettings:
    custom = os.environ.get("CUSTOM_FIELD_IDS", "")
    notify = os.environ.get("NOTIFY_CONTACT_ATTRIBUTES", "")
    return ContactSettings(
        domain_id=os.environ.get("CASES_DOMAIN_ID") or None,
        field_ids=tuple(field_list(custom.split(","))),
        topic_arn=os.environ.get("TOPIC_ARN") or None,
        notify_attributes=frozenset(a.strip() for a in notify.split(",") if a.strip()),
    )


def _failure(code: str, **extra: Any) -> dict[str, str]:
    return flow_reply(status="ERROR", error=code, **extra)


def _task(flow: FlowEvent, settings: ContactSettings) -> dict[str, str]:
    case_id = case_id_of(flow)
    if not case_id:
        return _failure(CaseError.NO_CASE_REFERENCE)
    if not settings.domain_id:
        return _failure(CaseError.NOT_CONFIGURED, errorDetail="CASES_DOMAIN_ID")
    logger.append_keys(case_id=case_id)
    try:
        case = fetch_case(client("connectcases"), settings.domain_id, case_id, settings.field_ids)
    except ClientError as err:
        code = error_code(err)
        if code == "ResourceNotFoundException":
            return _failure(CaseError.CASE_NOT_FOUND, case_id=case_id)
        if code in _THROTTLES:
            return _failure(CaseError.THROTTLED, case_id=case_id)
        logger.exception("GetCase failed")
        return _failure(CaseError.CASE_LOOKUP_FAILED, case_id=case_id, errorDetail=code)
    except BotoCoreError as err:
        logger.exception("GetCase failed")
        return _failure(CaseError.CASE_LOOKUP_FAILED, case_id=case_id, errorDetail=type(err).__name__)
    reply = case_reply(case_id, case)
    return _publish_and_reply(flow, settings, reply, f"Task {flow.contact_id} for case {case_id}", "TASK")


def _publish_and_reply(
    flow: FlowEvent,
    settings: ContactSettings,
    reply: dict[str, Any],
    subject: str,
    channel: str,
    message: dict[str, Any] | None = None,
) -> dict[str, str]:
    """Publish ``message`` (default: the reply) and answer the flow ``reply``."""
    if settings.topic_arn:
        body = {"contactId": flow.contact_id, **(reply if message is None else message)}
        try:
            publish(client("sns"), settings.topic_arn, subject, body, channel)
        except (ClientError, BotoCoreError) as err:
            logger.exception("publishing to SNS failed")
            code = error_code(err)
            failure = CaseError.THROTTLED if code in _THROTTLES else CaseError.PUBLISH_FAILED
            return flow_reply(flat(reply), status="ERROR", error=failure, errorDetail=code)
        count(Metric.NOTIFICATIONS_SENT)
    return flow_reply(flat(reply), status="OK")


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        return _failure(CaseError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id, channel=flow.channel)
    settings = settings_from_env()
    channel = (flow.channel or "").upper()
    if channel == "TASK":
        return _task(flow, settings)
    if channel == "CHAT":
        notification = chat_notification(flow, settings.notify_attributes)
        return _publish_and_reply(flow, settings, chat_reply(flow), f"Chat {flow.contact_id}", "CHAT", notification)
    return _failure(CaseError.UNSUPPORTED_CHANNEL, channel=flow.channel)

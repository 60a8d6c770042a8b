"""The TASK/CHAT flow function's logic: a task's case (GetCase, every field decoded) or a chat's
attributes, published to SNS and answered to the flow with ``case_`` / ``chat_`` prefixes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from connect_data.cases.fields import GET_CASE_MAX_FIELDS, decode_case_fields
from connect_data.common.flow import FlowEvent, flat_string

# A task created from a case links back to it with a URL reference such as
# https://<alias>.my.connect.aws/cases/agent-app/case-detail/<caseId>.
_CASE_URL = re.compile(r"/case-detail/(?P<case>[A-Za-z0-9-]{8,})")
_CASE_ID = re.compile(r"^[A-Za-z0-9-]{8,500}$")


class CaseError:
    """Error codes the flow branches on (``$.External.error``); listed in modules/cases/README.md."""

    NOT_A_FLOW_EVENT = "NOT_A_FLOW_EVENT"
    UNSUPPORTED_CHANNEL = "UNSUPPORTED_CHANNEL"
    NO_CASE_REFERENCE = "NO_CASE_REFERENCE"
    CASE_NOT_FOUND = "CASE_NOT_FOUND"
    THROTTLED = "THROTTLED"
    CASE_LOOKUP_FAILED = "CASE_LOOKUP_FAILED"
    PUBLISH_FAILED = "PUBLISH_FAILED"
    NOT_CONFIGURED = "NOT_CONFIGURED"


@dataclass(frozen=True)
class ContactSettings:
    domain_id: str | None
    field_ids: tuple[str, ...]
    topic_arn: str | None
    # The chat's contact attributes a notification may carry (e-mail subscribers read them in clear).
    notify_attributes: frozenset[str] = frozenset()


def case_id_of(flow: FlowEvent) -> str | None:
    """The case a TASK contact belongs to: a ``caseId`` flow parameter or contact attribute, else the
    case-detail URL in one of the task's references."""
    for candidate in (flow.parameter("caseId"), flow.attributes.get("caseId")):
        if candidate and _CASE_ID.match(str(candidate)):
            return str(candidate)
    for name, reference in sorted(flow.references.items()):
        if not isinstance(reference, Mapping):
            continue
        value = str(reference.get("Value") or "")
        match = _CASE_URL.search(value)
        if match:
            return match.group("case")
        if name.lower() in ("caseid", "case_id", "case") and _CASE_ID.match(value):
            return value
    return None


def fetch_case(cases: Any, domain_id: str, case_id: str, field_ids: Iterable[str]) -> dict[str, Any]:
    """The case's template and fields (every page of them), ``field_ids`` asked 220 at a time."""
    ids = list(dict.fromkeys(field_ids))
    values: dict[str, Any] = {}
    template_id = ""
    for start in range(0, len(ids), GET_CASE_MAX_FIELDS):
        chunk = [{"id": f} for f in ids[start : start + GET_CASE_MAX_FIELDS]]
        token: str | None = None
        while True:
            page = cases.get_case(
                domainId=domain_id, caseId=case_id, fields=chunk, **({"nextToken": token} if token else {})
            )
            template_id = page.get("templateId", template_id)
            values.update(decode_case_fields(page.get("fields", [])))
            token = page.get("nextToken")
            if not token:
                break
    return {"templateId": template_id, "fields": values}


def case_reply(case_id: str, case: Mapping[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = {"case_id": case_id, "case_template_id": case.get("templateId")}
    reply.update({f"case_{k}": v for k, v in case["fields"].items() if v is not None})
    return reply


def chat_reply(flow: FlowEvent) -> dict[str, Any]:
    """What the flow is answered: the chat's own attributes, which the flow holds already."""
    reply: dict[str, Any] = {"chat_contact_id": flow.contact_id}
    reply.update({f"chat_{k}": v for k, v in flow.attributes.items() if v is not None})
    return reply


def chat_notification(flow: FlowEvent, allowed: frozenset[str]) -> dict[str, Any]:
    """What a chat's notification carries: the contact ID and only the allow-listed attributes, because
    the topic's subscribers (e-mail) get them in clear and attributes often hold what a customer typed."""
    message: dict[str, Any] = {"chat_contact_id": flow.contact_id}
    message.update({f"chat_{k}": v for k, v in flow.attributes.items() if k in allowed and v is not None})
    return message


def publish(sns: Any, topic_arn: str, subject: str, message: Mapping[str, Any], channel: str) -> str:
    response = sns.publish(
        TopicArn=topic_arn,
        Subject=subject[:100],
        Message=json.dumps(message, sort_keys=True, indent=2, default=str),
        MessageAttributes={"channel": {"DataType": "String", "StringValue": channel}},
    )
    return str(response.get("MessageId", ""))


def flat(values: Mapping[str, Any]) -> dict[str, str]:
    return {k: flat_string(v) for k, v in values.items() if v is not None}

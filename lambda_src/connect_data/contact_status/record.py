"""Record function (flow-invoked): the flow's ``Parameters`` as custom attributes on the contact's item.

Entry point ``connect_data.contact_status.record.handler``. It also stamps the customer identifier (the
normalized customer endpoint) that the history function's index is keyed by. One conditional update when
the item already has custom attributes, two the first time (the map must exist before keys go into it).
"""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import client, error_code
from connect_data.common.dynamo import serialize
from connect_data.common.flow import FlowError, FlowEvent, flat_string, flow_reply
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics
from connect_data.common.timeutil import now_ms, ttl_after
from connect_data.contact_status.customer import TRUST_PARAMETER_ENV, customer_key, trusts_parameter

MAX_ATTRIBUTES = 50
MAX_VALUE_CHARS = 1_024
RECORD_FAILED = "RECORD_FAILED"
FLOW_OWNED = frozenset({"CustomerId", "QueueName", "RecordedAt"})
TOO_MANY_ATTRIBUTES = "TOO_MANY_ATTRIBUTES"


class TooManyAttributes(ValueError):
    """More parameters than MAX_ATTRIBUTES; the flow gets the constant code, never an exception message."""

    code = TOO_MANY_ATTRIBUTES


def customer_id(flow: FlowEvent, default_country_code: str = "1", *, trust_parameter: bool = False) -> str | None:
    """The key of the customer index for this contact (:func:`customer_key` of its customer endpoint); a
    ``customerId`` flow parameter only when the deployment trusts it (a flow passing caller input would
    otherwise let one caller read another's contacts)."""
    explicit = flow.parameter("customerId") if trust_parameter else None
    if explicit:
        return explicit
    endpoint = flow.contact.get("CustomerEndpoint")
    kind = endpoint.get("Type") if isinstance(endpoint, dict) else None
    return customer_key(flow.customer_number, kind, default_country_code)


def record_attributes(
    dynamodb: Any,
    table: str,
    flow: FlowEvent,
    *,
    retention_minutes: int = 1440,
    default_country_code: str = "1",
    trust_parameter: bool = False,
) -> int:
    """Store the parameters; answers how many were stored. Raises TooManyAttributes when there are too many."""
    attributes = {
        str(k): flat_string(v)[:MAX_VALUE_CHARS]
        for k, v in flow.parameters.items()
        if k != "customerId" and v is not None
    }
    if len(attributes) > MAX_ATTRIBUTES:
        raise TooManyAttributes(f"{len(attributes)} parameters, at most {MAX_ATTRIBUTES}")
    now = now_ms()
    facts: dict[str, Any] = {
        "CustomerId": customer_id(flow, default_country_code, trust_parameter=trust_parameter),
        "Channel": flow.channel,
        "InitiationMethod": flow.initiation_method,
        "InstanceArn": flow.instance_arn,
        "PreviousContactId": flow.previous_contact_id if flow.previous_contact_id != flow.contact_id else None,
        "QueueName": flow.queue_name,
        "RecordedAt": now,
    }
    names = {"#CA": "CustomAttributes", "#IC": "InitialContactId", "#LE": "LastEventAt", "#EX": "ExpiresAt"}
    values: dict[str, Any] = {
        ":ic": serialize(flow.initial_contact_id or flow.contact_id),
        ":now": serialize(now),
        ":ttl": serialize(ttl_after(retention_minutes * 60, from_ms=now)),
    }
    sets = ["#IC = if_not_exists(#IC, :ic)", "#LE = if_not_exists(#LE, :now)", "#EX = if_not_exists(#EX, :ttl)"]
    for i, (name, value) in enumerate(sorted(facts.items())):
        if value is not None:
            names[f"#f{i}"] = name
            values[f":f{i}"] = serialize(value)
            # Contact events own the contact's own facts; the flow only fills them in when none came yet.
            sets.append(f"#f{i} = :f{i}" if name in FLOW_OWNED else f"#f{i} = if_not_exists(#f{i}, :f{i})")
    into_map = list(sets)
    for i, (name, value) in enumerate(sorted(attributes.items())):
        names[f"#a{i}"] = name
        values[f":a{i}"] = serialize(value)
        into_map.append(f"#CA.#a{i} = :a{i}")
    key = {"ContactId": {"S": str(flow.contact_id)}}
    try:
        dynamodb.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET " + ", ".join(into_map),
            ConditionExpression="attribute_exists(#CA)",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
        return len(attributes)
    except dynamodb.exceptions.ConditionalCheckFailedException:
        pass  # no custom attributes yet: create the map whole, unless someone else just did
    whole_names = {k: v for k, v in names.items() if not k.startswith("#a")}
    whole_values = {k: v for k, v in values.items() if not k.startswith(":a")}
    whole_values[":attrs"] = serialize(attributes)
    try:
        dynamodb.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET " + ", ".join([*sets, "#CA = :attrs"]),
            ConditionExpression="attribute_not_exists(#CA)",
            ExpressionAttributeNames=whole_names,
            ExpressionAttributeValues=whole_values,
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return record_attributes(
            dynamodb,
            table,
            flow,
            retention_minutes=retention_minutes,
            default_country_code=default_country_code,
            trust_parameter=trust_parameter,
        )
    return len(attributes)


@logger.inject_lambda_context(clear_state=True)
@emits_metrics(flow=True)
def handler(event: Any, context: Any) -> dict[str, str]:
    flow = FlowEvent.parse(event)
    if not flow.is_flow_event:
        return flow_reply(recorded=False, error=FlowError.NOT_A_FLOW_EVENT)
    logger.append_keys(contact_id=flow.contact_id)
    try:
        count = record_attributes(
            client("dynamodb"),
            os.environ["STATUS_TABLE"],
            flow,
            retention_minutes=int(os.environ.get("RETENTION_MINUTES", "1440")),
            default_country_code=os.environ.get("DEFAULT_COUNTRY_CODE", "1"),
            trust_parameter=trusts_parameter(os.environ.get(TRUST_PARAMETER_ENV)),
        )
    except TooManyAttributes as err:
        return flow_reply(recorded=False, error=err.code)
    except (ClientError, BotoCoreError) as err:
        logger.exception("recording failed")
        return flow_reply(recorded=False, error=RECORD_FAILED, errorDetail=error_code(err))
    except Exception:
        # Anything else (a value the serializer refuses, a bug): a constant the flow can branch on.
        logger.exception("recording failed unexpectedly")
        return flow_reply(recorded=False, error=FlowError.INTERNAL)
    return flow_reply(recorded=True, attributeCount=count)

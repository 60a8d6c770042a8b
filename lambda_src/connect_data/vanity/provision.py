"""Phone number -> contact flow associations, for ``aws_lambda_invocation`` with ``lifecycle_scope = "CRUD"``.

The AWS provider 5.x has no resource for a phone number's flow (it arrived in provider 6), so the
module invokes this function on create, update and delete. Input::

    {"instanceId": "...", "associations": {"<phone number id>": "<contact flow id or ARN>"},
     "tf": {"action": "create" | "update" | "delete", "prev_input": {...}}}

A number is left as it was found: before its first association the function reads the flow it points
at (``DescribePhoneNumber`` for its ARN, then ``BatchGetFlowAssociation``) and records it; on delete,
and on update for numbers taken out of the map, it points the number back at that flow (or frees it
when it had none, or when that flow is gone) and forgets the record.

Where the record lives: a small item per number in the module's results table (key
``flow-before#<phone number id>``, which no E.164 key can equal). ``tf.prev_input`` only carries the
previous *input*, and Terraform never hands the invocation's result back to the function, so neither
can carry what Connect had before; an item can, across any number of CRUD calls, and it is written
only when none exists, so a create retried after a half-done apply never records this module's own
flow as "what was there". Tagging the phone number instead would show up as drift wherever the number
itself is managed by Terraform.

Every call is idempotent: associating sets the number's flow whatever it was, and disassociating a
number that is already free (or gone) counts as done. A failure raises, so ``terraform apply`` fails
and says which number.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.config import Config

from connect_data.common.aws import client
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics

# Provisioning runs at apply time, not in a call: retries are cheaper than a failed apply.
PROVISION_CLIENT_CONFIG = Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 5, "mode": "standard"})
RECORD_KEY_ATTRIBUTE = "PhoneNumber"
RECORD_KEY_PREFIX = "flow-before#"
FLOW_ASSOCIATION_BATCH = 100  # BatchGetFlowAssociation takes at most 100 resource IDs


class ProvisioningInputError(ValueError):
    pass


@dataclass(frozen=True)
class AssociationChange:
    associate: dict[str, str]
    restore: list[str]
    newly_managed: list[str] = field(default_factory=list)


def _associations(payload: Any) -> tuple[str | None, dict[str, str]]:
    if not isinstance(payload, Mapping):
        return None, {}
    associations = payload.get("associations") or {}
    if not isinstance(associations, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in associations.items()
    ):
        raise ProvisioningInputError("associations must map phone number IDs to contact flow IDs")
    instance = payload.get("instanceId")
    return (str(instance) if instance else None), dict(associations)


def plan_changes(event: Mapping[str, Any]) -> tuple[str, AssociationChange]:
    """The instance and what to associate, record first and restore for this ``tf.action``."""
    raw_tf = event.get("tf")
    tf: Mapping[str, Any] = raw_tf if isinstance(raw_tf, Mapping) else {}
    action = str(tf.get("action") or "create")
    instance, wanted = _associations(event)
    previous_instance, previous = _associations(tf.get("prev_input"))
    instance = instance or previous_instance
    if not instance:
        raise ProvisioningInputError("instanceId is required")
    if action == "delete":
        return instance, AssociationChange(associate={}, restore=sorted(set(wanted) | set(previous)))
    if action not in ("create", "update"):
        raise ProvisioningInputError(f"unknown tf.action {action!r}")
    gone = sorted(set(previous) - set(wanted))
    if action == "create":
        # Every number is (re)associated, so a number someone changed by hand is put right.
        return instance, AssociationChange(
            associate=dict(sorted(wanted.items())), restore=gone, newly_managed=sorted(wanted)
        )
    changed = {number: flow for number, flow in sorted(wanted.items()) if previous.get(number) != flow}
    return instance, AssociationChange(
        associate=changed, restore=gone, newly_managed=sorted(set(wanted) - set(previous))
    )


def _flow_id(flow: str) -> str:
    """A flow ID from an ID or an ARN (``.../contact-flow/<id>``)."""
    return flow.rsplit("/", 1)[-1]


def current_flows(connect: Any, instance_id: str, numbers: Iterable[str]) -> dict[str, str | None]:
    """The flow each number points at now (``None``: none): its ARN, then one batch read per 100 numbers."""
    arn_of = {
        n: str(connect.describe_phone_number(PhoneNumberId=n)["ClaimedPhoneNumberSummary"]["PhoneNumberArn"])
        for n in numbers
    }
    number_of = {arn: n for n, arn in arn_of.items()}
    flows: dict[str, str | None] = dict.fromkeys(arn_of)
    arns = sorted(number_of)
    for start in range(0, len(arns), FLOW_ASSOCIATION_BATCH):
        page = connect.batch_get_flow_association(
            InstanceId=instance_id,
            ResourceIds=arns[start : start + FLOW_ASSOCIATION_BATCH],
            ResourceType="VOICE_PHONE_NUMBER",
        )
        for summary in page.get("FlowAssociationSummaryList", []):
            number = number_of.get(str(summary.get("ResourceId")))
            if number and summary.get("FlowId"):
                flows[number] = _flow_id(str(summary["FlowId"]))
    return flows


def _record_key(number: str) -> dict[str, Any]:
    return {RECORD_KEY_ATTRIBUTE: {"S": RECORD_KEY_PREFIX + number}}


def remember_flows(dynamodb: Any, table: str, flows: Mapping[str, str | None]) -> list[str]:
    """Record each number's flow unless a record exists already; the numbers recorded now."""
    recorded = []
    for number, flow in sorted(flows.items()):
        item = {**_record_key(number), "PhoneNumberId": {"S": number}}
        if flow:
            item["PreviousFlowId"] = {"S": flow}
        try:
            dynamodb.put_item(
                TableName=table, Item=item, ConditionExpression=f"attribute_not_exists({RECORD_KEY_ATTRIBUTE})"
            )
        except dynamodb.exceptions.ConditionalCheckFailedException:
            continue  # recorded by an earlier call: that one saw the number before this module touched it
        recorded.append(number)
    return recorded


def remembered_flow(dynamodb: Any, table: str, number: str) -> tuple[bool, str | None]:
    """Whether a record exists for ``number`` and the flow it holds (``None``: the number had none)."""
    item = dynamodb.get_item(TableName=table, Key=_record_key(number), ConsistentRead=True).get("Item")
    if item is None:
        return False, None
    return True, (item.get("PreviousFlowId") or {}).get("S")


def _disassociate(connect: Any, instance_id: str, number: str) -> None:
    try:
        connect.disassociate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance_id)
    except connect.exceptions.ResourceNotFoundException:
        logger.info("phone number already free or gone", extra={"phone_number_id": number})


def restore_number(connect: Any, dynamodb: Any, table: str, instance_id: str, number: str) -> str | None:
    """Point ``number`` back at the flow it had before this module (free it when it had none or that flow
    is gone); the flow it points at afterwards."""
    known, flow = remembered_flow(dynamodb, table, number)
    if not known:
        logger.warning("no record of the flow before; freeing the number", extra={"phone_number_id": number})
    restored: str | None = None
    if flow:
        try:
            connect.associate_phone_number_contact_flow(
                PhoneNumberId=number, InstanceId=instance_id, ContactFlowId=flow
            )
            restored = flow
        except connect.exceptions.ResourceNotFoundException:
            logger.warning("the previous flow is gone; freeing the number", extra={"phone_number_id": number})
    if restored is None:
        _disassociate(connect, instance_id, number)
    dynamodb.delete_item(TableName=table, Key=_record_key(number))
    return restored


def apply_changes(
    connect: Any, dynamodb: Any, table: str, instance_id: str, change: AssociationChange
) -> dict[str, Any]:
    done: dict[str, Any] = {"associated": [], "restored": {}, "disassociated": [], "recorded": []}
    if change.newly_managed:
        # Read every number before writing any, so what is recorded is what the estate had.
        done["recorded"] = remember_flows(dynamodb, table, current_flows(connect, instance_id, change.newly_managed))
    for number in change.restore:
        flow = restore_number(connect, dynamodb, table, instance_id, number)
        if flow:
            done["restored"][number] = flow
        else:
            done["disassociated"].append(number)
    for number, flow in change.associate.items():
        connect.associate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance_id, ContactFlowId=flow)
        done["associated"].append(number)
    return done


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    if not isinstance(event, Mapping):
        raise ProvisioningInputError("the input must be a JSON object")
    instance_id, change = plan_changes(event)
    done = apply_changes(
        client("connect", config=PROVISION_CLIENT_CONFIG),
        client("dynamodb", config=PROVISION_CLIENT_CONFIG),
        os.environ["FLOW_RECORD_TABLE"],
        instance_id,
        change,
    )
    logger.info("phone number flows", extra=done)
    return {"instanceId": instance_id, **done}

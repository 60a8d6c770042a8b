"""Phone number -> contact flow associations, for ``aws_lambda_invocation`` with ``lifecycle_scope = "CRUD"``.

The AWS provider 5.x has no resource for a phone number's flow (it arrived in provider 6), so the
module invokes this function on create, update and delete. Input::

    {"instanceId": "...", "associations": {"<phone number id>": "<contact flow id or ARN>"},
     "tf": {"action": "create" | "update" | "delete", "prev_input": {...}}}

Every call is idempotent: associating sets the number's flow whatever it was, and disassociating a
number that is already free (or gone) counts as done. A failure raises, so ``terraform apply`` fails
and says which number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botocore.config import Config

from connect_data.common.aws import client
from connect_data.common.log import logger

# Provisioning runs at apply time, not in a call: retries are cheaper than a failed apply.
PROVISION_CLIENT_CONFIG = Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 5, "mode": "standard"})


class ProvisioningInputError(ValueError):
    pass


@dataclass(frozen=True)
class AssociationChange:
    associate: dict[str, str]
    disassociate: list[str]


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
    """The instance and what to (dis)associate for this ``tf.action``."""
    raw_tf = event.get("tf")
    tf: Mapping[str, Any] = raw_tf if isinstance(raw_tf, Mapping) else {}
    action = str(tf.get("action") or "create")
    instance, wanted = _associations(event)
    previous_instance, previous = _associations(tf.get("prev_input"))
    instance = instance or previous_instance
    if not instance:
        raise ProvisioningInputError("instanceId is required")
    if action == "delete":
        return instance, AssociationChange(associate={}, disassociate=sorted(set(wanted) | set(previous)))
    if action not in ("create", "update"):
        raise ProvisioningInputError(f"unknown tf.action {action!r}")
    gone = sorted(set(previous) - set(wanted))
    changed = {number: flow for number, flow in sorted(wanted.items()) if previous.get(number) != flow}
    # On create every number is (re)associated, so a number someone changed by hand is put right.
    return instance, AssociationChange(
        associate=dict(sorted(wanted.items())) if action == "create" else changed, disassociate=gone
    )


def apply_changes(connect: Any, instance_id: str, change: AssociationChange) -> dict[str, list[str]]:
    done: dict[str, list[str]] = {"associated": [], "disassociated": []}
    for number in change.disassociate:
        try:
            connect.disassociate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance_id)
        except connect.exceptions.ResourceNotFoundException:
            logger.info("phone number already free or gone", extra={"phone_number_id": number})
        done["disassociated"].append(number)
    for number, flow in change.associate.items():
        connect.associate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance_id, ContactFlowId=flow)
        done["associated"].append(number)
    return done


@logger.inject_lambda_context(clear_state=True)
def handler(event: Any, context: Any) -> dict[str, Any]:
    if not isinstance(event, Mapping):
        raise ProvisioningInputError("the input must be a JSON object")
    instance_id, change = plan_changes(event)
    done = apply_changes(client("connect", config=PROVISION_CLIENT_CONFIG), instance_id, change)
    logger.info("phone number flows", extra=done)
    return {"instanceId": instance_id, **done}

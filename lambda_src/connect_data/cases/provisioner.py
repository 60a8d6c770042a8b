"""``aws_lambda_invocation`` (``lifecycle_scope = "CRUD"``) entry point: ``connect_data.cases.provisioner.handler``.

Terraform sends the module's input plus ``tf = {"action": "create" | "update" | "delete", "prev_input":
<the previous input or null>}``. Create and update converge on the input; delete undoes what the input
asked for. An exception fails the invocation, so Terraform reports it and keeps the resource in state.

The event integration is made here too, not by ``aws_appintegrations_event_integration``: the AWS
provider (5.x) only accepts ``aws.partner/*`` event sources there and refuses ``aws.cases``.

A domain's event configuration is left as it was found. Before this module first changes it, the
configuration as it was is recorded (:class:`ConfigurationRecords`: one item in the module's case
table, key ``provisioning#case-event-configuration`` / the domain ID, written only when none exists);
delete then takes out only the fields this module added, puts related-item content back as it was,
and switches delivery off only when ``disable_on_delete`` asks for it (default ``False``: another team
may rely on delivery). The record is an item because ``tf.prev_input`` carries only the previous
input and Terraform never hands the invocation's result back to the function.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connect_data.cases.event_streams import (
    DEFAULT_SOURCE_APPLICATION_NAME,
    associate_event_integration,
    delete_event_integration,
    disassociate_event_integration,
    enable_case_events,
    ensure_event_integration,
    find_event_integration_arn,
    get_event_configuration,
    merged_event_configuration,
    remove_case_event_fields,
)
from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.common.log import logger
from connect_data.common.metrics import emits_metrics

ACTIONS = ("create", "update", "delete")
RECORD_PARTITION = "provisioning#case-event-configuration"


@dataclass(frozen=True)
class StreamRequest:
    instance_id: str
    domain_id: str
    integration_name: str
    source_application_url: str
    source_application_name: str
    fields: tuple[str, ...]
    disable_on_delete: bool

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> StreamRequest:
        missing = [k for k in ("instance_id", "domain_id", "integration_name") if not payload.get(k)]
        if missing:
            raise ValueError(f"input lacks {', '.join(missing)}")
        fields = payload.get("fields") or []
        if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
            raise ValueError("fields must be a list of field IDs")
        return cls(
            instance_id=str(payload["instance_id"]),
            domain_id=str(payload["domain_id"]),
            integration_name=str(payload["integration_name"]),
            source_application_url=str(payload.get("source_application_url") or payload["domain_id"]),
            source_application_name=str(payload.get("source_application_name") or DEFAULT_SOURCE_APPLICATION_NAME),
            fields=tuple(dict.fromkeys(fields)),
            disable_on_delete=bool(payload.get("disable_on_delete", False)),
        )


@dataclass(frozen=True)
class ConfigurationRecords:
    """Each domain's event configuration as it was before this module changed it, one item per domain."""

    dynamodb: Any
    table: str

    def _key(self, domain_id: str) -> dict[str, Any]:
        return {"caseId": {"S": RECORD_PARTITION}, "sk": {"S": domain_id}}

    def remember(self, domain_id: str, configuration: Mapping[str, Any]) -> bool:
        """Record ``configuration`` unless a record exists (the first one saw the domain untouched)."""
        item = {**self._key(domain_id), "configuration": {"S": json.dumps(configuration, sort_keys=True)}}
        try:
            self.dynamodb.put_item(TableName=self.table, Item=item, ConditionExpression="attribute_not_exists(sk)")
        except self.dynamodb.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def before(self, domain_id: str) -> dict[str, Any] | None:
        item = self.dynamodb.get_item(TableName=self.table, Key=self._key(domain_id), ConsistentRead=True).get("Item")
        return json.loads(item["configuration"]["S"]) if item else None

    def forget(self, domain_id: str) -> None:
        self.dynamodb.delete_item(TableName=self.table, Key=self._key(domain_id))


def _field_ids(configuration: Mapping[str, Any] | None) -> set[str]:
    return {f["id"] for f in merged_event_configuration(configuration)["includedData"]["caseData"]["fields"]}


def _restore_configuration(request: StreamRequest, cases: Any, records: ConfigurationRecords) -> bool:
    """Take out the fields this module added; related-item content back as it was before (when known)."""
    before = records.before(request.domain_id)
    kept = _field_ids(before)
    content = None if before is None else merged_event_configuration(before)["includedData"]["relatedItemData"]
    changed = remove_case_event_fields(
        cases,
        request.domain_id,
        [f for f in request.fields if f not in kept],
        disable_when_empty=request.disable_on_delete,
        include_content=None if content is None else bool(content["includeContent"]),
    )
    return changed


def _undo(
    request: StreamRequest, connect: Any, appintegrations: Any, cases: Any, records: ConfigurationRecords
) -> dict[str, Any]:
    integration_arn = find_event_integration_arn(appintegrations, request.integration_name)
    removed = disassociate_event_integration(connect, request.instance_id, integration_arn) if integration_arn else 0
    changed = _restore_configuration(request, cases, records)
    deleted = delete_event_integration(appintegrations, request.integration_name) if integration_arn else False
    # Forgotten last, so a delete retried after any failure above still knows what to restore.
    records.forget(request.domain_id)
    return {"associations_removed": removed, "configuration_changed": changed, "integration_deleted": deleted}


def apply_stream_request(
    action: str,
    request: StreamRequest,
    previous: StreamRequest | None,
    connect: Any,
    appintegrations: Any,
    cases: Any,
    records: ConfigurationRecords,
) -> dict[str, Any]:
    """Bring the instance and domain to what ``action`` asks for; a summary Terraform keeps as the result."""
    if action == "delete":
        return {"action": action, **_undo(request, connect, appintegrations, cases, records)}

    drop: tuple[str, ...] = ()
    if previous is not None:
        moved = (previous.instance_id, previous.integration_name) != (request.instance_id, request.integration_name)
        if moved or previous.domain_id != request.domain_id:
            if previous.integration_name != request.integration_name:
                _undo(previous, connect, appintegrations, cases, records)
            else:
                arn = find_event_integration_arn(appintegrations, previous.integration_name)
                if arn and previous.instance_id != request.instance_id:
                    disassociate_event_integration(connect, previous.instance_id, arn)
                if previous.domain_id != request.domain_id:
                    _restore_configuration(previous, cases, records)
                    records.forget(previous.domain_id)
        if previous.domain_id == request.domain_id:
            # Fields this module asked for before and no longer does; fields others had before stay.
            kept = _field_ids(records.before(request.domain_id))
            drop = tuple(f for f in previous.fields if f not in request.fields and f not in kept)
    integration_arn = ensure_event_integration(appintegrations, request.integration_name)
    association_id = associate_event_integration(
        connect,
        request.instance_id,
        integration_arn,
        request.source_application_url,
        request.source_application_name,
    )
    current = get_event_configuration(cases, request.domain_id)
    if previous is None or previous.domain_id != request.domain_id:
        records.remember(request.domain_id, current)
    changed = enable_case_events(cases, request.domain_id, request.fields, drop=drop, current=current)
    return {
        "action": action,
        "event_integration_arn": integration_arn,
        "association_id": association_id or "",
        "configuration_changed": changed,
        "fields": len(request.fields),
    }


def handle(
    event: Mapping[str, Any], connect: Any, appintegrations: Any, cases: Any, records: ConfigurationRecords
) -> dict[str, Any]:
    raw_tf = event.get("tf")
    tf: Mapping[str, Any] = raw_tf if isinstance(raw_tf, Mapping) else {}
    action = str(tf.get("action") or "create")
    if action not in ACTIONS:
        raise ValueError(f"tf.action must be one of {', '.join(ACTIONS)}, not {action!r}")
    payload = {k: v for k, v in event.items() if k != "tf"}
    raw_prev = tf.get("prev_input")
    prev: Mapping[str, Any] | None = raw_prev if isinstance(raw_prev, Mapping) else None
    if action == "delete" and not payload.get("instance_id") and prev:
        payload = dict(prev)
    request = StreamRequest.parse(payload)
    previous = StreamRequest.parse(prev) if prev and action == "update" else None
    return apply_stream_request(action, request, previous, connect, appintegrations, cases, records)


@logger.inject_lambda_context(clear_state=True)
@emits_metrics()
def handler(event: Any, context: Any) -> dict[str, Any]:
    if not isinstance(event, Mapping):
        raise ValueError("the input must be a JSON object")
    result = handle(
        event,
        client("connect", config=BATCH_CLIENT_CONFIG),
        client("appintegrations", config=BATCH_CLIENT_CONFIG),
        client("connectcases", config=BATCH_CLIENT_CONFIG),
        ConfigurationRecords(client("dynamodb", config=BATCH_CLIENT_CONFIG), os.environ["CONFIGURATION_RECORD_TABLE"]),
    )
    logger.info("case event streams provisioned", extra=result)
    return result

"""Turning case event streams on and off: the Connect EVENT association and the Cases event configuration.

Shared by the provisioning function (Terraform) and the ``case-event-streams`` CLI. Every step reads
before it writes, so running it twice makes no second change, and "already exists" / "not found" from
the write itself (a race with another caller) count as done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from botocore.exceptions import ClientError

from connect_data.cases.events import SOURCE
from connect_data.cases.fields import EVENT_CONFIG_MAX_FIELDS

CASES_SOURCE_TYPE = "CASES"
DEFAULT_SOURCE_APPLICATION_NAME = "Amazon Connect Cases"


def _code(err: ClientError) -> str:
    return str(err.response.get("Error", {}).get("Code", ""))


# --- AppIntegrations ---------------------------------------------------------------------------------


def ensure_event_integration(appintegrations: Any, name: str, bus: str = "default") -> str:
    """The ARN of the event integration ``name`` for ``aws.cases`` on ``bus``, created when missing."""
    try:
        found = appintegrations.get_event_integration(Name=name)
    except ClientError as err:
        if _code(err) != "ResourceNotFoundException":
            raise
    else:
        source = (found.get("EventFilter") or {}).get("Source")
        if source != SOURCE:
            raise ValueError(f"event integration {name} filters source {source!r}, not {SOURCE}")
        return str(found["EventIntegrationArn"])
    try:
        created = appintegrations.create_event_integration(
            Name=name,
            Description="Amazon Connect Cases events to EventBridge (connect-data)",
            EventFilter={"Source": SOURCE},
            EventBridgeBus=bus,
        )
    except ClientError as err:
        if _code(err) != "DuplicateResourceException":
            raise
        return str(appintegrations.get_event_integration(Name=name)["EventIntegrationArn"])
    return str(created.get("EventIntegrationArn") or f"(event integration {name})")


def find_event_integration_arn(appintegrations: Any, name: str) -> str | None:
    """The ARN of the event integration ``name``, or ``None`` when there is none."""
    try:
        return str(appintegrations.get_event_integration(Name=name)["EventIntegrationArn"])
    except ClientError as err:
        if _code(err) == "ResourceNotFoundException":
            return None
        raise


def delete_event_integration(appintegrations: Any, name: str) -> bool:
    """Delete ``name``; ``False`` when it was already gone."""
    try:
        appintegrations.delete_event_integration(Name=name)
    except ClientError as err:
        if _code(err) == "ResourceNotFoundException":
            return False
        raise
    return True


# --- Connect integration association -----------------------------------------------------------------


def find_event_associations(connect: Any, instance_id: str, integration_arn: str) -> list[dict[str, Any]]:
    """The instance's EVENT associations with ``integration_arn`` (normally zero or one)."""
    found: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = connect.list_integration_associations(
            InstanceId=instance_id,
            IntegrationType="EVENT",
            IntegrationArn=integration_arn,
            **({"NextToken": token} if token else {}),
        )
        found += [
            a for a in page.get("IntegrationAssociationSummaryList", []) if a.get("IntegrationArn") == integration_arn
        ]
        token = page.get("NextToken")
        if not token:
            return found


def associate_event_integration(
    connect: Any,
    instance_id: str,
    integration_arn: str,
    source_application_url: str,
    source_application_name: str = DEFAULT_SOURCE_APPLICATION_NAME,
) -> str | None:
    """The ID of the instance's EVENT association with the integration, created when missing."""
    existing = find_event_associations(connect, instance_id, integration_arn)
    if existing:
        return existing[0].get("IntegrationAssociationId")
    try:
        created = connect.create_integration_association(
            InstanceId=instance_id,
            IntegrationType="EVENT",
            IntegrationArn=integration_arn,
            SourceApplicationUrl=source_application_url,
            SourceApplicationName=source_application_name,
            SourceType=CASES_SOURCE_TYPE,
        )
    except ClientError as err:
        if _code(err) != "DuplicateResourceException":
            raise
        return None
    return created.get("IntegrationAssociationId")


def disassociate_event_integration(connect: Any, instance_id: str, integration_arn: str) -> int:
    """Remove the instance's EVENT associations with the integration; how many were removed."""
    try:
        existing = find_event_associations(connect, instance_id, integration_arn)
    except ClientError as err:
        if _code(err) == "ResourceNotFoundException":  # the instance itself is gone
            return 0
        raise
    removed = 0
    for association in existing:
        try:
            connect.delete_integration_association(
                InstanceId=instance_id, IntegrationAssociationId=association["IntegrationAssociationId"]
            )
            removed += 1
        except ClientError as err:
            if _code(err) != "ResourceNotFoundException":
                raise
    return removed


# --- Cases event configuration -----------------------------------------------------------------------


def _field_ids(config: Mapping[str, Any] | None) -> list[str]:
    case_data = ((config or {}).get("includedData") or {}).get("caseData") or {}
    return [str(f["id"]) for f in case_data.get("fields", []) if isinstance(f, Mapping) and f.get("id")]


def merged_event_configuration(
    existing: Mapping[str, Any] | None,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    include_content: bool | None = None,
    enabled: bool | None = None,
) -> dict[str, Any]:
    """``existing`` with fields added and removed; what others configured (their fields, automatic field
    inclusion, related-item content) is kept. ``None`` for a setting leaves it as it was."""
    existing = existing or {}
    removing = set(remove)
    fields = [f for f in _field_ids(existing) if f not in removing]
    fields += [f for f in dict.fromkeys(add) if f not in fields]
    if len(fields) > EVENT_CONFIG_MAX_FIELDS:
        raise ValueError(f"{len(fields)} fields; Cases accepts at most {EVENT_CONFIG_MAX_FIELDS} in an event")
    old_data = existing.get("includedData") or {}
    case_data: dict[str, Any] = {"fields": [{"id": f} for f in fields]}
    auto = (old_data.get("caseData") or {}).get("autoIncludeFields")
    if auto:
        case_data["autoIncludeFields"] = auto
    old_content = (old_data.get("relatedItemData") or {}).get("includeContent")
    content = bool(old_content) if include_content is None else include_content or bool(old_content)
    return {
        "enabled": bool(existing.get("enabled")) if enabled is None else enabled,
        "includedData": {"caseData": case_data, "relatedItemData": {"includeContent": content}},
    }


def _normalized(config: Mapping[str, Any] | None) -> dict[str, Any]:
    return merged_event_configuration(config)


def get_event_configuration(cases: Any, domain_id: str) -> dict[str, Any]:
    return dict(cases.get_case_event_configuration(domainId=domain_id).get("eventBridge") or {})


def enable_case_events(
    cases: Any,
    domain_id: str,
    fields: Iterable[str],
    *,
    drop: Iterable[str] = (),
    current: Mapping[str, Any] | None = None,
) -> bool:
    """EventBridge delivery on, ``fields`` and related-item content included (``drop`` taken out first);
    ``True`` when the configuration had to change. ``current``: the configuration already read."""
    current = get_event_configuration(cases, domain_id) if current is None else current
    wanted = merged_event_configuration(current, add=fields, remove=drop, include_content=True, enabled=True)
    if _normalized(current) == wanted:
        return False
    cases.put_case_event_configuration(domainId=domain_id, eventBridge=wanted)
    return True


def remove_case_event_fields(
    cases: Any,
    domain_id: str,
    fields: Iterable[str],
    *,
    disable_when_empty: bool,
    include_content: bool | None = None,
) -> bool:
    """Take ``fields`` out of the configuration (and switch delivery off when none are left and
    ``disable_when_empty``; set related-item content to ``include_content`` unless ``None``); ``True``
    when it changed. A missing domain counts as done."""
    try:
        current = get_event_configuration(cases, domain_id)
    except ClientError as err:
        if _code(err) == "ResourceNotFoundException":
            return False
        raise
    wanted = merged_event_configuration(current, remove=fields)
    if include_content is not None:
        wanted["includedData"]["relatedItemData"]["includeContent"] = include_content
    if disable_when_empty and not wanted["includedData"]["caseData"]["fields"]:
        wanted["enabled"] = False
    if _normalized(current) == wanted:
        return False
    try:
        cases.put_case_event_configuration(domainId=domain_id, eventBridge=wanted)
    except ClientError as err:
        if _code(err) == "ResourceNotFoundException":
            return False
        raise
    return True


def list_fields(cases: Any, domain_id: str) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = cases.list_fields(domainId=domain_id, maxResults=100, **({"nextToken": token} if token else {}))
        fields += page.get("fields", [])
        token = page.get("nextToken")
        if not token:
            return fields

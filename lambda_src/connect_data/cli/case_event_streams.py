"""case-event-streams: turn Amazon Connect Cases event streams on and off without Terraform.

    case-event-streams enable  --domain-id D --instance-id I [--extra-fields f1,f2] [--create-sqs-route]
    case-event-streams status  --domain-id D --instance-id I
    case-event-streams list-fields --domain-id D
    case-event-streams disable --domain-id D --instance-id I [--delete-integration]

Every command takes --region and --profile; enable and disable take --dry-run, which makes the reads
and prints each write it would make instead of making it. A failure exits 1 with a one-line reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

from connect_data.cases.event_streams import (
    associate_event_integration,
    delete_event_integration,
    disassociate_event_integration,
    enable_case_events,
    ensure_event_integration,
    find_event_associations,
    get_event_configuration,
    list_fields,
    remove_case_event_fields,
)
from connect_data.cases.fields import field_list
from connect_data.cases.routing import create_sqs_route, event_pattern
from connect_data.cli._console import explain, help_text
from connect_data.cli._session import add_session_arguments, session

PROG = "case-event-streams"
_READS = ("get_", "list_", "describe_")


class DryRun:
    """A client that makes read calls and prints write calls instead of making them."""

    def __init__(self, client: Any, out: Any) -> None:
        self._client = client
        self._out = out

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if name not in self._client.meta.method_to_api_mapping or name.startswith(_READS):
            return attribute

        def _print(**params: Any) -> dict[str, Any]:
            service = self._client.meta.service_model.service_name
            operation = self._client.meta.method_to_api_mapping[name]
            print(f"would call {service} {operation} {json.dumps(params, sort_keys=True, default=str)}", file=self._out)
            return {}

        return _print


class Clients:
    def __init__(self, session: boto3.session.Session, dry_run: bool, out: Any) -> None:
        self._session = session
        self._dry_run = dry_run
        self._out = out

    def __call__(self, service: str) -> Any:
        client = self._session.client(service)
        return DryRun(client, self._out) if self._dry_run else client


def _csv(values: Sequence[str] | None) -> list[str]:
    return [f.strip() for v in values or [] for f in v.split(",") if f.strip()]


def _instance_id(value: str) -> str:
    return value.rsplit("/", 1)[-1]


def _arn_parts(arn: str) -> tuple[str, str, str]:
    parts = arn.split(":")
    if len(parts) < 6:
        raise ValueError(f"unexpected domain ARN {arn!r}")
    return parts[1], parts[3], parts[4]


def enable(args: argparse.Namespace, clients: Clients, out: Any) -> dict[str, Any]:
    cases = clients("connectcases")
    domain_arn = cases.get_domain(domainId=args.domain_id)["domainArn"]
    integration_arn = _ensure_integration(clients, args)
    association = associate_event_integration(
        clients("connect"), _instance_id(args.instance_id), integration_arn, domain_arn, args.source_application_name
    )
    fields = field_list(_csv(args.extra_fields), include_system=not args.no_system_fields)
    changed = enable_case_events(cases, args.domain_id, fields)
    result: dict[str, Any] = {
        "event_integration_arn": integration_arn,
        "association_id": association,
        "configuration_changed": changed,
        "fields": fields,
    }
    if args.create_sqs_route:
        partition, region, account = _arn_parts(domain_arn)
        pattern = event_pattern(region, account, args.domain_id, partition)
        result["route"] = create_sqs_route(clients("events"), clients("sqs"), args.queue_name, pattern)
    return result


def _ensure_integration(clients: Clients, args: argparse.Namespace) -> str:
    return ensure_event_integration(clients("appintegrations"), args.integration_name)


def disable(args: argparse.Namespace, clients: Clients, out: Any) -> dict[str, Any]:
    appintegrations = clients("appintegrations")
    try:
        integration_arn = appintegrations.get_event_integration(Name=args.integration_name)["EventIntegrationArn"]
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
            raise
        integration_arn = None
    removed = 0
    if integration_arn:
        removed = disassociate_event_integration(clients("connect"), _instance_id(args.instance_id), integration_arn)
    fields = field_list(_csv(args.extra_fields), include_system=not args.no_system_fields)
    changed = remove_case_event_fields(clients("connectcases"), args.domain_id, fields, disable_when_empty=True)
    deleted = bool(
        args.delete_integration and integration_arn and delete_event_integration(appintegrations, args.integration_name)
    )
    return {"associations_removed": removed, "configuration_changed": changed, "integration_deleted": deleted}


def status(args: argparse.Namespace, clients: Clients, out: Any) -> dict[str, Any]:
    appintegrations = clients("appintegrations")
    try:
        integration = appintegrations.get_event_integration(Name=args.integration_name)
        integration_arn = integration["EventIntegrationArn"]
        source = (integration.get("EventFilter") or {}).get("Source")
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
            raise
        integration_arn, source = None, None
    associations = (
        find_event_associations(clients("connect"), _instance_id(args.instance_id), integration_arn)
        if integration_arn
        else []
    )
    return {
        "event_integration": {"arn": integration_arn, "source": source},
        "associations": [a.get("IntegrationAssociationId") for a in associations],
        "event_configuration": get_event_configuration(clients("connectcases"), args.domain_id),
    }


def fields(args: argparse.Namespace, clients: Clients, out: Any) -> None:
    rows = list_fields(clients("connectcases"), args.domain_id)
    width = max((len(r["fieldId"]) for r in rows), default=8)
    print(f"{'FIELD ID':<{width}}  {'NAMESPACE':<9}  {'TYPE':<12}  NAME", file=out)
    for r in sorted(rows, key=lambda r: (r.get("namespace", ""), r.get("name", ""))):
        print(
            f"{r['fieldId']:<{width}}  {r.get('namespace', ''):<9}  {r.get('type', ''):<12}  {r.get('name', '')}",
            file=out,
        )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_session_arguments(common)
    common.add_argument("--domain-id", required=True, help="ID of the Cases domain")

    instance = argparse.ArgumentParser(add_help=False)
    instance.add_argument("--instance-id", required=True, help="Amazon Connect instance ID or ARN")
    instance.add_argument(
        "--integration-name", default="amazon-connect-cases", help="AppIntegrations event integration name"
    )
    instance.add_argument("--extra-fields", action="append", help="custom field IDs, comma-separated (repeatable)")
    instance.add_argument("--no-system-fields", action="store_true", help="leave the system fields out")
    instance.add_argument("--dry-run", action="store_true", help="make the reads, print the writes instead")

    parser = argparse.ArgumentParser(prog=PROG, description=help_text(__doc__))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("enable", parents=[common, instance], help="turn case event streams on (idempotent)")
    p.add_argument("--source-application-name", default="Amazon Connect Cases")
    p.add_argument("--create-sqs-route", action="store_true", help="also route the domain's events to a new queue")
    p.add_argument("--queue-name", default="case-events", help="queue (and rule) name for --create-sqs-route")
    p = sub.add_parser("disable", parents=[common, instance], help="remove the association and these fields")
    p.add_argument("--delete-integration", action="store_true", help="also delete the event integration")
    sub.add_parser("status", parents=[common, instance], help="show what is configured now")
    sub.add_parser("list-fields", parents=[common], help="list the domain's fields and their IDs")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        clients = Clients(session(args), getattr(args, "dry_run", False), out)
        commands = {"enable": enable, "disable": disable, "status": status, "list-fields": fields}
        result = commands[args.command](args, clients, out)
    except (ClientError, BotoCoreError, NoCredentialsError, NoRegionError, ValueError, KeyError) as err:
        print(f"{PROG}: error: {explain(err)}", file=sys.stderr)
        return 1
    if result is not None:
        print(json.dumps(result, indent=2, sort_keys=True, default=str), file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``case-event-streams`` against Stubber on the real appintegrations / connect / connectcases models and
moto for the SQS route."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.cases.fields import SYSTEM_FIELD_IDS
from connect_data.cli.case_event_streams import main

DOMAIN = "dad5efb6-8485-4a55-8241-98a88example"
DOMAIN_ARN = f"arn:aws:cases:us-east-1:123456789012:domain/{DOMAIN}"
INSTANCE = "11111111-2222-3333-4444-555555555555"
INTEGRATION_ARN = "arn:aws:app-integrations:us-east-1:123456789012:event-integration/amazon-connect-cases"
BASE = ["--domain-id", DOMAIN, "--instance-id", f"arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE}"]


@pytest.fixture
def stubbed(monkeypatch):
    """Real clients for the Connect-side services, each behind a Stubber, handed out by every Session;
    other services (events, sqs) are made normally (moto when a test asks for it)."""
    made: dict[str, Any] = {}
    stubs: dict[str, Stubber] = {}
    real_client = boto3.session.Session.client

    def client(self, service, *args, **kwargs):
        if service in ("appintegrations", "connect", "connectcases"):
            if service not in made:
                made[service] = real_client(self, service, *args, **kwargs)
                stubs[service] = Stubber(made[service]).__enter__()
            return made[service]
        return real_client(self, service, *args, **kwargs)

    monkeypatch.setattr(boto3.session.Session, "client", client)
    for service in ("appintegrations", "connect", "connectcases"):
        boto3.session.Session().client(service)
    yield stubs
    for stub in stubs.values():
        stub.assert_no_pending_responses()


def _config(fields: list[str]) -> dict[str, Any]:
    return {
        "enabled": True,
        "includedData": {
            "caseData": {"fields": [{"id": f} for f in fields]},
            "relatedItemData": {"includeContent": True},
        },
    }


def _domain(stubs) -> None:
    stubs["connectcases"].add_response(
        "get_domain",
        {
            "domainId": DOMAIN,
            "domainArn": DOMAIN_ARN,
            "name": "d",
            "createdTime": "2024-01-01T00:00:00Z",
            "domainStatus": "Active",
        },
        {"domainId": DOMAIN},
    )


def _fresh_enable(stubs, with_put: bool = True) -> None:
    _domain(stubs)
    stubs["appintegrations"].add_client_error("get_event_integration", service_error_code="ResourceNotFoundException")
    if with_put:
        stubs["appintegrations"].add_response(
            "create_event_integration",
            {"EventIntegrationArn": INTEGRATION_ARN},
            {
                "Name": "amazon-connect-cases",
                "Description": "Amazon Connect Cases events to EventBridge (connect-data)",
                "EventFilter": {"Source": "aws.cases"},
                "EventBridgeBus": "default",
            },
        )
    stubs["connect"].add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    if with_put:
        stubs["connect"].add_response(
            "create_integration_association",
            {"IntegrationAssociationId": "assoc-1"},
            {
                "InstanceId": INSTANCE,
                "IntegrationType": "EVENT",
                "IntegrationArn": INTEGRATION_ARN,
                "SourceApplicationUrl": DOMAIN_ARN,
                "SourceApplicationName": "Amazon Connect Cases",
                "SourceType": "CASES",
            },
        )
    stubs["connectcases"].add_response("get_case_event_configuration", {"eventBridge": {"enabled": False}})
    if with_put:
        stubs["connectcases"].add_response(
            "put_case_event_configuration",
            {},
            {"domainId": DOMAIN, "eventBridge": _config([*SYSTEM_FIELD_IDS, "custom-1", "custom-2"])},
        )


def test_enable_creates_the_integration_association_and_configuration(stubbed, capsys):
    _fresh_enable(stubbed)
    assert main(["enable", *BASE, "--extra-fields", "custom-1,custom-2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["association_id"] == "assoc-1" and result["configuration_changed"] is True
    assert result["fields"][-2:] == ["custom-1", "custom-2"]


def test_enable_again_changes_nothing(stubbed, capsys):
    _domain(stubbed)
    stubbed["appintegrations"].add_response(
        "get_event_integration",
        {
            "Name": "amazon-connect-cases",
            "EventIntegrationArn": INTEGRATION_ARN,
            "EventFilter": {"Source": "aws.cases"},
        },
    )
    stubbed["connect"].add_response(
        "list_integration_associations",
        {
            "IntegrationAssociationSummaryList": [
                {"IntegrationAssociationId": "assoc-1", "IntegrationArn": INTEGRATION_ARN}
            ]
        },
    )
    stubbed["connectcases"].add_response(
        "get_case_event_configuration", {"eventBridge": _config([*SYSTEM_FIELD_IDS, "custom-1"])}
    )
    assert main(["enable", *BASE, "--extra-fields", "custom-1"]) == 0
    assert json.loads(capsys.readouterr().out)["configuration_changed"] is False


def test_dry_run_makes_the_reads_and_prints_every_write(stubbed, capsys):
    _fresh_enable(stubbed, with_put=False)
    assert main(["enable", *BASE, "--extra-fields", "custom-1", "--extra-fields", "custom-2", "--dry-run"]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("would call")]
    assert [line.split(" {")[0] for line in printed] == [
        "would call appintegrations CreateEventIntegration",
        "would call connect CreateIntegrationAssociation",
        "would call connectcases PutCaseEventConfiguration",
    ]
    assert '"custom-2"' in printed[-1]


def test_create_sqs_route_builds_an_encrypted_queue_with_dlq_and_a_rule_scoped_policy(stubbed, aws, capsys):
    stubbed["appintegrations"].add_response(
        "get_event_integration",
        {
            "Name": "amazon-connect-cases",
            "EventIntegrationArn": INTEGRATION_ARN,
            "EventFilter": {"Source": "aws.cases"},
        },
    )
    _domain(stubbed)
    stubbed["connect"].add_response(
        "list_integration_associations",
        {"IntegrationAssociationSummaryList": [{"IntegrationAssociationId": "a", "IntegrationArn": INTEGRATION_ARN}]},
    )
    stubbed["connectcases"].add_response(
        "get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))}
    )
    assert main(["enable", *BASE, "--create-sqs-route", "--queue-name", "cases-q", "--region", "us-east-1"]) == 0
    route = json.loads(capsys.readouterr().out)["route"]
    sqs, events = boto3.client("sqs", region_name="us-east-1"), boto3.client("events", region_name="us-east-1")
    attributes = sqs.get_queue_attributes(QueueUrl=route["queue_url"], AttributeNames=["All"])["Attributes"]
    assert attributes["SqsManagedSseEnabled"] == "true"
    assert json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"] == route["dlq_arn"]
    [statement] = json.loads(attributes["Policy"])["Statement"]
    assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": route["rule_arn"]}}
    pattern = json.loads(events.describe_rule(Name="cases-q")["EventPattern"])
    assert pattern["resources"] == [DOMAIN_ARN] and len(pattern["detail-type"]) == 2
    events.put_events(
        Entries=[
            {
                "Source": "aws.cases",
                "DetailType": "Amazon Connect Cases Change",
                "Detail": "{}",
                "Resources": [DOMAIN_ARN, f"{DOMAIN_ARN}/case/c1"],
            }
        ]
    )
    assert len(sqs.receive_message(QueueUrl=route["queue_url"])["Messages"]) == 1


def test_status_shows_the_integration_associations_and_configuration(stubbed, capsys):
    stubbed["appintegrations"].add_response(
        "get_event_integration",
        {
            "Name": "amazon-connect-cases",
            "EventIntegrationArn": INTEGRATION_ARN,
            "EventFilter": {"Source": "aws.cases"},
        },
    )
    stubbed["connect"].add_response(
        "list_integration_associations",
        {
            "IntegrationAssociationSummaryList": [
                {"IntegrationAssociationId": "assoc-1", "IntegrationArn": INTEGRATION_ARN}
            ],
            "NextToken": "n",
        },
    )
    stubbed["connect"].add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    stubbed["connectcases"].add_response("get_case_event_configuration", {"eventBridge": _config(["status"])})
    assert main(["status", *BASE]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["associations"] == ["assoc-1"] and shown["event_configuration"]["enabled"] is True


def test_list_fields_prints_every_page(stubbed, capsys):
    field = {"fieldArn": "arn:f", "type": "Text", "namespace": "Custom"}
    stubbed["connectcases"].add_response(
        "list_fields",
        {"fields": [{**field, "fieldId": "f-1", "name": "Order"}], "nextToken": "t"},
        {"domainId": DOMAIN, "maxResults": 100},
    )
    stubbed["connectcases"].add_response(
        "list_fields",
        {"fields": [{**field, "fieldId": "f-2", "name": "Amount", "type": "Number"}]},
        {"domainId": DOMAIN, "maxResults": 100, "nextToken": "t"},
    )
    assert main(["list-fields", "--domain-id", DOMAIN]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FIELD ID") and [line.split()[0] for line in lines[1:]] == ["f-2", "f-1"]


def test_disable_removes_the_association_and_the_fields_and_can_delete_the_integration(stubbed, capsys):
    stubbed["appintegrations"].add_response(
        "get_event_integration", {"Name": "amazon-connect-cases", "EventIntegrationArn": INTEGRATION_ARN}
    )
    stubbed["connect"].add_response(
        "list_integration_associations",
        {
            "IntegrationAssociationSummaryList": [
                {"IntegrationAssociationId": "assoc-1", "IntegrationArn": INTEGRATION_ARN}
            ]
        },
    )
    stubbed["connect"].add_response(
        "delete_integration_association", {}, {"InstanceId": INSTANCE, "IntegrationAssociationId": "assoc-1"}
    )
    stubbed["connectcases"].add_response(
        "get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))}
    )
    stubbed["connectcases"].add_response(
        "put_case_event_configuration",
        {},
        {"domainId": DOMAIN, "eventBridge": {**_config([]), "enabled": False}},
    )
    stubbed["appintegrations"].add_response("delete_event_integration", {}, {"Name": "amazon-connect-cases"})
    assert main(["disable", *BASE, "--delete-integration"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "associations_removed": 1,
        "configuration_changed": True,
        "integration_deleted": True,
    }


def test_a_failure_exits_1_with_a_one_line_reason(stubbed, capsys):
    stubbed["connectcases"].add_client_error(
        "get_domain", service_error_code="AccessDeniedException", service_message="not allowed\nat all"
    )
    assert main(["enable", *BASE]) == 1
    err = capsys.readouterr().err
    assert err == "case-event-streams: error: GetDomain: AccessDeniedException: not allowed at all\n"


def test_an_unknown_profile_exits_1(capsys):
    assert main(["list-fields", "--domain-id", DOMAIN, "--profile", "no-such-profile"]) == 1
    assert "no-such-profile" in capsys.readouterr().err


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0 and "enable" in capsys.readouterr().out

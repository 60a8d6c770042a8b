"""The provisioning function driven exactly as aws_lambda_invocation (lifecycle_scope = "CRUD") drives it,
with Stubber on real appintegrations, connect and connectcases clients asserting every call and its parameters,
and the record of each domain's configuration before this module in a case table on moto."""

from __future__ import annotations

import copy
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from connect_data.cases.fields import SYSTEM_FIELD_IDS
from connect_data.cases.provisioner import handler
from connect_data.common import aws as common_aws
from connect_data.common.aws import BATCH_CLIENT_CONFIG

INSTANCE = "11111111-2222-3333-4444-555555555555"
DOMAIN = "dad5efb6-8485-4a55-8241-98a88example"
NAME = "local-cases"
INTEGRATION = f"arn:aws:app-integrations:us-east-1:123456789012:event-integration/{NAME}"
DOMAIN_ARN = f"arn:aws:cases:us-east-1:123456789012:domain/{DOMAIN}"
TABLE = "t-cases"


def _input(
    custom: list[str], name: str = NAME, instance: str = INSTANCE, disable_on_delete: bool = False
) -> dict[str, Any]:
    """What modules/cases/event_streams.tf puts in aws_lambda_invocation.input."""
    return {
        "instance_id": instance,
        "domain_id": DOMAIN,
        "integration_name": name,
        "source_application_url": DOMAIN_ARN,
        "source_application_name": "Amazon Connect Cases",
        "fields": [*SYSTEM_FIELD_IDS, *custom],
        "disable_on_delete": disable_on_delete,
    }


def _invocation(action: str, current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """The payload the provider sends: the input plus tf.action and tf.prev_input."""
    return {**copy.deepcopy(current), "tf": {"action": action, "prev_input": copy.deepcopy(previous)}}


def _config(fields: list[str], enabled: bool = True, content: bool = True) -> dict[str, Any]:
    return {
        "enabled": enabled,
        "includedData": {
            "caseData": {"fields": [{"id": f} for f in fields]},
            "relatedItemData": {"includeContent": content},
        },
    }


def _listed(*association_ids: str, integration: str = INTEGRATION) -> dict[str, Any]:
    return {
        "IntegrationAssociationSummaryList": [
            {"IntegrationAssociationId": a, "IntegrationArn": integration, "IntegrationType": "EVENT"}
            for a in association_ids
        ]
    }


def _list_params(integration: str = INTEGRATION, instance: str = INSTANCE) -> dict[str, Any]:
    return {"InstanceId": instance, "IntegrationType": "EVENT", "IntegrationArn": integration}


def _integration(name: str = NAME) -> dict[str, Any]:
    return {
        "Name": name,
        "EventIntegrationArn": INTEGRATION if name == NAME else INTEGRATION + "-" + name,
        "EventFilter": {"Source": "aws.cases"},
        "EventBridgeBus": "default",
    }


@pytest.fixture
def records(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "caseId", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("CONFIGURATION_RECORD_TABLE", TABLE)
    return dynamodb


def _records_left(records: Any) -> int:
    return len(records.scan(TableName=TABLE)["Items"])


@pytest.fixture
def stubs(records):
    connect = common_aws.client("connect", config=BATCH_CLIENT_CONFIG)
    appintegrations = common_aws.client("appintegrations", config=BATCH_CLIENT_CONFIG)
    cases = common_aws.client("connectcases", config=BATCH_CLIENT_CONFIG)
    with Stubber(connect) as connect_stub, Stubber(appintegrations) as app_stub, Stubber(cases) as cases_stub:
        yield connect_stub, app_stub, cases_stub
        connect_stub.assert_no_pending_responses()
        app_stub.assert_no_pending_responses()
        cases_stub.assert_no_pending_responses()


def test_create_update_delete_leave_the_configuration_as_it_was_found(stubs, records, lambda_context):
    connect, app, cases = stubs
    system = [f for f in SYSTEM_FIELD_IDS if f != "status"]
    # Another team already streams two fields (one of them a field this module asks for too), without
    # related-item content: all of it must be as they left it after delete.
    theirs = _config(["their-field", "status"], content=False)
    v1, v2 = _input(["custom-a"]), _input(["custom-b"])

    # create
    app.add_client_error("get_event_integration", "ResourceNotFoundException", expected_params={"Name": NAME})
    app.add_response(
        "create_event_integration",
        {"EventIntegrationArn": INTEGRATION},
        {
            "Name": NAME,
            "Description": "Amazon Connect Cases events to EventBridge (connect-data)",
            "EventFilter": {"Source": "aws.cases"},
            "EventBridgeBus": "default",
        },
    )
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []}, _list_params())
    connect.add_response(
        "create_integration_association",
        {"IntegrationAssociationId": "assoc-1", "IntegrationAssociationArn": "arn:assoc-1"},
        {
            "InstanceId": INSTANCE,
            "IntegrationType": "EVENT",
            "IntegrationArn": INTEGRATION,
            "SourceApplicationUrl": DOMAIN_ARN,
            "SourceApplicationName": "Amazon Connect Cases",
            "SourceType": "CASES",
        },
    )
    cases.add_response("get_case_event_configuration", {"eventBridge": theirs}, {"domainId": DOMAIN})
    after_create = _config(["their-field", "status", *system, "custom-a"])
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_create})
    created = handler(_invocation("create", v1, None), lambda_context)
    assert created == {
        "action": "create",
        "event_integration_arn": INTEGRATION,
        "association_id": "assoc-1",
        "configuration_changed": True,
        "fields": 12,
    }

    # update: custom-a replaced by custom-b; the integration and association exist already
    app.add_response("get_event_integration", _integration(), {"Name": NAME})
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    cases.add_response("get_case_event_configuration", {"eventBridge": after_create}, {"domainId": DOMAIN})
    after_update = _config(["their-field", "status", *system, "custom-b"])
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_update})
    assert _records_left(records) == 1
    updated = handler(_invocation("update", v2, v1), lambda_context)
    assert updated["association_id"] == "assoc-1" and updated["configuration_changed"] is True

    # delete: our association, fields and integration go; theirs stay, related-item content goes back
    # to off, and delivery stays on (disable_on_delete is false by default)
    app.add_response("get_event_integration", _integration(), {"Name": NAME})
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    connect.add_response(
        "delete_integration_association", {}, {"InstanceId": INSTANCE, "IntegrationAssociationId": "assoc-1"}
    )
    cases.add_response("get_case_event_configuration", {"eventBridge": after_update}, {"domainId": DOMAIN})
    after_delete = _config(["their-field", "status"], content=False)
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_delete})
    app.add_response("delete_event_integration", {}, {"Name": NAME})
    deleted = handler(_invocation("delete", v2, v2), lambda_context)
    assert deleted == {
        "action": "delete",
        "associations_removed": 1,
        "configuration_changed": True,
        "integration_deleted": True,
    }

    assert _records_left(records) == 0


def test_a_delete_without_a_record_takes_out_this_modules_fields_and_leaves_the_rest(stubs, lambda_context):
    # Deployed before records were kept: nothing says what was there, so every field this module asked
    # for goes, related-item content and delivery stay as they are.
    _, app, cases = stubs
    v1 = _input(["custom-a"])
    app.add_client_error("get_event_integration", "ResourceNotFoundException", expected_params={"Name": NAME})
    cases.add_response(
        "get_case_event_configuration", {"eventBridge": _config(["their-field", *SYSTEM_FIELD_IDS, "custom-a"])}
    )
    cases.add_response(
        "put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": _config(["their-field"])}
    )
    assert handler(_invocation("delete", v1, v1), lambda_context) == {
        "action": "delete",
        "associations_removed": 0,
        "configuration_changed": True,
        "integration_deleted": False,
    }
    # and again: reads only, no write
    app.add_client_error("get_event_integration", "ResourceNotFoundException", expected_params={"Name": NAME})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(["their-field"])})
    assert handler(_invocation("delete", v1, v1), lambda_context)["configuration_changed"] is False


def test_a_repeated_create_changes_nothing(stubs, lambda_context):
    connect, app, cases = stubs
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    result = handler(_invocation("create", _input([]), None), lambda_context)
    assert result["configuration_changed"] is False and result["association_id"] == "assoc-1"


def test_deleting_the_only_fields_leaves_delivery_on_by_default(stubs, lambda_context):
    connect, app, cases = stubs
    v1 = _input(["custom-a"])
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config([*SYSTEM_FIELD_IDS, "custom-a"])})
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": _config([])})
    app.add_response("delete_event_integration", {})
    assert handler(_invocation("delete", v1, v1), lambda_context)["configuration_changed"] is True


def test_deleting_the_only_fields_switches_delivery_off_when_asked(stubs, lambda_context):
    connect, app, cases = stubs
    v1 = _input(["custom-a"], disable_on_delete=True)
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config([*SYSTEM_FIELD_IDS, "custom-a"])})
    cases.add_response(
        "put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": _config([], enabled=False)}
    )
    app.add_response("delete_event_integration", {})
    assert handler(_invocation("delete", v1, v1), lambda_context)["configuration_changed"] is True


def test_already_exists_and_not_found_count_as_done(stubs, lambda_context):
    connect, app, cases = stubs
    v1 = _input([])
    # create races another caller: integration and association appear between our read and our write
    app.add_client_error("get_event_integration", "ResourceNotFoundException")
    app.add_client_error("create_event_integration", "DuplicateResourceException")
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    connect.add_client_error("create_integration_association", service_error_code="DuplicateResourceException")
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    assert handler(_invocation("create", v1, None), lambda_context)["association_id"] == ""
    # delete after the instance, the domain and the integration are gone
    app.add_response("get_event_integration", _integration())
    connect.add_client_error("list_integration_associations", service_error_code="ResourceNotFoundException")
    cases.add_client_error("get_case_event_configuration", service_error_code="ResourceNotFoundException")
    app.add_client_error("delete_event_integration", "ResourceNotFoundException")
    assert handler(_invocation("delete", v1, v1), lambda_context) == {
        "action": "delete",
        "associations_removed": 0,
        "configuration_changed": False,
        "integration_deleted": False,
    }
    # the association vanishes between list and delete
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", _listed("assoc-1"))
    connect.add_client_error("delete_integration_association", service_error_code="ResourceNotFoundException")
    cases.add_client_error("get_case_event_configuration", service_error_code="ResourceNotFoundException")
    app.add_response("delete_event_integration", {})
    assert handler(_invocation("delete", v1, v1), lambda_context)["associations_removed"] == 0


def test_a_new_instance_moves_the_association(stubs, lambda_context):
    connect, app, cases = stubs
    other = "99999999-2222-3333-4444-555555555555"
    v1, v2 = _input([]), _input([], instance=other)
    app.add_response("get_event_integration", _integration())
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    connect.add_response(
        "delete_integration_association", {}, {"InstanceId": INSTANCE, "IntegrationAssociationId": "assoc-1"}
    )
    app.add_response("get_event_integration", _integration())
    connect.add_response(
        "list_integration_associations", {"IntegrationAssociationSummaryList": []}, _list_params(instance=other)
    )
    connect.add_response("create_integration_association", {"IntegrationAssociationId": "assoc-2"})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    assert handler(_invocation("update", v2, v1), lambda_context)["association_id"] == "assoc-2"


def test_a_renamed_integration_replaces_the_old_one(stubs, lambda_context):
    connect, app, cases = stubs
    v1, v2 = _input([]), _input([], name="renamed")
    renamed = _integration("renamed")
    # the old one is undone completely ...
    app.add_response("get_event_integration", _integration(), {"Name": NAME})
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    connect.add_response("delete_integration_association", {})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    cases.add_response("put_case_event_configuration", {})
    app.add_response("delete_event_integration", {}, {"Name": NAME})
    # ... and the new one made
    app.add_response("get_event_integration", renamed, {"Name": "renamed"})
    connect.add_response(
        "list_integration_associations",
        {"IntegrationAssociationSummaryList": []},
        _list_params(renamed["EventIntegrationArn"]),
    )
    connect.add_response("create_integration_association", {"IntegrationAssociationId": "assoc-2"})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config([], enabled=False)})
    cases.add_response(
        "put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": _config(list(SYSTEM_FIELD_IDS))}
    )
    result = handler(_invocation("update", v2, v1), lambda_context)
    assert result["event_integration_arn"] == renamed["EventIntegrationArn"] and result["association_id"] == "assoc-2"


def test_an_integration_for_another_source_is_refused(stubs, lambda_context):
    _, app, _ = stubs
    app.add_response("get_event_integration", {**_integration(), "EventFilter": {"Source": "aws.partner/x"}})
    with pytest.raises(ValueError, match=r"not aws\.cases"):
        handler(_invocation("create", _input([]), None), lambda_context)


def test_a_throttled_call_fails_the_invocation_so_terraform_reports_it(stubs, lambda_context):
    _, app, _ = stubs
    app.add_client_error("get_event_integration", service_error_code="ThrottlingException")
    with pytest.raises(Exception, match="ThrottlingException"):
        handler(_invocation("create", _input([]), None), lambda_context)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"tf": {"action": "create", "prev_input": None}}, "instance_id, domain_id, integration_name"),
        ({**_input([]), "fields": "status", "tf": {"action": "create"}}, "fields must be a list"),
        ({**_input([]), "tf": {"action": "read"}}, "tf.action"),
        ([], "JSON object"),
    ],
)
def test_bad_input_fails_with_a_clear_reason(event, message, lambda_context, monkeypatch):
    monkeypatch.setenv("CONFIGURATION_RECORD_TABLE", TABLE)
    with pytest.raises(ValueError, match=message):
        handler(event, lambda_context)


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_provisioning_run_prints_its_line_and_so_does_one_that_fails(stubs, lambda_context, emf):
    _connect, app, cases = stubs
    made: list[str] = []  # the function's DynamoDB calls, counted independently of common/metrics.py
    dynamodb = common_aws.client("dynamodb", config=BATCH_CLIENT_CONFIG)
    dynamodb.meta.events.register("before-call.dynamodb", lambda model, **_: made.append(model.name))
    v1 = _input(["custom-a"])
    app.add_client_error("get_event_integration", "ResourceNotFoundException", expected_params={"Name": NAME})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(["their-field"])})
    handler(_invocation("delete", v1, v1), lambda_context)
    assert made and emf("cases") == {"DynamoDBCalls": len(made)}

    made.clear()
    app.add_client_error("get_event_integration", "AccessDeniedException", expected_params={"Name": NAME})
    with pytest.raises(Exception, match="AccessDenied"):
        handler(_invocation("delete", v1, v1), lambda_context)
    assert emf("cases") == {"DynamoDBCalls": len(made)}

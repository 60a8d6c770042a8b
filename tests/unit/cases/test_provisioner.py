"""The provisioning function driven exactly as aws_lambda_invocation (lifecycle_scope = "CRUD") drives it,
with Stubber on real connect and connectcases clients asserting every call and its parameters."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from botocore.stub import Stubber

from connect_data.cases.fields import SYSTEM_FIELD_IDS
from connect_data.cases.provisioner import handler
from connect_data.common import aws as common_aws
from connect_data.common.aws import BATCH_CLIENT_CONFIG

INSTANCE = "11111111-2222-3333-4444-555555555555"
DOMAIN = "dad5efb6-8485-4a55-8241-98a88example"
INTEGRATION = "arn:aws:app-integrations:us-east-1:123456789012:event-integration/local-cases"
DOMAIN_ARN = f"arn:aws:cases:us-east-1:123456789012:domain/{DOMAIN}"


def _input(custom: list[str], integration: str = INTEGRATION) -> dict[str, Any]:
    """What modules/cases/event_streams.tf puts in aws_lambda_invocation.input."""
    return {
        "instance_id": INSTANCE,
        "domain_id": DOMAIN,
        "integration_arn": integration,
        "source_application_url": DOMAIN_ARN,
        "source_application_name": "Amazon Connect Cases",
        "fields": [*SYSTEM_FIELD_IDS, *custom],
        "disable_on_delete": True,
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


def _list_params(integration: str = INTEGRATION) -> dict[str, Any]:
    return {"InstanceId": INSTANCE, "IntegrationType": "EVENT", "IntegrationArn": integration}


@pytest.fixture
def stubs():
    connect = common_aws.client("connect", config=BATCH_CLIENT_CONFIG)
    cases = common_aws.client("connectcases", config=BATCH_CLIENT_CONFIG)
    with Stubber(connect) as connect_stub, Stubber(cases) as cases_stub:
        yield connect_stub, cases_stub
        connect_stub.assert_no_pending_responses()
        cases_stub.assert_no_pending_responses()


def test_create_update_delete_and_delete_again_make_exactly_the_expected_calls(stubs, lambda_context):
    connect, cases = stubs
    system = list(SYSTEM_FIELD_IDS)
    # Another team already streams one field: it must survive every step.
    theirs = _config(["their-field"], content=False)
    v1, v2 = _input(["custom-a"]), _input(["custom-b"])

    # create
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
    after_create = _config(["their-field", *system, "custom-a"])
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_create})
    created = handler(_invocation("create", v1, None), lambda_context)
    assert created == {"action": "create", "association_id": "assoc-1", "configuration_changed": True, "fields": 12}

    # update: custom-a replaced by custom-b; the association exists already
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    cases.add_response("get_case_event_configuration", {"eventBridge": after_create}, {"domainId": DOMAIN})
    after_update = _config(["their-field", *system, "custom-b"])
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_update})
    updated = handler(_invocation("update", v2, v1), lambda_context)
    assert updated["association_id"] == "assoc-1" and updated["configuration_changed"] is True

    # delete: our association and our fields go, theirs stay (and so does delivery, which they use)
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    connect.add_response(
        "delete_integration_association", {}, {"InstanceId": INSTANCE, "IntegrationAssociationId": "assoc-1"}
    )
    cases.add_response("get_case_event_configuration", {"eventBridge": after_update}, {"domainId": DOMAIN})
    after_delete = _config(["their-field"])
    cases.add_response("put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": after_delete})
    deleted = handler(_invocation("delete", v2, v2), lambda_context)
    assert deleted == {"action": "delete", "associations_removed": 1, "configuration_changed": True}

    # delete again: reads only, no write
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []}, _list_params())
    cases.add_response("get_case_event_configuration", {"eventBridge": after_delete}, {"domainId": DOMAIN})
    again = handler(_invocation("delete", v2, v2), lambda_context)
    assert again == {"action": "delete", "associations_removed": 0, "configuration_changed": False}


def test_a_repeated_create_changes_nothing(stubs, lambda_context):
    connect, cases = stubs
    v1 = _input([])
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    result = handler(_invocation("create", v1, None), lambda_context)
    assert result["configuration_changed"] is False and result["association_id"] == "assoc-1"


def test_deleting_the_only_fields_switches_delivery_off(stubs, lambda_context):
    connect, cases = stubs
    v1 = _input(["custom-a"])
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config([*SYSTEM_FIELD_IDS, "custom-a"])})
    cases.add_response(
        "put_case_event_configuration", {}, {"domainId": DOMAIN, "eventBridge": _config([], enabled=False)}
    )
    assert handler(_invocation("delete", v1, v1), lambda_context)["configuration_changed"] is True


def test_already_exists_and_not_found_count_as_done(stubs, lambda_context):
    connect, cases = stubs
    v1 = _input([])
    # create races another caller: the association appears between our read and our write
    connect.add_response("list_integration_associations", {"IntegrationAssociationSummaryList": []})
    connect.add_client_error("create_integration_association", service_error_code="DuplicateResourceException")
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    assert handler(_invocation("create", v1, None), lambda_context)["association_id"] == ""
    # delete after the instance and the domain are gone
    connect.add_client_error("list_integration_associations", service_error_code="ResourceNotFoundException")
    cases.add_client_error("get_case_event_configuration", service_error_code="ResourceNotFoundException")
    assert handler(_invocation("delete", v1, v1), lambda_context)["associations_removed"] == 0
    # the association vanishes between list and delete
    connect.add_response("list_integration_associations", _listed("assoc-1"))
    connect.add_client_error("delete_integration_association", service_error_code="ResourceNotFoundException")
    cases.add_client_error("get_case_event_configuration", service_error_code="ResourceNotFoundException")
    assert handler(_invocation("delete", v1, v1), lambda_context)["associations_removed"] == 0


def test_a_new_integration_arn_moves_the_association(stubs, lambda_context):
    connect, cases = stubs
    other = INTEGRATION + "-v2"
    v1, v2 = _input([]), _input([], integration=other)
    connect.add_response("list_integration_associations", _listed("assoc-1"), _list_params())
    connect.add_response(
        "delete_integration_association", {}, {"InstanceId": INSTANCE, "IntegrationAssociationId": "assoc-1"}
    )
    connect.add_response(
        "list_integration_associations", {"IntegrationAssociationSummaryList": []}, _list_params(other)
    )
    connect.add_response("create_integration_association", {"IntegrationAssociationId": "assoc-2"})
    cases.add_response("get_case_event_configuration", {"eventBridge": _config(list(SYSTEM_FIELD_IDS))})
    assert handler(_invocation("update", v2, v1), lambda_context)["association_id"] == "assoc-2"


def test_a_throttled_write_fails_the_invocation_so_terraform_reports_it(stubs, lambda_context):
    connect, _ = stubs
    connect.add_client_error("list_integration_associations", service_error_code="ThrottlingException")
    with pytest.raises(Exception, match="ThrottlingException"):
        handler(_invocation("create", _input([]), None), lambda_context)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"tf": {"action": "create", "prev_input": None}}, "instance_id, domain_id, integration_arn"),
        ({**_input([]), "fields": "status", "tf": {"action": "create"}}, "fields must be a list"),
        ({**_input([]), "tf": {"action": "read"}}, "tf.action"),
        ([], "JSON object"),
    ],
)
def test_bad_input_fails_with_a_clear_reason(event, message, lambda_context):
    with pytest.raises(ValueError, match=message):
        handler(event, lambda_context)

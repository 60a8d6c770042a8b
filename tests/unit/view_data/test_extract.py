"""The extract function: View templates and flows (Stubber on the real Connect model) into a table on moto."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.stub import Stubber

from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
from connect_data.view_data.extract_handler import ExtractFailed, handler
from connect_data.view_data.templates import flow_questions, template_questions
from tests.support import INSTANCE_ARN, load_event
from tests.unit.view_data.conftest import INSTANCE_ID, QUESTIONS_TABLE

VIEW_ARN = f"{INSTANCE_ARN}/view/aaaaaaaa-1111-2222-3333-444444444444"
DRAFT_ARN = f"{INSTANCE_ARN}/view/bbbbbbbb-1111-2222-3333-444444444444"
FORM_VIEW_ARN = "arn:aws:connect:us-east-1:aws:view/form"
FLOW_ID = "cccccccc-1111-2222-3333-444444444444"
FLOW_ARN = f"{INSTANCE_ARN}/contact-flow/{FLOW_ID}"
SURVEY = load_event("view_data/view_template_customer_survey.json")
EXPECTED = load_event("view_data/view_template_customer_survey.expected.json")
TRAVEL_ACTIONS = load_event("view_data/view_flow_actions_checkboxgroup_multiselect.json")


def test_the_sample_template_gives_exactly_its_questions():
    assert template_questions(SURVEY) == EXPECTED
    assert template_questions(json.dumps(SURVEY)) == EXPECTED  # describe_view returns it as a string


def test_the_form_views_show_view_block_gives_its_named_fields():
    assert flow_questions(json.dumps({"Version": "2019-10-30", "Actions": TRAVEL_ACTIONS})) == {
        "extras": "Select extras"
    }


def test_show_view_blocks_of_customer_views_are_left_to_their_templates():
    actions = json.loads(json.dumps(TRAVEL_ACTIONS))
    actions[1]["Parameters"]["ViewResource"]["Id"] = VIEW_ARN
    assert flow_questions({"Actions": actions}) == {}


@pytest.mark.parametrize("broken", [None, "", "{not json", [], {"Body": [{"Props": {"Label": "no name"}}]}])
def test_broken_or_empty_templates_give_no_questions(broken):
    assert template_questions(broken) == {}


@pytest.fixture
def questions_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    import boto3

    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName=QUESTIONS_TABLE,
        KeySchema=[{"AttributeName": "Name", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "Name", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("CONNECT_INSTANCE_ID", INSTANCE_ID)
    monkeypatch.setenv("VIEW_QUESTIONS_TABLE", QUESTIONS_TABLE)
    return dynamodb


@pytest.fixture
def connect() -> Any:
    with Stubber(client("connect", config=BATCH_CLIENT_CONFIG)) as stub:
        yield stub
        stub.assert_no_pending_responses()


def view(arn: str, template: Any) -> dict[str, Any]:
    return {"View": {"Arn": arn, "Id": arn.rsplit("/", 1)[-1], "Content": {"Template": json.dumps(template)}}}


def expect_discovery(stub: Stubber, *, with_flows: bool = True) -> None:
    stub.add_response(
        "list_views",
        {
            "ViewsSummaryList": [
                {"Arn": VIEW_ARN, "Name": "Survey", "Status": "PUBLISHED", "Type": "CUSTOMER_MANAGED"},
                {"Arn": DRAFT_ARN, "Name": "Draft", "Status": "SAVED", "Type": "CUSTOMER_MANAGED"},
            ],
            "NextToken": "page-2",
        },
        {"InstanceId": INSTANCE_ID, "Type": "CUSTOMER_MANAGED"},
    )
    stub.add_response(
        "list_views",
        {"ViewsSummaryList": []},
        {"InstanceId": INSTANCE_ID, "Type": "CUSTOMER_MANAGED", "NextToken": "page-2"},
    )
    stub.add_response(
        "list_views",
        {"ViewsSummaryList": [{"Arn": FORM_VIEW_ARN, "Name": "Form", "Status": "PUBLISHED", "Type": "AWS_MANAGED"}]},
        {"InstanceId": INSTANCE_ID, "Type": "AWS_MANAGED"},
    )
    stub.add_response("describe_view", view(VIEW_ARN, SURVEY), {"InstanceId": INSTANCE_ID, "ViewId": VIEW_ARN})
    stub.add_response(
        "describe_view",
        view(FORM_VIEW_ARN, {"Head": {"Title": "Form"}, "Body": [{"Type": "Form", "Props": {}}]}),
        {"InstanceId": INSTANCE_ID, "ViewId": FORM_VIEW_ARN},
    )
    if with_flows:
        stub.add_response(
            "list_contact_flows",
            {
                "ContactFlowSummaryList": [
                    {"Id": FLOW_ID, "Arn": FLOW_ARN, "Name": "Travel", "ContactFlowStatus": "PUBLISHED"},
                    {"Id": "draft", "Arn": FLOW_ARN + "x", "Name": "Draft", "ContactFlowStatus": "SAVED"},
                ]
            },
            {"InstanceId": INSTANCE_ID},
        )
        stub.add_response(
            "describe_contact_flow",
            {"ContactFlow": {"Id": FLOW_ID, "Content": json.dumps({"Actions": TRAVEL_ACTIONS})}},
            {"InstanceId": INSTANCE_ID, "ContactFlowId": FLOW_ID},
        )


def table_rows(dynamodb: Any) -> dict[str, str]:
    items = dynamodb.scan(TableName=QUESTIONS_TABLE)["Items"]
    return {i["Name"]["S"]: i["Label"]["S"] for i in items}


def test_discovers_views_and_flows_and_writes_exactly_their_questions(questions_table, connect, lambda_context):
    expect_discovery(connect)
    summary = handler({}, lambda_context)
    assert table_rows(questions_table) == {**EXPECTED, "extras": "Select extras"}
    assert summary["views"] == 2 and summary["flows"] == 1 and summary["questions"] == 4
    assert summary["written"] == 4 and summary["deleted"] == 0 and summary["errors"] == []
    assert summary["notes"] == ["skipped unpublished view Draft"]


def test_a_second_run_reconciles_renamed_and_removed_questions(questions_table, connect, lambda_context, monkeypatch):
    questions_table.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": "OLD_Q"}, "Label": {"S": "Gone"}})
    questions_table.put_item(
        TableName=QUESTIONS_TABLE,
        Item={"Name": {"S": "SURVEY_Q1_Reason"}, "Label": {"S": "Old text"}, "Source": {"S": VIEW_ARN}},
    )
    monkeypatch.setenv("LABEL_OVERRIDES", json.dumps({"extras": "Which extras did the customer pick?"}))
    expect_discovery(connect)
    summary = handler({}, lambda_context)
    rows = table_rows(questions_table)
    assert "OLD_Q" not in rows and summary["deleted"] == 1
    assert rows["SURVEY_Q1_Reason"] == "Why did the customer call?"
    assert rows["extras"] == "Which extras did the customer pick?" and summary["overrides"] == 1
    expect_discovery(connect)
    again = handler({}, lambda_context)
    assert again["written"] == 0 and again["unchanged"] == 4 and again["deleted"] == 0


def test_a_failed_discovery_keeps_rows_it_did_not_see(questions_table, connect, lambda_context, monkeypatch):
    monkeypatch.setenv("SCAN_FLOWS", "false")
    questions_table.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": "extras"}, "Label": {"S": "Extras"}})
    connect.add_response(
        "list_views",
        {"ViewsSummaryList": [{"Arn": VIEW_ARN, "Name": "Survey", "Status": "PUBLISHED"}]},
        {"InstanceId": INSTANCE_ID, "Type": "CUSTOMER_MANAGED"},
    )
    connect.add_client_error("list_views", service_error_code="ThrottlingException", http_status_code=429)
    connect.add_response("describe_view", view(VIEW_ARN, SURVEY), {"InstanceId": INSTANCE_ID, "ViewId": VIEW_ARN})
    summary = handler({}, lambda_context)
    assert summary["errors"] == ["list_views(AWS_MANAGED):ThrottlingException"] and summary["deletesSkipped"]
    assert table_rows(questions_table) == {**EXPECTED, "extras": "Extras"}


def test_explicit_view_arns_are_read_without_listing(questions_table, connect, lambda_context):
    connect.add_response("describe_view", view(VIEW_ARN, SURVEY), {"InstanceId": INSTANCE_ID, "ViewId": VIEW_ARN})
    summary = handler({"viewArns": [VIEW_ARN]}, lambda_context)
    assert summary["views"] == 1 and table_rows(questions_table) == EXPECTED


def test_nothing_readable_raises_so_the_schedule_retries(questions_table, connect, lambda_context, monkeypatch):
    monkeypatch.setenv("SCAN_FLOWS", "false")
    for _ in range(2):
        connect.add_client_error("list_views", service_error_code="AccessDeniedException", http_status_code=403)
    with pytest.raises(ExtractFailed, match="AccessDeniedException"):
        handler({}, lambda_context)


def test_terraform_destroy_does_nothing(questions_table, lambda_context):
    assert handler({"tf": {"action": "delete"}}, lambda_context) == {"skipped": "delete"}


def test_many_questions_are_written_in_batches_of_25(questions_table, connect, lambda_context, monkeypatch):
    monkeypatch.setenv("SCAN_FLOWS", "false")
    template = {"Body": [{"Type": "FormInput", "Props": {"Name": f"Q{i:03d}", "Label": f"Q {i}"}} for i in range(60)]}
    connect.add_response("describe_view", view(VIEW_ARN, template), {"InstanceId": INSTANCE_ID, "ViewId": VIEW_ARN})
    calls: list[str] = []
    client("dynamodb", config=BATCH_CLIENT_CONFIG).meta.events.register(
        "before-parameter-build.dynamodb.*", lambda model, **_: calls.append(model.name)
    )
    assert handler({"viewArns": [VIEW_ARN]}, lambda_context)["written"] == 60
    assert calls.count("BatchWriteItem") == 3 and len(table_rows(questions_table)) == 60


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def _dynamodb_calls() -> list[str]:
    """The extract function's DynamoDB calls, counted independently of common/metrics.py."""
    made: list[str] = []
    client("dynamodb", config=BATCH_CLIENT_CONFIG).meta.events.register(
        "before-call.dynamodb", lambda model, **_: made.append(model.name)
    )
    return made


def test_emf_an_extraction_counts_its_dynamodb_calls(questions_table, connect, lambda_context, emf):
    made = _dynamodb_calls()
    expect_discovery(connect)
    handler({}, lambda_context)
    assert made and emf("view_data", forbidden=("Why did the customer call",)) == {"DynamoDBCalls": len(made)}


def test_emf_a_failed_extraction_still_prints_its_line(questions_table, connect, lambda_context, monkeypatch, emf):
    monkeypatch.setenv("SCAN_FLOWS", "false")
    made = _dynamodb_calls()
    for _ in range(2):
        connect.add_client_error("list_views", service_error_code="AccessDeniedException", http_status_code=403)
    with pytest.raises(ExtractFailed):
        handler({}, lambda_context)
    assert emf("view_data") == {"DynamoDBCalls": len(made)}

"""The vanity handler against a results table on moto, with its DynamoDB calls counted."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data.common import aws as common_aws
from connect_data.common.phone import normalize_e164
from connect_data.vanity.handler import handler
from connect_data.vanity.index import to_digits
from tests.support import flow_event, load_event

TABLE = "vanity-results"


@pytest.fixture
def results_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("RESULTS_TABLE", TABLE)
    return dynamodb


@pytest.fixture
def calls() -> Counter[str]:
    """DynamoDB operations the handler's own client makes, counted with botocore's event hooks."""
    counted: Counter[str] = Counter()
    common_aws.client("dynamodb").meta.events.register(
        "before-call.dynamodb.*", lambda model, **_: counted.update([model.name])
    )
    return counted


def _item(dynamodb: Any, number: str) -> dict[str, Any]:
    return dynamodb.get_item(TableName=TABLE, Key={"PhoneNumber": {"S": number}})["Item"]


def test_new_caller_gets_top_three_with_ssml_and_costs_two_calls(results_table, calls, lambda_context):
    reply = handler(flow_event(caller="+18003569377", contact_id="c-1"), lambda_context)
    assert reply["vanity1"] == "800-FLOWERS"
    assert set(reply) == {"vanity1", "vanity2", "vanity3", "count", "ssml", "moreCount", "ssmlMore", "source"}
    assert reply["count"] == "3" and reply["moreCount"] == "3" and reply["source"] == "new"
    assert reply["ssml"].startswith("<speak>") and '<say-as interpret-as="characters">FLOWERS</say-as>' in reply["ssml"]
    assert "Option 4: " in reply["ssmlMore"] and "Option 4: " not in reply["ssml"]
    assert calls == Counter({"GetItem": 1, "PutItem": 1})
    item = _item(results_table, "+18003569377")
    assert item["Vanity"]["L"][0] == {"S": "800-FLOWERS"}
    assert len(item["Vanity"]["L"]) == 6
    assert item["ContactId"] == {"S": "c-1"}
    assert int(item["ExpiresAt"]["N"]) - int(item["CreatedAtMs"]["N"]) // 1000 == 30 * 86400


def test_repeat_caller_within_the_window_is_served_from_the_table_with_one_call(results_table, calls, lambda_context):
    first = handler(flow_event(caller="+18003569377", contact_id="c-1"), lambda_context)
    calls.clear()
    second = handler(flow_event(caller="+18003569377", contact_id="c-2"), lambda_context)
    assert calls == Counter({"GetItem": 1})
    assert second == {**first, "source": "stored"}
    assert _item(results_table, "+18003569377")["ContactId"] == {"S": "c-1"}


def test_caller_outside_the_window_is_searched_and_stored_again(results_table, calls, lambda_context, monkeypatch):
    monkeypatch.setenv("REPEAT_WINDOW_SECONDS", "60")
    handler(flow_event(caller="+18003569377", contact_id="c-1"), lambda_context)
    results_table.update_item(
        TableName=TABLE,
        Key={"PhoneNumber": {"S": "+18003569377"}},
        UpdateExpression="SET CreatedAtMs = :old",
        ExpressionAttributeValues={":old": {"N": "1000"}},
    )
    calls.clear()
    reply = handler(flow_event(caller="+18003569377", contact_id="c-2"), lambda_context)
    assert reply["source"] == "new"
    assert calls == Counter({"GetItem": 1, "PutItem": 1})
    assert _item(results_table, "+18003569377")["ContactId"] == {"S": "c-2"}


def test_number_from_a_parameter_and_national_form(results_table, lambda_context):
    event = flow_event(caller=None, parameters={"numberSource": "parameter", "phoneNumber": "(415) 225-5669"})
    reply = handler(event, lambda_context)
    assert reply["vanity1"] == "415-CALL-NOW"
    assert "Item" in results_table.get_item(TableName=TABLE, Key={"PhoneNumber": {"S": "+14152255669"}})


def test_number_without_words_answers_count_zero_and_is_stored(results_table, lambda_context):
    reply = handler(flow_event(caller="+12120101010"), lambda_context)
    assert reply == {
        "vanity1": "",
        "vanity2": "",
        "vanity3": "",
        "count": "0",
        "ssml": "<speak>Sorry, no words spell your phone number.</speak>",
        "moreCount": "0",
        "source": "new",
    }
    assert _item(results_table, "+12120101010")["Vanity"] == {"L": []}


@pytest.mark.parametrize(
    ("event", "error"),
    [
        ({"hello": "world"}, "NOT_A_FLOW_EVENT"),
        (flow_event(caller=None), "NO_NUMBER"),
        (flow_event(caller="+1415555CALL"), "INVALID_NUMBER"),
        (flow_event(parameters={"numberSource": "dialled"}), "INVALID_SOURCE"),
    ],
)
def test_bad_input_gets_an_error_code_and_no_table_call(results_table, calls, lambda_context, event, error):
    assert handler(event, lambda_context) == {"count": "0", "error": error}
    assert not calls


def test_task_contact_without_endpoint_gets_no_number(results_table, lambda_context):
    assert handler(load_event("vanity/task_real.json"), lambda_context)["error"] == "NO_NUMBER"


@pytest.mark.parametrize(
    "raw",
    ["+266696687", "266696687", "anonymous", "Anonymous", "RESTRICTED", "private", "Withheld", "unknown"],
)
def test_withheld_markers_answer_withheld_number(results_table, calls, lambda_context, raw):
    assert handler(flow_event(caller=raw), lambda_context) == {"count": "0", "error": "WITHHELD_NUMBER"}
    assert not calls


@pytest.mark.parametrize("raw", [1.8003569377e10, 18003569377.0, True, ["+18003569377"]])
def test_only_strings_and_integers_are_numbers(results_table, calls, lambda_context, raw):
    event = flow_event(caller=None, parameters={"numberSource": "parameter", "phoneNumber": raw})
    assert handler(event, lambda_context) == {"count": "0", "error": "INVALID_NUMBER"}
    assert handler(flow_event(caller=raw), lambda_context)["error"] == "INVALID_NUMBER"
    assert not calls


def test_the_keypad_form_of_other_markers_is_a_real_number_and_is_spelt(results_table, lambda_context):
    # RESTRICTED on a keypad is the NANP number 737-874-2833: a caller may really have it.
    assert handler(flow_event(caller="+17378742833"), lambda_context)["source"] == "new"


def test_an_integer_number_is_read(results_table, lambda_context):
    event = flow_event(caller=None, parameters={"numberSource": "parameter", "phoneNumber": 18003569377})
    assert handler(event, lambda_context)["vanity1"] == "800-FLOWERS"


def test_a_table_that_fails_both_calls_still_gets_the_results_with_result_not_stored(monkeypatch, lambda_context):
    monkeypatch.setenv("RESULTS_TABLE", TABLE)
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code="ProvisionedThroughputExceededException")
        stub.add_client_error("put_item", service_error_code="ThrottlingException")
        reply = handler(flow_event(caller="+18003569377"), lambda_context)
        stub.assert_no_pending_responses()
    assert reply["vanity1"] == "800-FLOWERS" and reply["count"] == "3" and reply["source"] == "new"
    assert reply["error"] == "RESULT_NOT_STORED" and reply["errorDetail"] == "ThrottlingException"


def test_a_failed_read_alone_still_searches_and_stores(monkeypatch, lambda_context):
    monkeypatch.setenv("RESULTS_TABLE", TABLE)
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code="ProvisionedThroughputExceededException")
        stub.add_response("put_item", {})
        reply = handler(flow_event(caller="+18003569377"), lambda_context)
        stub.assert_no_pending_responses()
    assert reply["vanity1"] == "800-FLOWERS" and "error" not in reply


def test_a_failed_search_answers_lookup_failed(results_table, lambda_context, monkeypatch):
    from connect_data.vanity import service

    monkeypatch.setattr(service, "search", lambda *args, **kwargs: 1 / 0)
    reply = handler(flow_event(caller="+18003569377"), lambda_context)
    assert reply == {"count": "0", "error": "LOOKUP_FAILED", "errorDetail": "ZeroDivisionError"}


def test_no_number_is_logged_in_clear(results_table, lambda_context, caplog):
    handler(flow_event(caller="+18003569377"), lambda_context)
    records = [r for r in caplog.records if r.getMessage() == "vanity numbers"]
    assert records and records[0].__dict__["caller"] == "+1********77"
    logged = " ".join(str(r.__dict__) for r in caplog.records)
    assert "3569377" not in logged and "FLOWERS" not in logged


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.from_regex(r"\+?[1-9][0-9]{6,14}", fullmatch=True),
        st.text(alphabet="0123456789+-() abcx", max_size=20),
    )
)
def test_any_caller_string_gets_a_flat_string_reply_and_never_an_exception(results_table, lambda_context, raw):
    reply = handler(flow_event(caller=raw or None), lambda_context)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in reply.items())
    assert int(reply["count"]) <= 3
    assert ("error" in reply) == (reply["count"] == "0" and "source" not in reply)
    for i in range(1, int(reply["count"]) + 1):
        # NANP answers are national (no leading 1), others start with the country code.
        assert normalize_e164(raw).endswith(re.sub(r"\D", "", to_digits(reply[f"vanity{i}"])))


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_a_new_caller_counts_its_results_the_reply_and_two_dynamodb_calls(results_table, lambda_context, emf):
    reply = handler(flow_event(caller="+18003569377", contact_id="c-1"), lambda_context)
    metrics = emf("vanity", forbidden=("8003569377", "FLOWERS", "c-1"))
    answered = int(reply["count"]) + int(reply["moreCount"])
    assert metrics == {"DynamoDBCalls": 2, "FlowReplies": 1, "VanityResults": answered}


def test_emf_a_bad_number_counts_its_error_code_and_no_table_call(results_table, lambda_context, emf):
    handler(flow_event(caller="+1415555CALL"), lambda_context)
    metrics = emf("vanity", forbidden=("1415555",))
    assert metrics == {"DynamoDBCalls": 0, "FlowReplies": 1, "FlowReplyErrors": 1, "FlowReplyError_INVALID_NUMBER": 1}

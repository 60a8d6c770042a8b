"""The record and history functions, invoked with real flow events, against the status table on moto."""

from __future__ import annotations

from collections import Counter

import pytest
from botocore.stub import Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_data.common import aws as common_aws
from connect_data.common.phone import normalize_e164
from connect_data.common.timeutil import now_ms
from connect_data.contact_status import lookup, record
from connect_data.contact_status.customer import customer_key
from connect_data.contact_status.processor import process_delivery
from tests.support import flow_event, load_event
from tests.unit.contact_status.conftest import SETTINGS, create_status_table, stored

CALLER = "+14155550100"


def _contact_event(contact_id: str, event_type: str, at_ms: int, **detail):
    from connect_data.common.timeutil import iso_utc

    return {
        "id": f"{contact_id}-{event_type}",
        "detail-type": "Amazon Connect Contact Event",
        "source": "aws.connect",
        "time": iso_utc(at_ms)[:19] + "Z",
        "detail": {
            "contactId": contact_id,
            "eventType": event_type,
            "channel": detail.pop("channel", "VOICE"),
            "initiationMethod": detail.pop("initiationMethod", "INBOUND"),
            "initiationTimestamp": iso_utc(at_ms),
            **detail,
        },
    }


def test_record_stores_parameters_as_custom_attributes_and_the_customer_id(status_table, lambda_context):
    event = flow_event(caller="(415) 555-0100", contact_id="c-1", parameters={"intent": "billing", "tier": "gold"})
    assert record.handler(event, lambda_context) == {"recorded": "true", "attributeCount": "2"}
    event = flow_event(caller=CALLER, contact_id="c-1", parameters={"intent": "payment"})
    assert record.handler(event, lambda_context) == {"recorded": "true", "attributeCount": "1"}
    item = stored(status_table, "c-1")
    assert item["CustomAttributes"] == {"intent": "payment", "tier": "gold"}
    assert item["CustomerId"] == CALLER and item["InitialContactId"] == "c-1" and item["Channel"] == "VOICE"


def test_record_after_contact_events_keeps_what_the_events_wrote(status_table, lambda_context):
    start = now_ms()
    process_delivery(status_table, SETTINGS, _contact_event("c-2", "QUEUED", start))
    record.handler(flow_event(contact_id="c-2", parameters={"reason": "late"}), lambda_context)
    item = stored(status_table, "c-2")
    assert item["Status"] == "QUEUED" and item["CustomAttributes"] == {"reason": "late"}
    assert item["LastEventAt"] == start and len(item["History"]) == 1


def test_record_works_for_a_task_without_customer_endpoint(status_table, lambda_context):
    event = load_event("flow/task_real.json")
    reply = record.handler(event, lambda_context)
    assert reply["recorded"] == "true"
    assert "CustomerId" not in stored(status_table, event["Details"]["ContactData"]["ContactId"])


def test_record_refuses_too_many_attributes_and_non_flow_events(status_table, lambda_context):
    params = {f"k{i}": "v" for i in range(record.MAX_ATTRIBUTES + 1)}
    assert record.handler(flow_event(parameters=params), lambda_context) == {
        "recorded": "false",
        "error": "TOO_MANY_ATTRIBUTES",
    }
    assert record.handler({}, lambda_context) == {"recorded": "false", "error": "NOT_A_FLOW_EVENT"}


def test_record_answers_constant_error_codes_never_an_exception_message(status_table, lambda_context, monkeypatch):
    def refuses(*args, **kwargs):
        raise ValueError("Inexact: 1E+40 cannot be stored for contact c-1")

    monkeypatch.setattr(record, "record_attributes", refuses)
    reply = record.handler(flow_event(parameters={"a": "1"}), lambda_context)
    assert reply == {"recorded": "false", "error": "INTERNAL"}


def _seed_history(status_table, lambda_context):
    now = now_ms()
    # An ended voice call 30 minutes ago, an active chat and a queued callback, all for one caller.
    process_delivery(status_table, SETTINGS, _contact_event("old", "QUEUED", now - 31 * 60_000))
    process_delivery(
        status_table,
        SETTINGS,
        _contact_event(
            "old",
            "DISCONNECTED",
            now - 30 * 60_000,
            disconnectReason="CUSTOMER_DISCONNECT",
            queueInfo={"queueArn": "arn:aws:connect:us-east-1:1:instance/i/queue/billing", "queueType": "STANDARD"},
        ),
    )
    process_delivery(status_table, SETTINGS, _contact_event("chat", "CONNECTED_TO_AGENT", now - 60_000, channel="CHAT"))
    process_delivery(status_table, SETTINGS, _contact_event("cb", "QUEUED", now - 120_000, initiationMethod="CALLBACK"))
    process_delivery(status_table, SETTINGS, _contact_event("ancient", "DISCONNECTED", now - 3 * 86_400_000))
    for contact_id in ("old", "chat", "cb", "ancient"):
        channel = "CHAT" if contact_id == "chat" else "VOICE"
        record.handler(flow_event(caller=CALLER, contact_id=contact_id, channel=channel), lambda_context)


def test_history_answers_a_flat_map_from_exactly_one_query(status_table, lambda_context):
    _seed_history(status_table, lambda_context)
    calls: Counter[str] = Counter()
    dynamodb = common_aws.client("dynamodb")
    dynamodb.meta.events.register("before-call.dynamodb.*", lambda model, **_: calls.update([model.name]))
    reply = lookup.handler(flow_event(caller=CALLER, contact_id="current"), lambda_context)
    assert calls == Counter({"Query": 1})
    assert reply["contactCount"] == "3"  # "ancient" is outside the 24-hour window
    assert reply["activeContacts"] == "2" and reply["activeChat"] == "1" and reply["activeVoice"] == "1"
    assert reply["callbackQueued"] == "true"
    assert reply["lastContactId"] == "chat" and reply["minutesSinceLastContact"] == "1"
    assert all(isinstance(v, str) for v in reply.values())


def test_history_window_parameter_and_last_queue(status_table, lambda_context):
    _seed_history(status_table, lambda_context)
    event = flow_event(caller=CALLER, contact_id="chat", parameters={"windowMinutes": "100000"})
    reply = lookup.handler(event, lambda_context)
    assert reply["contactCount"] == "3"  # the current contact is left out, "ancient" comes in
    assert reply["lastContactId"] == "cb"


def test_history_of_a_new_caller_is_empty_and_of_no_caller_is_an_error(status_table, lambda_context):
    reply = lookup.handler(flow_event(caller="+14155550111"), lambda_context)
    assert reply["contactCount"] == "0" and reply["callbackQueued"] == "false" and "lastContactId" not in reply
    assert lookup.handler(flow_event(caller=None), lambda_context) == {"contactCount": "0", "error": "NO_CUSTOMER"}


def test_history_answers_an_error_code_when_the_query_fails(lambda_context, monkeypatch):
    monkeypatch.setenv("STATUS_TABLE", "contact-status")
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error("query", service_error_code="ThrottlingException", http_status_code=400)
        reply = lookup.handler(flow_event(), lambda_context)
    assert reply == {"error": "HISTORY_FAILED", "errorDetail": "ThrottlingException"}


def test_history_ignores_a_customer_id_parameter_unless_the_deployment_trusts_it(
    status_table, lambda_context, monkeypatch
):
    _seed_history(status_table, lambda_context)
    # Another caller's flow passes what the caller typed as customerId: they get their own (empty) history.
    prying = flow_event(caller="+14155550111", contact_id="current", parameters={"customerId": CALLER})
    assert lookup.handler(prying, lambda_context)["contactCount"] == "0"
    monkeypatch.setenv("TRUST_CUSTOMER_ID_PARAMETER", "true")
    assert lookup.handler(prying, lambda_context)["contactCount"] == "3"


def test_record_files_a_customer_id_parameter_only_when_trusted(status_table, lambda_context, monkeypatch):
    event = flow_event(caller=CALLER, contact_id="p-1", parameters={"customerId": "account-42"})
    record.handler(event, lambda_context)
    assert stored(status_table, "p-1")["CustomerId"] == CALLER
    monkeypatch.setenv("TRUST_CUSTOMER_ID_PARAMETER", "true")
    record.handler(event, lambda_context)
    assert stored(status_table, "p-1")["CustomerId"] == "account-42"


@pytest.mark.parametrize("caller", ["anonymous", "Restricted", "+", "0", "+1-800-FLOWERS"])
def test_anonymous_and_unparseable_callers_share_no_key_and_get_no_history(status_table, lambda_context, caller):
    record.handler(flow_event(caller=caller, contact_id="anon-1"), lambda_context)
    assert "CustomerId" not in stored(status_table, "anon-1")
    reply = lookup.handler(flow_event(caller=caller, contact_id="anon-2"), lambda_context)
    assert reply == {"contactCount": "0", "error": "NO_CUSTOMER"}


def test_a_callback_no_flow_recorded_is_found_by_history_from_its_contact_events(status_table, lambda_context):
    now = now_ms()
    endpoint = {"address": "+1 (415) 555-0100", "type": "TELEPHONE_NUMBER"}
    process_delivery(
        status_table,
        SETTINGS,
        _contact_event("cb-only", "QUEUED", now - 60_000, initiationMethod="CALLBACK", customerEndpoint=endpoint),
    )
    assert stored(status_table, "cb-only")["CustomerId"] == CALLER
    reply = lookup.handler(flow_event(caller=CALLER, contact_id="current"), lambda_context)
    assert reply["contactCount"] == "1" and reply["callbackQueued"] == "true" and reply["lastContactId"] == "cb-only"


def test_contact_events_never_overwrite_the_customer_id_a_trusted_flow_filed(status_table, lambda_context, monkeypatch):
    monkeypatch.setenv("TRUST_CUSTOMER_ID_PARAMETER", "true")
    record.handler(flow_event(caller=CALLER, contact_id="t-1", parameters={"customerId": "account-42"}), lambda_context)
    endpoint = {"address": CALLER, "type": "TELEPHONE_NUMBER"}
    process_delivery(status_table, SETTINGS, _contact_event("t-1", "QUEUED", now_ms(), customerEndpoint=endpoint))
    assert stored(status_table, "t-1")["CustomerId"] == "account-42"


@given(st.text(max_size=30), st.sampled_from([None, "TELEPHONE_NUMBER"]))
def test_a_customer_key_is_a_real_e164_number_or_none(address, kind):
    key = customer_key(address, kind)
    if key is not None:
        assert key == normalize_e164(address) and key.startswith("+") and key[1:].isdigit()


@given(
    st.from_regex(r"[2-9][0-9]{2}[2-9][0-9]{6}", fullmatch=True), st.sampled_from(["{}", "({}) {}-{}", "1-{}-{}-{}"])
)
def test_every_way_of_writing_a_number_gives_one_key(digits, layout):
    written = layout.format(digits[:3], digits[3:6], digits[6:]) if layout.count("{}") == 3 else digits
    assert customer_key(written) == customer_key("+1" + digits) == "+1" + digits


# --- EMF metrics (common/metrics.py) ------------------------------------------------------------------


def test_emf_record_counts_one_reply_and_its_writes(status_table, lambda_context, emf):
    event = flow_event(caller=CALLER, contact_id="c-1", parameters={"intent": "billing"})
    record.handler(event, lambda_context)
    # The first record finds no attribute map (a failed condition) and creates it whole: two writes.
    assert emf("contact_status", forbidden=(CALLER, "c-1", "billing")) == {"DynamoDBCalls": 2, "FlowReplies": 1}
    record.handler(event, lambda_context)
    assert emf("contact_status", forbidden=(CALLER, "c-1", "billing")) == {"DynamoDBCalls": 1, "FlowReplies": 1}


def test_emf_record_counts_an_internal_error(status_table, lambda_context, monkeypatch, emf):
    monkeypatch.setattr(record, "record_attributes", lambda *args, **kwargs: 1 / 0)
    record.handler(flow_event(parameters={"a": "1"}), lambda_context)
    metrics = emf("contact_status")
    assert metrics == {"DynamoDBCalls": 0, "FlowReplies": 1, "FlowReplyErrors": 1, "FlowReplyError_INTERNAL": 1}


def test_emf_history_counts_one_reply_and_one_query(status_table, lambda_context, emf):
    lookup.handler(flow_event(caller="+14155550111"), lambda_context)
    assert emf("contact_status", forbidden=("4155550111",)) == {"DynamoDBCalls": 1, "FlowReplies": 1}


def test_emf_history_counts_a_failed_query_under_its_error_code(lambda_context, monkeypatch, emf):
    monkeypatch.setenv("STATUS_TABLE", "contact-status")
    with Stubber(common_aws.client("dynamodb")) as stub:
        stub.add_client_error("query", service_error_code="ThrottlingException", http_status_code=400)
        lookup.handler(flow_event(), lambda_context)
    metrics = emf("contact_status")
    assert metrics == {"DynamoDBCalls": 1, "FlowReplies": 1, "FlowReplyErrors": 1, "FlowReplyError_HISTORY_FAILED": 1}


# The table is made anew per example (about 100 ms on moto): no per-example deadline.
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ages=st.lists(st.integers(0, 3 * 1440), min_size=1, max_size=12, unique=True),
    window=st.integers(1, 2 * 1440),
    page=st.integers(4, 12),  # 12 contacts in at most MAX_PAGES (3) pages
)
def test_history_counts_the_window_and_names_the_newest_whatever_the_index_order(status_table, ages, window, page):
    # The index is keyed on CustomerId alone: the window is a filter and newest-first a sort in code. A small
    # page (moto pages the query as DynamoDB does past 1 MB) checks that every page is read.
    now = 1_767_225_600_000
    status_table.delete_table(TableName=SETTINGS.table_name)
    status_table.delete_table(TableName=SETTINGS.history_table_name)
    create_status_table(status_table)
    for n, minutes in enumerate(ages):
        item = {"ContactId": {"S": f"c-{n}"}, "CustomerId": {"S": "cust"}, "Channel": {"S": "VOICE"}}
        item["LastEventAt"] = {"N": str(now - minutes * 60_000)}
        status_table.put_item(TableName=SETTINGS.table_name, Item=item)

    def small_pages(params, **_):
        params["Limit"] = page

    status_table.meta.events.register("provide-client-params.dynamodb.Query", small_pages)
    try:
        answer = lookup.contact_history(
            status_table, SETTINGS.table_name, "cust", current_contact_id=None, window_minutes=window, now=now
        )
    finally:
        status_table.meta.events.unregister("provide-client-params.dynamodb.Query", small_pages)
    inside = sorted(m for m in ages if m <= window)
    assert answer.contact_count == len(inside)
    assert answer.minutes_since_last == (inside[0] if inside else None)
    assert (answer.last or {}).get("ContactId") == (f"c-{ages.index(inside[0])}" if inside else None)

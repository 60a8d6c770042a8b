"""The flow event accessor and the one reply shape every flow-invoked function answers with."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from connect_data.common.flow import MAX_REPLY_BYTES, FlowEvent, flat_string, flow_reply
from tests.support import load_event


def test_task_event_with_null_endpoints_and_queue_reads_as_none():
    flow = FlowEvent.parse(load_event("flow/task_real.json"))
    assert flow.is_flow_event and flow.channel == "TASK"
    assert (flow.customer_number, flow.system_number, flow.queue_name, flow.related_contact_id) == (
        None,
        None,
        None,
        None,
    )
    assert flow.instance_id == "110e2f11-ec6e-44b9-83cb-32dac6722467"


def test_voice_event_exposes_endpoints_queue_and_parameters():
    flow = FlowEvent.parse(load_event("flow/voice_full.json"))
    assert flow.customer_number == "+1234567890" and flow.queue_name == "PasswordReset"
    assert flow.parameter("exampleParameterKey1") == "exampleParameterValue1"
    assert flow.parameter("missing", "fallback") == "fallback"


def test_reply_is_flat_strings_and_drops_none():
    reply = flow_reply({"a": 1, "b": None}, flag=True, ratio=2.0, nested={"x": [1, 2]})
    assert reply == {"a": "1", "flag": "true", "ratio": "2", "nested": '{"x":[1,2]}'}


@given(
    st.dictionaries(
        st.text(max_size=20),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
            lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
            max_leaves=20,
        ),
    )
)
def test_any_values_make_a_flat_string_map(values):
    reply = flow_reply(values)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in reply.items())


def test_an_oversized_reply_is_cut_below_connects_limit_and_says_so():
    reply = flow_reply({f"k{i}": "x" * 1000 for i in range(100)})
    assert reply["truncated"] == "true"
    assert len(json.dumps(reply).encode()) <= MAX_REPLY_BYTES


def test_flat_string_of_a_set_is_sorted_json():
    assert flat_string({"b", "a"}) == '["a","b"]'


def test_number_from_flow_takes_the_configured_source_and_the_flows_override():
    from connect_data.common.flow import number_from_flow
    from tests.support import flow_event

    event = flow_event(caller="(415) 555-0100", dialled="+18005550199", parameters={"phoneNumber": "+442079460000"})
    settings = {"number_parameter": "phoneNumber", "default_country_code": "1"}
    assert number_from_flow(FlowEvent.parse(event), source="customer", **settings) == "+14155550100"
    assert number_from_flow(FlowEvent.parse(event), source="dialled", **settings) == "+18005550199"
    assert number_from_flow(FlowEvent.parse(event), source="parameter", **settings) == "+442079460000"
    event["Details"]["Parameters"]["numberSource"] = "dialled"
    assert number_from_flow(FlowEvent.parse(event), source="customer", **settings) == "+18005550199"


def test_number_from_flow_refuses_a_source_the_function_does_not_allow():
    import pytest

    from connect_data.common.flow import number_from_flow
    from connect_data.common.phone import InvalidNumber
    from tests.support import flow_event

    with pytest.raises(InvalidNumber) as err:
        number_from_flow(
            FlowEvent.parse(flow_event()),
            source="dialled",
            number_parameter="phoneNumber",
            default_country_code="1",
            allowed_sources=("customer", "parameter"),
        )
    assert err.value.code == "INVALID_SOURCE"


def test_control_keys_lead_an_oversized_reply_and_are_never_cut():
    answers = {f"k{i}": "x" * 1000 for i in range(100)}
    reply = flow_reply(answers, status="ok", error=None, contactKey="c-1", answerCount=100)
    assert list(reply)[:3] == ["status", "contactKey", "answerCount"]
    assert reply["status"] == "ok" and reply["contactKey"] == "c-1" and reply["truncated"] == "true"
    assert len(json.dumps(reply).encode()) <= MAX_REPLY_BYTES
    kept = [k for k in reply if k.startswith("k")]
    assert kept == [f"k{i}" for i in range(len(kept))] and 0 < len(kept) < 100  # answers cut from the end


def test_an_answer_named_like_a_control_key_cannot_hide_it():
    assert flow_reply({"status": "forged", "a": 1}, status="ok") == {"status": "ok", "a": "1"}

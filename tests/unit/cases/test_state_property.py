"""Whatever order and batching the queue delivers events in, redeliveries included, every event is stored
once and each case's state ends at its newest CASE.* change."""

from __future__ import annotations

import boto3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from connect_data.cases.consumer import ConsumerSettings, process_batch
from connect_data.cases.store import StoreSettings
from devtools.sqs_events import sqs_record
from tests.unit.cases.conftest import REGION, TABLE, case_event

TYPES = ["CASE.CREATED", "CASE.UPDATED", "CASE.DELETED", "RELATED_ITEM.CREATED"]

history = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(TYPES), st.sampled_from(["open", "closed", "x"])),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=history, order=st.randoms(use_true_random=False), cut=st.integers(1, 10), repeat=st.booleans())
def test_any_delivery_order_ends_at_the_newest_change(history, order, cut, repeat):
    events = [
        case_event(
            event_id=f"e{i}", case_id=case, event_type=kind, status=status, time=f"2024-05-01T10:00:{i:02d}.000Z"
        )
        for i, (case, kind, status) in enumerate(history)
    ]
    delivered = events + (events[: len(events) // 2] if repeat else [])
    order.shuffle(delivered)
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        dynamodb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "caseId", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": "caseId", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        settings_ = ConsumerSettings(store=StoreSettings(table_name=TABLE))
        for start in range(0, len(delivered), cut):
            chunk = delivered[start : start + cut]
            records = [sqs_record(e, f"m{start + i}") for i, e in enumerate(chunk)]
            assert process_batch(records, dynamodb, None, settings_).failed_message_ids == []
        items = dynamodb.scan(TableName=TABLE)["Items"]

    stored = sorted(i["eventId"]["S"] for i in items if i["sk"]["S"].startswith("EVENT#"))
    assert stored == sorted(e["id"] for e in events)
    states = {i["caseId"]["S"]: i for i in items if i["sk"]["S"] == "STATE"}
    for case in {c for c, _, _ in history}:
        changes = [(i, kind, status) for i, (c, kind, status) in enumerate(history) if c == case and kind != TYPES[3]]
        if not changes:
            assert case not in states
            continue
        index, kind, status = changes[-1]
        assert states[case]["lastEventId"] == {"S": f"e{index}"} and states[case]["status"] == {"S": status}
        assert states[case]["deleted"] == {"BOOL": kind == "CASE.DELETED"}

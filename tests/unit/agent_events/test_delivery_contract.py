"""The shared delivery contract (tests/delivery_contract.py) for agent events: any permutation, duplicates
inside a batch, redeliveries in later batches and any batch split leave the items in-order delivery leaves."""

from __future__ import annotations

from typing import Any

import boto3
from moto import mock_aws

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from tests.delivery_contract import SCENARIOS_RUN, ContractConsumer, check_delivery_contract
from tests.unit.agent_events.conftest import AGENTS, REGION, create_agents_table, kinesis_record
from tests.unit.agent_events.test_delivery_property import _events, stream

SETTINGS = ProcessorSettings(store=StoreSettings(table_name=AGENTS))
SCENARIOS = 25  # two moto worlds per scenario; the property test beside this one adds its own cases


def _new_world() -> Any:
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    if AGENTS in dynamodb.list_tables()["TableNames"]:
        dynamodb.delete_table(TableName=AGENTS)
    create_agents_table(dynamodb)
    return dynamodb


def _deliver(dynamodb: Any, batch: list[dict[str, Any]]) -> None:
    records = [kinesis_record(e, f"{i:05d}") for i, e in enumerate(batch)]
    assert process_batch(records, dynamodb, None, SETTINGS).failed_sequence_numbers == []


def _state(dynamodb: Any) -> list[dict[str, Any]]:
    items = dynamodb.scan(TableName=AGENTS)["Items"]
    return sorted(items, key=lambda i: (i["AgentArn"]["S"], i["sk"]["S"]))


def test_agent_events_hold_the_delivery_contract():
    consumer = ContractConsumer(
        name="agent_events",
        events=stream.map(_events),
        key=lambda e: e["EventId"],
        new_world=_new_world,
        deliver=_deliver,
        read_state=_state,
    )
    with mock_aws():
        check_delivery_contract(consumer, scenarios=SCENARIOS)
    assert SCENARIOS_RUN["agent_events"] >= SCENARIOS

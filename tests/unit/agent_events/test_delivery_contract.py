"""The shared delivery contract (tests/delivery_contract.py) for agent events: any permutation, duplicates
inside a batch, redeliveries in later batches and any batch split leave the items in-order delivery leaves."""

from __future__ import annotations

from typing import Any

import boto3
from moto import mock_aws

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from tests.delivery_contract import SCENARIOS_RUN, ContractConsumer, check_delivery_contract, scenarios_planned
from tests.unit.agent_events.conftest import AGENTS, REGION, create_agents_table, kinesis_record
from tests.unit.agent_events.test_delivery_property import _events, stream

SETTINGS = ProcessorSettings(store=StoreSettings(table_name=AGENTS))


class _Worlds:
    """One client for every world (a boto3 client takes longer to make than a scenario takes to run)."""

    def __init__(self) -> None:
        self.dynamodb = boto3.client("dynamodb", region_name=REGION)

    def new(self) -> Any:
        if AGENTS in self.dynamodb.list_tables()["TableNames"]:
            self.dynamodb.delete_table(TableName=AGENTS)
        create_agents_table(self.dynamodb)
        return self.dynamodb


def _deliver(dynamodb: Any, batch: list[dict[str, Any]]) -> None:
    records = [kinesis_record(e, f"{i:05d}") for i, e in enumerate(batch)]
    assert process_batch(records, dynamodb, None, SETTINGS).failed_sequence_numbers == []


def _state(dynamodb: Any) -> list[dict[str, Any]]:
    items = dynamodb.scan(TableName=AGENTS)["Items"]
    return sorted(items, key=lambda i: (i["AgentArn"]["S"], i["sk"]["S"]))


def test_agent_events_hold_the_delivery_contract():
    before = SCENARIOS_RUN["agent_events"]
    with mock_aws():
        consumer = ContractConsumer(
            name="agent_events",
            events=stream.map(_events),
            key=lambda e: e["EventId"],
            new_world=_Worlds().new,
            deliver=_deliver,
            read_state=_state,
        )
        check_delivery_contract(consumer)
    print(f"agent events: {SCENARIOS_RUN['agent_events'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["agent_events"] - before == scenarios_planned()

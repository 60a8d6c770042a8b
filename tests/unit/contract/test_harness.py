"""The delivery-contract harness itself: its plans cover what it promises, it passes a consumer that holds
the contract and catches the two classic ways of breaking it (arrival order wins, duplicates notified)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.delivery_contract import (
    SCENARIOS_RUN,
    ContractConsumer,
    ContractViolation,
    check_delivery_contract,
    delivery_plans,
    scenarios_planned,
)

# (event ID, key it sets, change time in ms, value)
Event = tuple[str, str, int, str]

events = st.lists(
    st.tuples(st.sampled_from("abc"), st.integers(0, 3), st.text("xyz", min_size=1, max_size=2)),
    min_size=1,
    max_size=8,
).map(lambda rows: [(f"e{i}", k, t, v) for i, (k, t, v) in enumerate(rows)])


@dataclass
class World:
    state: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> (time, event ID, value)
    seen: set[str] = field(default_factory=set)
    notified: Counter[str] = field(default_factory=Counter)


def newest_wins(world: World, batch: list[Event]) -> None:
    for event_id, key, at, value in batch:
        if (at, event_id) > world.state.get(key, (-1, "", ""))[:2]:
            world.state[key] = (at, event_id, value)
        if event_id not in world.seen:
            world.seen.add(event_id)
            world.notified[event_id] += 1


def last_arrival_wins(world: World, batch: list[Event]) -> None:
    newest_wins(world, batch)  # notifies correctly; only the state is wrong
    for event_id, key, at, value in batch:
        world.state[key] = (at, event_id, value)


def notify_every_copy(world: World, batch: list[Event]) -> None:
    newest_wins(world, batch)
    for event_id, *_ in batch:
        world.notified[event_id] += 1


def consumer(deliver, name: str = "toy") -> ContractConsumer[Event, World]:
    return ContractConsumer(
        name=name,
        events=events,
        key=lambda e: e[0],
        new_world=World,
        deliver=deliver,
        read_state=lambda w: w.state,
        side_effects=lambda w: w.notified,
    )


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_every_plan_delivers_every_event_and_only_those(data):
    distinct = data.draw(events)
    plan = data.draw(delivery_plans(distinct, lambda e: e[0]))
    delivered = Counter(e[0] for batch in plan for e in batch)
    assert set(delivered) == {e[0] for e in distinct}
    assert all(batch for batch in plan)


def test_plans_reach_reordering_duplicates_in_one_batch_and_later_redeliveries():
    seen = {"reordered": False, "duplicate_in_batch": False, "redelivered_later": False, "split": False}
    distinct = [(f"e{i}", "a", i, "x") for i in range(4)]

    @settings(max_examples=150, deadline=None, derandomize=True, database=None)
    @given(plan=delivery_plans(distinct, lambda e: e[0]))
    def observe(plan):
        flat = [e[0] for batch in plan for e in batch]
        firsts = list(dict.fromkeys(flat))
        seen["reordered"] |= firsts != [e[0] for e in distinct]
        seen["duplicate_in_batch"] |= any(len({e[0] for e in b}) < len(b) for b in plan)
        batches_of = Counter(e[0] for b in plan for e in set(b))
        seen["redelivered_later"] |= any(n > 1 for n in batches_of.values())
        seen["split"] |= len(plan) > 1

    observe()
    assert seen == dict.fromkeys(seen, True)


def test_repeated_event_ids_are_refused():
    with pytest.raises(ValueError, match="distinct"):
        delivery_plans([("e1", "a", 0, "x"), ("e1", "a", 1, "y")], lambda e: e[0])


def test_a_consumer_that_holds_the_contract_passes_and_is_counted():
    before = SCENARIOS_RUN["newest-wins"]
    check_delivery_contract(consumer(newest_wins, "newest-wins"), scenarios=100)
    assert SCENARIOS_RUN["newest-wins"] - before == scenarios_planned(100) == 102  # 34 event sets of 3 plans


def test_arrival_order_winning_is_caught_with_a_diff():
    with pytest.raises(ContractViolation, match="stored state depends on delivery") as caught:
        check_delivery_contract(consumer(last_arrival_wins), scenarios=100)
    assert "plan:" in str(caught.value) and "+++ after the generated plan" in str(caught.value)


def test_notifying_every_copy_is_caught():
    with pytest.raises(ContractViolation, match="side effects are not one per distinct event"):
        check_delivery_contract(consumer(notify_every_copy), scenarios=100)


def test_scenario_count_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONTRACT_SCENARIOS", "7")
    before = SCENARIOS_RUN["env"]
    check_delivery_contract(consumer(newest_wins, "env"))
    assert SCENARIOS_RUN["env"] - before == scenarios_planned() == 9

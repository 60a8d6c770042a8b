"""The delivery contract every consumer holds (docs/DELIVERY_CONTRACT.md), as one property-test harness.

A consumer plugs in with a :class:`ContractConsumer`: how to generate the distinct events of a scenario,
how to build an empty world (moto tables, queues, topics), how to deliver one batch through its real entry
point and how to read the stored state back. :func:`check_delivery_contract` then generates scenarios and,
for each, compares the state after a generated delivery plan (any permutation, duplicates inside a batch,
redeliveries in later batches, any batch split) with the state after in-order, one-event-per-delivery
delivery - and, when the consumer has side effects, checks that each distinct event caused exactly one.
The in-order state is computed once per generated event set and compared with several plans.

Worlds are used one at a time (the reference world is read before the plan's world is made), so
``new_world`` may reset whatever the previous world left behind instead of making new names.
"""

from __future__ import annotations

import difflib
import itertools
import math
import os
import pprint
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

E = TypeVar("E")
W = TypeVar("W")

DEFAULT_SCENARIOS = 300
SCENARIOS_ENV = "CONTRACT_SCENARIOS"
# Plans checked against one event set's reference world: the in-order delivery is the dearer half of a
# scenario (one delivery per event), and it does not depend on the plan.
PLANS_PER_EVENT_SET = 3
_UNSET: Any = object()
# Scenarios each consumer ran in this process, by consumer name, so a test (or a soak) can report them.
SCENARIOS_RUN: Counter[str] = Counter()


def scenario_count(scenarios: int | None = None) -> int:
    """``scenarios`` if given, else ``$CONTRACT_SCENARIOS``, else 300."""
    if scenarios is not None:
        return scenarios
    return int(os.environ.get(SCENARIOS_ENV, "") or DEFAULT_SCENARIOS)


def scenarios_planned(scenarios: int | None = None) -> int:
    """Scenarios a check runs: ``scenario_count`` rounded up to whole event sets of PLANS_PER_EVENT_SET."""
    return math.ceil(scenario_count(scenarios) / PLANS_PER_EVENT_SET) * PLANS_PER_EVENT_SET


def delivery_plans(events: list[E], key: Callable[[E], str]) -> SearchStrategy[list[list[E]]]:
    """From distinct events: any permutation, duplicates inside one batch and redeliveries in later
    batches, any batch split; every event delivered at least once."""
    keys = [key(e) for e in events]
    if len(set(keys)) != len(keys):
        raise ValueError(f"delivery_plans needs distinct events; keys repeat: {sorted(keys)}")

    @st.composite
    def plans(draw: Any) -> list[list[E]]:
        if not events:
            return []
        sequence: list[E] = list(draw(st.permutations(events), label="order"))
        # Each copy goes to any position: right beside its original (a duplicate inside one batch) or
        # far after it (a redelivery in a later batch), or even before it (the copy delivered first).
        copies = draw(
            st.lists(
                st.tuples(st.integers(0, len(events) - 1), st.integers(0, 2 * len(events))),
                max_size=len(events),
            ),
            label="copies",
        )
        for index, position in copies:
            sequence.insert(position % (len(sequence) + 1), events[index])
        if len(sequence) == 1:
            return [sequence]
        cuts = draw(st.sets(st.integers(1, len(sequence) - 1), max_size=len(sequence) - 1), label="cuts")
        bounds = [0, *sorted(cuts), len(sequence)]
        return [sequence[a:b] for a, b in itertools.pairwise(bounds)]

    return plans()


@dataclass
class ContractConsumer(Generic[E, W]):
    name: str
    events: SearchStrategy[list[E]]  # the distinct events of one scenario
    key: Callable[[E], str]  # stable identity of an event (event ID)
    new_world: Callable[[], W]  # fresh, empty state (moto tables, queues, topics)
    deliver: Callable[[W, list[E]], None]  # one batch/delivery through the consumer's real entry point
    read_state: Callable[[W], Any]  # the comparable final stored state
    side_effects: Callable[[W], Counter[str]] | None = None  # effect key -> count (e.g. notified event IDs)
    expected_effects: Callable[[list[E]], Counter[str]] | None = None
    in_order: Callable[[list[E]], list[E]] | None = None  # reference order (default: as generated)


class ContractViolation(AssertionError):
    """The stored state or the side effects after a delivery plan differ from the reference."""


def _diff(expected: Any, actual: Any) -> str:
    lines = difflib.unified_diff(
        pprint.pformat(expected, width=110).splitlines(),
        pprint.pformat(actual, width=110).splitlines(),
        "in order, one event per delivery",
        "after the generated plan",
        lineterm="",
    )
    return "\n".join(lines)


def _describe(consumer: ContractConsumer[Any, Any], plan: list[list[Any]]) -> str:
    return " | ".join(", ".join(consumer.key(e) for e in batch) for batch in plan)


def _deliver_all(consumer: ContractConsumer[E, W], plan: list[list[E]]) -> W:
    world = consumer.new_world()
    for batch in plan:
        consumer.deliver(world, batch)
    return world


def reference_state(consumer: ContractConsumer[E, W], events: list[E]) -> Any:
    """The stored state after in-order, one-event-per-delivery delivery of ``events``."""
    reference = consumer.in_order(events) if consumer.in_order else list(events)
    return consumer.read_state(_deliver_all(consumer, [[e] for e in reference]))


def check_scenario(
    consumer: ContractConsumer[E, W], events: list[E], plan: list[list[E]], expected: Any = _UNSET
) -> None:
    """One scenario: the plan's state equals the in-order state (``expected``, computed when not given);
    side effects as expected."""
    if expected is _UNSET:
        expected = reference_state(consumer, events)
    world = _deliver_all(consumer, plan)
    actual = consumer.read_state(world)
    if actual != expected:
        raise ContractViolation(
            f"{consumer.name}: stored state depends on delivery\nplan: {_describe(consumer, plan)}\n"
            + _diff(expected, actual)
        )
    if consumer.side_effects is not None:
        wanted = (
            consumer.expected_effects(events) if consumer.expected_effects else Counter(consumer.key(e) for e in events)
        )
        effects = consumer.side_effects(world)
        if effects != wanted:
            raise ContractViolation(
                f"{consumer.name}: side effects are not one per distinct event\nplan: {_describe(consumer, plan)}\n"
                + _diff(dict(sorted(wanted.items())), dict(sorted(effects.items())))
            )


def check_delivery_contract(consumer: ContractConsumer[Any, Any], scenarios: int | None = None) -> None:
    """Run at least `scenarios` generated cases (default: env CONTRACT_SCENARIOS, else 300; rounded up to
    whole event sets, :func:`scenarios_planned`): for each generated event set, the in-order,
    one-event-per-delivery state is computed once, and the state after each of PLANS_PER_EVENT_SET
    generated plans must equal it; side effects must equal expected_effects (each distinct event exactly
    once). Raises with a readable diff on a mismatch. Counts scenarios run (``SCENARIOS_RUN[consumer.name]``)
    so a test can report them."""
    event_sets = scenarios_planned(scenarios) // PLANS_PER_EVENT_SET

    @settings(
        max_examples=event_sets,
        deadline=None,
        derandomize=True,  # the same scenarios on every run, so CI is repeatable
        database=None,
        report_multiple_bugs=False,  # one ContractViolation, shrunk, rather than a group
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def scenario(data: Any) -> None:
        events = data.draw(consumer.events, label="events")
        # Every plan drawn before any runs: an example hypothesis abandons mid-draw then counts no scenario.
        plans = [data.draw(delivery_plans(events, consumer.key), label="plan") for _ in range(PLANS_PER_EVENT_SET)]
        expected = reference_state(consumer, events)
        for plan in plans:
            SCENARIOS_RUN[consumer.name] += 1
            check_scenario(consumer, events, plan, expected)

    scenario()

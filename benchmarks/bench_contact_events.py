"""Contact events batched through the contact-events queue against one invocation per event: a simulated
5,000-seat hour (1,000 concurrent contacts, eight events each, interleaved in time as Connect sends them).

A 5,000-seat centre with 1,000 contacts in progress and five-minute contacts starts 12,000 contacts an
hour, about 27 contact events a second. The simulation starts 1,000 contacts at that rate, spreads each
contact's events over its five minutes, and cuts the stream into batches the way the event source mapping
does: ``POLLERS`` pollers take messages in turn, and a poller's batch closes when it holds the batch size
or its batching window has passed since its first message. Invocations are counted over five minutes
of the busy hour (1,000 contacts in progress all along). Writes and units come from the batches of the
first ``METERED_EVENTS`` events of an empty centre (every item made by its INITIATED event; in-process
moto is slow), through the real processor on moto, metered by benchmarks/capacity.py. The figures are
per 1,000 contact events.

    python -m benchmarks.bench_contact_events
"""

from __future__ import annotations

import os
import random
from collections import Counter
from typing import Any

from devtools.sqs_events import sqs_event

SEATS = 5_000
CONCURRENT = 1_000
CONTACT_SECONDS = 300
EVENT_TYPES = (
    "INITIATED",
    "CONNECTED_TO_SYSTEM",
    "CONTACT_DATA_UPDATED",
    "QUEUED",
    "CONNECTED_TO_AGENT",
    "CONTACT_DATA_UPDATED",
    "DISCONNECTED",
    "COMPLETED",
)
START_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
# The module's defaults (modules/contact_status: contact_events_batch_size, contact_events_batching_window_seconds).
BATCH_SIZE = 100
WINDOW_S = 10
# Lambda polls a standard queue with several pollers at once (five to begin with); each fills its own batch.
POLLERS = 5
DIRECT_SAMPLE = 200  # the direct target is one invocation per event: a few hundred events show it
METERED_EVENTS = 600


def interleaved_events(seed: int = 16, steady: bool = False) -> list[tuple[float, dict[str, Any]]]:
    """(arrival second, EventBridge event) for CONCURRENT contacts started at the centre's rate, from an
    empty centre; ``steady``: contacts started for two contact lengths, and only the events of the second
    (CONCURRENT contacts in progress all along, the rate of a busy hour)."""
    from connect_data.common.timeutil import iso_utc
    from devtools.demos.contact_status import contact_event

    rng = random.Random(seed)
    per_second = CONCURRENT / CONTACT_SECONDS
    arrivals: list[tuple[float, dict[str, Any]]] = []
    for n in range(2 * CONCURRENT if steady else CONCURRENT):
        started = n / per_second + rng.random() / per_second - (CONTACT_SECONDS if steady else 0)
        offsets = sorted(rng.uniform(0, CONTACT_SECONDS) for _ in EVENT_TYPES[1:])
        contact = f"seat-hour-{n:05d}"
        for step, (event_type, offset) in enumerate(zip(EVENT_TYPES, [0.0, *offsets], strict=True)):
            at = started + offset
            initiated = iso_utc(START_MS + int(started * 1000))
            event = contact_event(contact, event_type, START_MS + int(at * 1000), initiationTimestamp=initiated)
            event["id"] = f"{contact}-{step}"
            event["detail"]["customerEndpoint"] = {"type": "TELEPHONE_NUMBER", "address": f"+1415555{n % 10000:04d}"}
            arrivals.append((at + rng.uniform(0.0, 0.5), event))  # EventBridge delivers within a moment
    if steady:
        arrivals = [(at, event) for at, event in arrivals if 0 <= at < CONTACT_SECONDS]
    return sorted(arrivals, key=lambda pair: pair[0])


def poller_batches(
    arrivals: list[tuple[float, dict[str, Any]]], batch_size: int, window_s: float, pollers: int
) -> list[list[dict[str, Any]]]:
    """The batches the event source mapping hands the function: messages to pollers in turn, a batch per
    poller closing at ``batch_size`` messages or ``window_s`` after its first message."""
    open_batches: list[tuple[float, list[dict[str, Any]]] | None] = [None] * pollers
    closed: list[tuple[float, list[dict[str, Any]]]] = []
    for n, (at, event) in enumerate(arrivals):
        slot = n % pollers
        current = open_batches[slot]
        if current is not None and at - current[0] > window_s:
            closed.append(current)
            current = None
        if current is None:
            current = (at, [])
        current[1].append(event)
        if len(current[1]) >= batch_size:
            closed.append(current)
            current = None
        open_batches[slot] = current
    closed += [b for b in open_batches if b is not None]
    return [events for _, events in sorted(closed, key=lambda pair: pair[0])]


def sqs_batch(events: list[dict[str, Any]]) -> dict[str, Any]:
    return sqs_event(events, ids=[e["id"] for e in events])


def run() -> list[dict[str, Any]]:
    import boto3
    from moto import mock_aws

    from benchmarks.bench_cost import _add_capacity, _invoke, _quiet_env, _status_table
    from benchmarks.capacity import metered
    from benchmarks.cost import Usage
    from connect_data.common.aws import BATCH_CLIENT_CONFIG, client, reset_clients
    from connect_data.contact_status.processor import handler

    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        os.environ.setdefault(key, value)
    arrivals = interleaved_events()
    rows: list[dict[str, Any]] = []
    with mock_aws():
        reset_clients()
        boto3.setup_default_session()
        dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
        history = {table: _status_table(dynamodb, table) for table in ("seat-hour-direct", "seat-hour-batched")}

        with _quiet_env(STATUS_TABLE="seat-hour-direct", HISTORY_TABLE=history["seat-hour-direct"]):
            usage = Usage()
            sample = [event for _, event in arrivals[:DIRECT_SAMPLE]]
            with metered(dynamodb) as capacity:
                for event in sample:
                    _invoke(usage, handler, event)
            _add_capacity(usage, capacity)
            rows.append(_row("direct target: one invocation per event", usage, capacity, len(sample), None))

        batches = poller_batches(arrivals, BATCH_SIZE, WINDOW_S, POLLERS)
        metered_batches, counted = [], 0
        for batch in batches:
            if counted >= METERED_EVENTS:
                break
            metered_batches.append(batch)
            counted += len(batch)
        with _quiet_env(STATUS_TABLE="seat-hour-batched", HISTORY_TABLE=history["seat-hour-batched"]):
            usage = Usage()
            worst = 0
            status_writes = Counter[str]()
            count_status = lambda **_: status_writes.update(["UpdateItem"])  # noqa: E731
            dynamodb.meta.events.register("before-call.dynamodb.UpdateItem", count_status)
            with metered(dynamodb) as capacity:
                for batch in metered_batches:
                    before = status_writes["UpdateItem"]
                    reply = _invoke(usage, handler, sqs_batch(batch))
                    if reply != {"batchItemFailures": []}:
                        raise RuntimeError(f"batched contact events: {reply}")
                    contacts = {e["detail"]["contactId"] for e in batch}
                    # Status writes (UpdateItem) against the batch's distinct contacts; the history pages
                    # are one more item per contact, put 25 to a BatchWriteItem.
                    worst = max(worst, (status_writes["UpdateItem"] - before) - len(contacts))
            dynamodb.meta.events.unregister("before-call.dynamodb.UpdateItem", count_status)
            _add_capacity(usage, capacity)
            # EventBridge's SendMessage per event, and the poller's receive and delete per batch.
            usage.sqs_requests += counted + 2 * len(metered_batches)
            label = f"queue: batches of {BATCH_SIZE}, {WINDOW_S} s window, {POLLERS} pollers"
            row = _row(label, usage, capacity, counted, worst)
            # Invocations over five minutes of a busy hour (batch formation needs no AWS call).
            steady = interleaved_events(steady=True)
            steady_batches = poller_batches(steady, BATCH_SIZE, WINDOW_S, POLLERS)
            row["invocations_per_1000_events"] = round(len(steady_batches) * 1000 / len(steady), 1)
            row["events"] = f"{len(steady):,} busy-hour; {counted:,} metered from an empty centre"
            rows.append(row)
        reset_clients()
    return rows


def _row(label: str, usage: Any, capacity: Any, events: int, worst: int | None) -> dict[str, Any]:
    scale = 1000 / events
    return {
        "capability": "contact_status",
        "scenario": f"{SEATS:,}-seat hour ({CONCURRENT:,} concurrent contacts), {label}",
        "events": events,
        "invocations_per_1000_events": round(usage.invocations * scale, 1),
        "writes_per_1000_events": round(capacity.write_requests * scale, 1),
        "status_writes_over_distinct_contacts_per_batch": "" if worst is None else max(worst, 0),
        **usage.row(scale, "1,000 contact events"),
    }


if __name__ == "__main__":
    from benchmarks.run import print_table

    print_table(run())

"""The cost model per capability: invocations, GB-seconds, DynamoDB write and read units (metered from item
sizes by benchmarks/capacity.py, indexes and failed conditions included), messages, and USD per 1,000
contacts (or calls, or case events) at the list prices of benchmarks/cost.py.

Handlers run in-process against moto with their deployed settings; tables are declared as the modules
declare them (keys, indexes, projections). Durations are wall times against in-process moto, whose
DynamoDB calls are slower than the real service's, so GB-seconds are an upper bound.

    python -m benchmarks.bench_cost
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.capacity import Capacity, metered
from benchmarks.common import REPO, Context, counted_calls
from benchmarks.cost import GB, PRICES_DATE, PRICES_REGION, Usage

MEMORY_MB = 256  # the modules' default memory_size
NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: inside any sane window, far from TTL questions

# The contacts of issue 16's measurement: flow-log records in deliveries, eight contact events each.
CONTACT_SHAPES = [(40, 5), (120, 10), (400, 20)]
CONTACT_EVENT_TYPES = [
    "INITIATED",
    "CONNECTED_TO_SYSTEM",
    "CONTACT_DATA_UPDATED",
    "QUEUED",
    "CONNECTED_TO_AGENT",
    "CONTACT_DATA_UPDATED",
    "DISCONNECTED",
    "COMPLETED",
]


# --- tables as the modules declare them -----------------------------------------------------------------
def _status_table(dynamodb: Any, name: str) -> str:
    """modules/contact_status/table.tf (the status table and its history table), as devtools/tables.py
    declares it for the tests too; answers the history table's name."""
    from devtools.tables import create_status_table

    return create_status_table(dynamodb, name)


def _simple_table(dynamodb: Any, name: str, hash_key: str, range_key: str | None = None) -> None:
    keys = [(hash_key, "HASH")] + ([(range_key, "RANGE")] if range_key else [])
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": k, "KeyType": t} for k, t in keys],
        AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k, _ in keys],
        BillingMode="PAY_PER_REQUEST",
    )


# --- running handlers with their usage metered ----------------------------------------------------------
@contextmanager
def _quiet_env(**variables: str) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_NAMESPACE="bench", **variables)
    from connect_data.common.log import logger

    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _invoke(usage: Usage, handler: Callable[[Any, Any], Any], event: Any) -> Any:
    started = time.perf_counter()
    reply = handler(event, Context())
    usage.add_invocation(time.perf_counter() - started, MEMORY_MB)
    return reply


def _add_capacity(usage: Usage, capacity: Capacity) -> None:
    usage.write_units += capacity.all_write_units
    usage.read_units += capacity.read_units
    for key, value in capacity.as_dict().items():
        usage.extra[key] = usage.extra.get(key, 0) + value


# --- contact status -------------------------------------------------------------------------------------
def _contact_status_timeline(contact: str, records: int, deliveries: int) -> list[dict[str, Any]]:
    """Eight contact events and ``records`` real flow-log records in ``deliveries``, interleaved in time."""
    from devtools.demos.contact_status import contact_event, delivery, real_flow_log_events

    templates = [json.loads(e["message"]) for e in real_flow_log_events()]
    span = 600_000  # the contact lasts ten minutes
    events = []
    for n, event_type in enumerate(CONTACT_EVENT_TYPES):
        event = contact_event(contact, event_type, NOW_MS + n * span // len(CONTACT_EVENT_TYPES))
        event["id"] = f"{contact}-{n}-{event_type}"
        event["detail"]["customerEndpoint"] = {"type": "TELEPHONE_NUMBER", "address": "+14155550100"}
        events.append(event)
    log_events: list[dict[str, Any]] = []
    for n in range(records):
        stamp = NOW_MS + n * span // records
        record = dict(templates[n % len(templates)], ContactId=contact, Timestamp=_iso(stamp))
        log_events.append({"id": f"{records:08d}{n:048d}", "timestamp": stamp, "message": json.dumps(record)})
    per = -(-records // deliveries)
    # CloudWatch Logs delivers a batch a moment after its last record: sort everything by when it arrives.
    arrivals: list[tuple[int, dict[str, Any]]] = [(NOW_MS + n * span // len(events), e) for n, e in enumerate(events)]
    for i in range(0, records, per):
        chunk = log_events[i : i + per]
        arrivals.append((int(chunk[-1]["timestamp"]) + 1, delivery(chunk)))
    return [invocation for _, invocation in sorted(arrivals, key=lambda pair: pair[0])]


def _iso(ms: int) -> str:
    from connect_data.common.timeutil import iso_utc

    return iso_utc(ms)


def contact_status_rows() -> list[dict[str, Any]]:
    from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
    from connect_data.contact_status.processor import handler

    rows = []
    dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
    history = _status_table(dynamodb, "cost-contact-status")
    with _quiet_env(STATUS_TABLE="cost-contact-status", HISTORY_TABLE=history):
        for records, deliveries in CONTACT_SHAPES:
            usage = Usage()
            contact = f"cost-{records}-{deliveries}"
            with metered(dynamodb) as capacity:
                for event in _contact_status_timeline(contact, records, deliveries):
                    _invoke(usage, handler, event)
            _add_capacity(usage, capacity)
            rows.append(
                {
                    "capability": "contact_status",
                    "scenario": f"{records} flow-log records in {deliveries} deliveries + 8 contact events",
                    # A record is what the processor is handed: each flow-log record and each contact event.
                    **_capacity_columns(capacity, records + len(CONTACT_EVENT_TYPES)),
                    **usage.row(1000, "1,000 contacts"),
                }
            )
    return rows


def _capacity_columns(capacity: Capacity, records: int) -> dict[str, Any]:
    return {
        "write_requests": capacity.write_requests,
        "write_units": capacity.all_write_units,
        "failed_cond_units": capacity.failed_condition_units,
        "index_units": capacity.index_write_units,
        "wru_per_record": round(capacity.all_write_units / records, 2),
    }


# --- the flow functions ---------------------------------------------------------------------------------
def customer_lookup_rows() -> list[dict[str, Any]]:
    from connect_data.common.aws import client
    from connect_data.customer_lookup.handler import handler
    from devtools.sample_events import flow_event

    dynamodb = client("dynamodb")
    _simple_table(dynamodb, "cost-profiles", "PhoneNumber")
    _simple_table(dynamodb, "cost-calls", "PhoneNumber")
    dynamodb.put_item(
        TableName="cost-profiles",
        Item={"PhoneNumber": {"S": "+14155550100"}, "FirstName": {"S": "Ana"}, "Tier": {"S": "Gold"}},
    )
    rows = []
    for label, calls_table in (("lookup", ""), ("lookup + recording the call", "cost-calls")):
        usage = Usage()
        settings = {
            "PROFILES_TABLE": "cost-profiles",
            "CALLS_TABLE": calls_table,
            "ALLOWED_ATTRIBUTES": "FirstName,Tier",
        }
        with _quiet_env(**settings), metered(dynamodb) as capacity:
            _invoke(usage, handler, flow_event(caller="+14155550100"))
        _add_capacity(usage, capacity)
        rows.append(
            {
                "capability": "customer_lookup",
                "scenario": f"{label}, one call",
                **_capacity_columns(capacity, 1),
                **usage.row(1000, "1,000 calls"),
            }
        )
    return rows


def vanity_rows() -> list[dict[str, Any]]:
    from connect_data.common.aws import client
    from connect_data.vanity.handler import handler
    from devtools.sample_events import flow_event

    dynamodb = client("dynamodb")
    _simple_table(dynamodb, "cost-vanity", "PhoneNumber")
    rows = []
    with _quiet_env(RESULTS_TABLE="cost-vanity"):
        for label, caller in (
            ("new caller: search and store", "+18003569377"),
            ("repeat caller: stored result", "+18003569377"),
        ):
            usage = Usage()
            with metered(dynamodb) as capacity:
                _invoke(usage, handler, flow_event(caller=caller))
            _add_capacity(usage, capacity)
            rows.append(
                {
                    "capability": "vanity_numbers",
                    "scenario": label,
                    **_capacity_columns(capacity, 1),
                    **usage.row(1000, "1,000 calls"),
                }
            )
    return rows


# --- view data -----------------------------------------------------------------------------------------
def view_data_rows() -> list[dict[str, Any]]:
    """One contact whose agent submits three step-by-step guides: the enrichment calls and the item rewrite."""
    from botocore.stub import Stubber

    from benchmarks import bench_view_data as view
    from connect_data.common.aws import client
    from connect_data.view_data import enrich
    from connect_data.view_data.normalize_handler import VIEW_FLOW_CONFIG, handler

    dynamodb, connect = client("dynamodb", config=VIEW_FLOW_CONFIG), client("connect", config=VIEW_FLOW_CONFIG)
    view._tables(dynamodb)
    rows = []
    settings = {"VIEW_DATA_TABLE": view.VIEW_TABLE, "VIEW_QUESTIONS_TABLE": view.QUESTIONS_TABLE, "TIME_ZONE": "UTC"}
    with _quiet_env(**settings):
        enrich.clear_caches()
        usage = Usage()
        with metered(dynamodb) as capacity, counted_calls([connect]) as connect_calls, Stubber(connect) as stub:
            for guide in range(3):
                event = view._event("cost-guide-contact")
                event["Details"]["Parameters"]["viewResultData"] = {
                    "FormData": {f"q{guide}-{n}": "x" * 40 for n in range(10)}
                }
                stub.add_response("describe_contact", view._contact("cost-guide-contact", "VOICE", agent=True))
                if guide == 0:
                    stub.add_response("describe_user", view.USER)
                reply = _invoke(usage, handler, event)
                if reply.get("status") != "ok":
                    raise RuntimeError(f"view data: {reply}")
        _add_capacity(usage, capacity)
        rows.append(
            {
                "capability": "view_data",
                "scenario": f"3 guides of 10 answers on one contact ({sum(connect_calls.values())} Connect calls)",
                **_capacity_columns(capacity, 3),
                **usage.row(1000, "1,000 contacts"),
            }
        )
    return rows


# --- cases ----------------------------------------------------------------------------------------------
def cases_rows() -> list[dict[str, Any]]:
    from connect_data.cases.stream_handler import handler
    from connect_data.common.aws import BATCH_CLIENT_CONFIG, client

    sample = json.loads(
        (REPO / "tests" / "events" / "cases" / "cases_event_docs_current_case_updated.json").read_text()
    )
    dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
    sns = client("sns", config=BATCH_CLIENT_CONFIG)
    topic = sns.create_topic(Name="cost-cases")["TopicArn"]
    rows = []
    events_per_case, cases = 10, 10
    # Without a topic no NOTIFIED# claim is written: the difference is what notifications cost per event.
    for label, topic_arn in (("with a topic", topic), ("no topic", "")):
        table = f"cost-cases-{len(rows)}"
        _simple_table(dynamodb, table, "caseId", "sk")
        settings = {"CASES_TABLE": table, "TOPIC_ARN": topic_arn, "NOTIFY_EVENT_TYPES": "CASE.CREATED,CASE.UPDATED"}
        with _quiet_env(**settings):
            usage = Usage()
            with metered(dynamodb) as capacity, counted_calls([sns]) as sns_calls:
                for step in range(events_per_case):
                    _invoke(usage, handler, {"Records": _case_records(sample, step, cases)})
                    usage.sqs_requests += 2  # one receive and one delete batch per batch of ten (Lambda's poller)
            _add_capacity(usage, capacity)
            usage.sns_publishes += sum(sns_calls.values())
            total = events_per_case * cases
            rows.append(
                {
                    "capability": "cases",
                    "scenario": f"{cases} cases x {events_per_case} events, batches of 10, {label}",
                    **_capacity_columns(capacity, total),
                    **usage.row(1000 / total, "1,000 case events"),
                }
            )
    return rows


def _case_records(sample: dict[str, Any], step: int, cases: int) -> list[dict[str, Any]]:
    records = []
    for n in range(cases):
        event = json.loads(json.dumps(sample))
        when = f"2026-01-01T00:{step:02d}:{n:02d}.000Z"
        event.update(id=f"cost-{n}-{step}", time=when)
        event["resources"] = [f"arn:aws:cases:us-east-1:123456789012:domain/cost/case/case-{n}"]
        event["detail"].update(eventType="CASE.CREATED" if step == 0 else "CASE.UPDATED", approximateChangeTime=when)
        event["detail"]["case"]["caseId"] = f"case-{n}"
        records.append({"messageId": f"m{step}-{n}", "body": json.dumps(event)})
    return records


# --- agent events ---------------------------------------------------------------------------------------
# The stream is on-demand (modules/agent_events/stream.tf): a fixed charge per stream-hour, shared by every
# event of the hour, plus data in and out. The share per event is taken at the reference center of issue 12:
# 5,000 agents, a heartbeat per agent every two minutes (150,000 an hour) being 70 % of the events.
CENTER_EVENTS_PER_HOUR = 5000 * 30 / 0.70


def _stream_part(usage: Usage) -> Usage:
    return Usage(
        kinesis_stream_hours=usage.kinesis_stream_hours,
        kinesis_bytes_in=usage.kinesis_bytes_in,
        kinesis_bytes_out=usage.kinesis_bytes_out,
    )


def _add_kinesis(usage: Usage, events: list[dict[str, Any]]) -> None:
    """What the events cost on the stream: Connect's PUTs (each record rounded up to 1 KB), the processor's
    reads, and their share of the stream-hours."""
    sizes = [len(json.dumps(e).encode()) for e in events]
    usage.kinesis_bytes_in += sum(-(-size // 1024) * 1024 for size in sizes)
    usage.kinesis_bytes_out += sum(sizes)
    usage.kinesis_stream_hours += len(events) / CENTER_EVENTS_PER_HOUR


def agent_events_rows() -> list[dict[str, Any]]:
    """The realistic mix of bench_agent_events (heartbeats mostly), then a heartbeat-only delivery."""
    from benchmarks.bench_agent_events import heart_beats_of, realistic_stream
    from connect_data.agent_events.handler import handler
    from connect_data.common.aws import BATCH_CLIENT_CONFIG, client
    from devtools.demos.agent_events import kinesis_record

    dynamodb = client("dynamodb", config=BATCH_CLIENT_CONFIG)
    _simple_table(dynamodb, "cost-agents", "AgentArn", "sk")
    _simple_table(dynamodb, "cost-agent-contacts", "ContactId")
    events, connected = realistic_stream(events_count=1000, agents=50)
    for contact_id in connected:
        dynamodb.put_item(TableName="cost-agent-contacts", Item={"ContactId": {"S": contact_id}})
    rows = []
    with _quiet_env(AGENTS_TABLE="cost-agents", CONTACT_STATUS_TABLE="cost-agent-contacts"):
        for scenario, delivered in (
            ("1,000 events: 70 % heartbeats, contact and status changes, 50 agents", events),
            ("heartbeat-only delivery, 50 agents", heart_beats_of(events, offset_ms=240_000)),
        ):
            usage = Usage()
            _add_kinesis(usage, delivered)
            with metered(dynamodb) as capacity:
                for start in range(0, len(delivered), 100):
                    batch = [
                        kinesis_record(e, f"{start + i:020d}") for i, e in enumerate(delivered[start : start + 100])
                    ]
                    _invoke(usage, handler, {"Records": batch})
            _add_capacity(usage, capacity)
            rows.append(
                {
                    "capability": "agent_events",
                    "scenario": scenario,
                    **_capacity_columns(capacity, len(delivered)),
                    **usage.row(1000 / len(delivered), "1,000 agent events"),
                    "kinesis_kb_in": round(usage.kinesis_bytes_in / 1024 * 1000 / len(delivered)),
                    "usd_of_it_stream": round(_stream_part(usage).usd() * 1000 / len(delivered), 4),
                }
            )
    return rows


# --- analytics ------------------------------------------------------------------------------------------
def analytics_rows() -> list[dict[str, Any]]:
    """The lake writer as bench_analytics measures it (1,000 contacts of contact status and vanity stream
    records, on a moto server), priced: invocations, GB-seconds, S3 PUTs, a month of storage, and every
    named query scanning that month's objects once (Athena reads the gzip bytes)."""
    from benchmarks import bench_analytics
    from connect_data.cli.lake_queries import load_queries

    queries = len(load_queries())
    rows = []
    for measured in bench_analytics.run():
        usage = Usage(invocations=int(measured["invocations"]))
        usage.gb_seconds = usage.invocations * measured["batch_ms_p50"] / 1000 * MEMORY_MB / 1024
        usage.s3_puts = int(measured["objects"])
        usage.s3_gb_months = measured["bytes_gzip"] / GB
        usage.athena_bytes_scanned = queries * measured["bytes_gzip"]
        rows.append(
            {
                "capability": "analytics",
                "scenario": f"lake writer {measured['scenario'].removeprefix('per 1,000 contacts, ')}, "
                f"a month stored, {queries} named queries once",
                "s3_puts": usage.s3_puts,
                "lake_kb_gzip": round(measured["bytes_gzip"] / 1024),
                **usage.row(1, "1,000 contacts"),
                "usd_of_it_s3_athena": round(
                    Usage(
                        s3_puts=usage.s3_puts,
                        s3_gb_months=usage.s3_gb_months,
                        athena_bytes_scanned=usage.athena_bytes_scanned,
                    ).usd(),
                    5,
                ),
            }
        )
    return rows


def run() -> list[dict]:
    import boto3
    from moto import mock_aws

    from connect_data.common.aws import reset_clients

    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        os.environ.setdefault(key, value)
    rows: list[dict] = []
    with mock_aws():
        reset_clients()
        boto3.setup_default_session()
        for section in (
            contact_status_rows,
            view_data_rows,
            customer_lookup_rows,
            vanity_rows,
            cases_rows,
            agent_events_rows,
        ):
            rows += section()
        reset_clients()
    # bench_analytics brings its own moto server (in-process moto misroutes DynamoDB Streams): outside the mock.
    rows += analytics_rows()
    print(f"prices: on-demand list prices, {PRICES_REGION}, read {PRICES_DATE} (benchmarks/cost.py)")
    from benchmarks.scale import QUOTAS, markdown, scale_rows

    print("scale note (benchmarks/scale.py: workload assumptions there):")
    print(markdown(scale_rows(rows)))
    print("\n".join(f"- {name}: {value} ({source})" for name, value, source in QUOTAS))
    return rows


if __name__ == "__main__":
    from benchmarks.run import print_table

    print_table(run())

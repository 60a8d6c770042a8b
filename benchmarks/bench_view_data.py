"""View data figures: AWS calls per warm invocation, warm handler time over 1,000 invocations against moto,
and cold import time in fresh interpreters (with the floor: ``import boto3`` and the same clients).

Run: ``python benchmarks/bench_view_data.py`` (or through benchmarks/run.py, which calls ``run()``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "lambda_src", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
INSTANCE_ID = INSTANCE_ARN.rsplit("/", 1)[-1]
AGENT_ID = "33333333-0000-0000-0000-0000000a9e07"
QUEUE_ID = "44444444-0000-0000-0000-000000000001"
FORM = {"FormData": {"reason": "Billing", "extras": {"0": "Toll", "1": "Radio"}, "score": 4.5}}
ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "VIEW_DATA_TABLE": "bench-view-data",
    "VIEW_QUESTIONS_TABLE": "bench-view-questions",
    "TIME_ZONE": "Europe/Berlin",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
}


def _event(contact_id: str, channel: str = "VOICE", related: str | None = None) -> dict[str, Any]:
    voice = channel == "VOICE"
    return {
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "ContactId": contact_id,
                "InitialContactId": contact_id,
                "PreviousContactId": contact_id,
                "RelatedContactId": related,
                "Channel": channel,
                "InitiationMethod": "INBOUND" if voice else "API",
                "InstanceARN": INSTANCE_ARN,
                "CustomerEndpoint": {"Address": "+14155550100", "Type": "TELEPHONE_NUMBER"} if voice else None,
                "SystemEndpoint": {"Address": "+18005550199", "Type": "TELEPHONE_NUMBER"} if voice else None,
                "Queue": {"Name": "Support", "ARN": f"{INSTANCE_ARN}/queue/{QUEUE_ID}"} if voice else None,
                "Attributes": {},
            },
            "Parameters": {"viewResultData": FORM},
        },
    }


def _contact(contact_id: str, channel: str, *, agent: bool, previous: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Id": contact_id,
        "InitialContactId": contact_id,
        "Channel": channel,
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
        "QueueInfo": {"Id": QUEUE_ID, "EnqueueTimestamp": datetime(2026, 3, 29, 1, 0, tzinfo=UTC)},
    }
    if agent:
        body["AgentInfo"] = {"Id": AGENT_ID, "ConnectedToAgentTimestamp": datetime(2026, 3, 29, 1, 1, tzinfo=UTC)}
    if previous:
        body["PreviousContactId"] = previous
    if channel == "VOICE":
        body["CustomerEndpoint"] = {"Address": "+14155550100", "Type": "TELEPHONE_NUMBER"}
    return {"Contact": body}


class _Context:
    function_name = "bench"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    aws_request_id = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 8000


def _setup() -> tuple[Any, list[str], Callable[[], None]]:
    """Tables on moto, the handler's Connect client wrapped in a Stubber, a call recorder."""
    import boto3
    from botocore.stub import Stubber

    from connect_data.common.aws import client
    from connect_data.view_data.normalize_handler import VIEW_FLOW_CONFIG

    dynamodb = boto3.client("dynamodb")
    for name, key in ((ENV["VIEW_DATA_TABLE"], "InitialContactId"), (ENV["VIEW_QUESTIONS_TABLE"], "Name")):
        dynamodb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    for name, label in (("reason", "Why did they call?"), ("extras", "Extras"), ("score", "Score")):
        dynamodb.put_item(TableName=ENV["VIEW_QUESTIONS_TABLE"], Item={"Name": {"S": name}, "Label": {"S": label}})
    connect = client("connect", config=VIEW_FLOW_CONFIG)
    stub = Stubber(connect)
    stub.activate()
    calls: list[str] = []
    for each in (connect, client("dynamodb", config=VIEW_FLOW_CONFIG)):
        each.meta.events.register("before-parameter-build.*.*", lambda model, **_: calls.append(model.name))
    return stub, calls, calls.clear


def _user() -> dict[str, Any]:
    return {"User": {"Id": AGENT_ID, "Username": "ana", "IdentityInfo": {"FirstName": "Ana", "LastName": "A"}}}


def measure_calls() -> list[dict[str, Any]]:
    """AWS calls of one warm invocation per scenario (question texts and container caches warm)."""
    from connect_data.view_data import enrich
    from connect_data.view_data.normalize_handler import handler

    stub, calls, reset = _setup()
    context = _Context()
    stub.add_response("describe_contact", _contact("warm", "VOICE", agent=True))
    stub.add_response("describe_user", _user())
    handler(_event("warm"), context)  # cold: reads the question texts once
    rows = []

    enrich.AGENTS.clear()
    reset()
    stub.add_response("describe_contact", _contact("v1", "VOICE", agent=True))
    stub.add_response("describe_user", _user())
    handler(_event("v1"), context)
    rows.append(
        {"scenario": "voice + agent (agent not cached)", "aws_calls": len(calls), "calls": ",".join(calls), "budget": 3}
    )
    reset()
    stub.add_response("describe_contact", _contact("v2", "VOICE", agent=True))
    handler(_event("v2"), context)
    rows.append(
        {"scenario": "voice + agent (agent cached)", "aws_calls": len(calls), "calls": ",".join(calls), "budget": 3}
    )
    enrich.clear_caches()
    reset()
    stub.add_response("describe_contact", _contact("t1", "CHAT", agent=False, previous="v3"))
    stub.add_response("describe_contact", _contact("v3", "VOICE", agent=True))
    stub.add_response("describe_user", _user())
    stub.add_response("describe_queue", {"Queue": {"QueueId": QUEUE_ID, "Name": "Support"}})
    handler(_event("c1", channel="CHAT", related="t1"), context)
    rows.append(
        {
            "scenario": "chat, 2 hops from voice (nothing cached)",
            "aws_calls": len(calls),
            "calls": ",".join(calls),
            "budget": 5,
        }
    )
    stub.deactivate()
    return rows


def measure_warm(invocations: int = 1000) -> dict[str, Any]:
    """Warm handler time for a voice contact (agent cached): describe_contact stubbed, write to moto."""
    from connect_data.view_data.normalize_handler import handler

    stub, _calls, _reset = _setup()
    context = _Context()
    stub.add_response("describe_contact", _contact("warm", "VOICE", agent=True))
    stub.add_response("describe_user", _user())
    handler(_event("warm"), context)
    timings = []
    for index in range(invocations):
        contact_id = f"v-{index}"
        stub.add_response("describe_contact", _contact(contact_id, "VOICE", agent=True))
        started = time.perf_counter()
        reply = handler(_event(contact_id), context)
        timings.append((time.perf_counter() - started) * 1000)
        if reply.get("status") != "ok":
            raise RuntimeError(f"unexpected reply {reply}")
    stub.deactivate()
    timings.sort()
    return {
        "scenario": f"warm handler, {invocations} invocations against moto",
        "median_ms": round(statistics.median(timings), 2),
        "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 2),
    }


_IMPORT = "import time; t = time.perf_counter(); {code}; print((time.perf_counter() - t) * 1000)"


def _fresh(code: str, runs: int) -> float:
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT / "lambda_src"), "PYTHONDONTWRITEBYTECODE": "1"}
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT.format(code=code)], capture_output=True, text=True, env=env, check=True
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return round(statistics.median(samples), 1)


def measure_cold(runs: int = 7) -> list[dict[str, Any]]:
    clients = (
        "from botocore.config import Config; c = Config(connect_timeout=1, read_timeout=1); "
        "s = boto3.session.Session(); s.client('dynamodb', config=c); s.client('connect', config=c)"
    )
    floor = _fresh(f"import boto3; {clients}", runs)
    ours = _fresh(
        "import connect_data.view_data.normalize_handler as h; from connect_data.common.aws import client; "
        "client('dynamodb', config=h.VIEW_FLOW_CONFIG); client('connect', config=h.VIEW_FLOW_CONFIG)",
        runs,
    )
    import_only = _fresh("import connect_data.view_data.normalize_handler", runs)
    extract = _fresh("import connect_data.view_data.extract_handler", runs)
    return [
        {"scenario": "cold: import boto3 + dynamodb/connect clients (floor)", "median_ms": floor},
        {
            "scenario": "cold: normalize handler import + the same clients",
            "median_ms": ours,
            "over_floor_ms": round(ours - floor, 1),
        },
        {"scenario": "cold: normalize handler import only", "median_ms": import_only},
        {"scenario": "cold: extract handler import only", "median_ms": extract},
    ]


def run() -> list[dict[str, Any]]:
    from moto import mock_aws

    os.environ.update(ENV)
    from connect_data.common.aws import client
    from connect_data.view_data import enrich
    from connect_data.view_data.normalize_handler import question_cache

    rows: list[dict[str, Any]] = []
    for measure in (measure_calls, measure_warm):
        client.cache_clear()
        enrich.clear_caches()
        question_cache.cache_clear()
        with mock_aws():
            result = measure()
        rows += result if isinstance(result, list) else [result]
    rows += measure_cold()
    return rows


if __name__ == "__main__":
    for row in run():
        print("  ".join(f"{k}={v}" for k, v in row.items()))

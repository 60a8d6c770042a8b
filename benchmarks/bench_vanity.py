"""Vanity numbers: search time, index load on a cold start, zip size, coverage and DynamoDB calls.

    python -m benchmarks.bench_vanity          # prints the rows; benchmarks/run.py calls run()

Coverage and word quality (benchmarks/vanity_quality.py): 10,000 NANP numbers from random.Random(12345)
(area code [2-9][0-8][0-9], exchange [2-9]XX, any line number), the share whose best vanity number
covers 4 or more digits with words of 3+ letters against the share the shipped index allows, the
distribution of the best result's letters covered (0-7), and the words' checks.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "lambda_src"
SEED = 20240601
COVERAGE_NUMBERS = 10_000
# This checkout's package first, even where another checkout of connect_data is installed.
sys.path[:0] = [str(SOURCE), str(REPO)]


def nanp_numbers(count: int, seed: int = SEED) -> list[str]:
    from benchmarks.vanity_quality import nanp_numbers as numbers

    return numbers(count, seed)


def _index() -> Any:
    from connect_data.vanity.index import shipped_index

    return shipped_index()


def warm_search_ms(count: int = 2000) -> dict[str, float]:
    from connect_data.vanity.search import search, spell_target

    index = _index()
    numbers = nanp_numbers(count, seed=SEED + 1)
    for number in numbers[:100]:
        search(index, spell_target(number))
    times = []
    for number in numbers:
        start = time.perf_counter_ns()
        search(index, spell_target(number))
        times.append((time.perf_counter_ns() - start) / 1e6)
    times.sort()
    return {"median": statistics.median(times), "p99": times[int(len(times) * 0.99)], "max": times[-1]}


_COLD = """
import sys, time
sys.path.insert(0, {source!r})
start = time.perf_counter()
from connect_data.vanity.index import shipped_index
index = shipped_index()
print((time.perf_counter() - start) * 1000)
"""


def cold_index_load_ms(runs: int = 7) -> dict[str, float]:
    """Import + read + parse of the index in fresh interpreters (no .pyc help for the index itself)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "frozen_modules=on", "-c", _COLD.format(source=str(SOURCE))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out.strip()))
    return {"median": statistics.median(times), "max": max(times)}


_IMPORT = """
import sys, time
sys.path.insert(0, {source!r})
start = time.perf_counter()
{statement}
print((time.perf_counter() - start) * 1000)
"""
_FLOOR = "import boto3; from aws_lambda_powertools import Logger; boto3.session.Session().client('dynamodb')"
_HANDLER = "import connect_data.vanity.handler; connect_data.common.aws.client('dynamodb')"


def cold_handler_init_ms(runs: int = 5) -> dict[str, float]:
    """The handler's whole init (boto3, Powertools, client, index) against the floor without the index."""
    result = {}
    for label, statement in (("floor", _FLOOR), ("handler", _HANDLER)):
        times = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", _IMPORT.format(source=str(SOURCE), statement=statement)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"},
            ).stdout
            times.append(float(out.strip().splitlines()[-1]))
        result[label] = statistics.median(times)
    return result


def zip_bytes() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp, "vanity.zip")
        subprocess.run(
            [
                sys.executable,
                str(REPO / "modules/lambda_function/package.py"),
                "function",
                "--source-root",
                str(SOURCE),
                "--include",
                "connect_data/common",
                "--include",
                "connect_data/vanity",
                "--data",
                "connect_data/vanity/word_index.txt",  # as modules/vanity_numbers declares it
                "--output",
                str(output),
            ],
            check=True,
            capture_output=True,
        )
        return output.stat().st_size


def dynamodb_calls() -> dict[str, Counter[str]]:
    """Calls per caller kind, counted with botocore's event hooks on the handler's own client (moto)."""
    import boto3
    from moto import mock_aws

    for key, value in {
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        os.environ.setdefault(key, value)
    os.environ["RESULTS_TABLE"] = "bench-vanity"
    from connect_data.common.aws import client, reset_clients
    from connect_data.vanity.handler import handler
    from devtools.lambda_worker import LambdaContext
    from tests.support import flow_event

    context = LambdaContext(
        function_name="bench",
        memory_limit_in_mb=256,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:bench",
        timeout_ms=8000,
    )
    with mock_aws():
        reset_clients()
        boto3.client("dynamodb").create_table(
            TableName="bench-vanity",
            KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        counted: Counter[str] = Counter()
        client("dynamodb").meta.events.register(
            "before-call.dynamodb.*", lambda model, **_: counted.update([model.name])
        )
        handler(flow_event(caller="+18003569377"), context)
        new = Counter(counted)
        counted.clear()
        handler(flow_event(caller="+18003569377"), context)
        repeat = Counter(counted)
        reset_clients()
    return {"new": new, "repeat": repeat}


def run() -> list[dict]:
    search_ms = warm_search_ms()
    cold = cold_index_load_ms()
    init = cold_handler_init_ms()
    size = zip_bytes()
    from benchmarks.vanity_quality import COVERAGE_NUMBERS, QUALITY_SEED, quality

    cover = quality()
    calls = dynamodb_calls()
    return [
        {
            "capability": "vanity",
            "measure": "warm search, one NANP number (median)",
            "value": f"{search_ms['median']:.3f} ms",
            "target": "< 2 ms",
            "detail": f"p99 {search_ms['p99']:.3f} ms, max {search_ms['max']:.3f} ms, 2,000 numbers",
        },
        {
            "capability": "vanity",
            "measure": "index load, cold interpreter (median of 7)",
            "value": f"{cold['median']:.1f} ms",
            "target": "< 150 ms",
            "detail": f"max {cold['max']:.1f} ms; import + read + sha256 + parse",
        },
        {
            "capability": "vanity",
            "measure": "handler init, cold interpreter (median of 5)",
            "value": f"{init['handler']:.0f} ms",
            "target": "report",
            "detail": f"floor (boto3 + Powertools + DynamoDB client) {init['floor']:.0f} ms",
        },
        {
            "capability": "vanity",
            "measure": "deployment zip (common + vanity)",
            "value": f"{size / 1024:.0f} KiB",
            "target": "< 1 MB",
            "detail": f"{size} bytes",
        },
        {
            "capability": "vanity",
            "measure": "NANP numbers whose best result covers >= 4 digits (3+ letter words)",
            "value": f"{cover['share_4plus']:.1%}",
            "target": ">= 45 % and >= 97 % of the bound",
            "detail": f"{COVERAGE_NUMBERS:,} numbers, seed {QUALITY_SEED}; index allows {cover['bound_4plus']:.1%} "
            f"({cover['of_bound']:.1%} of it reached); looser brand list allows {cover['brand_bound_4plus']}; "
            f"mean letters {cover['mean_letters']:.2f} ({cover['mean_letters_with_result']:.2f} with a result); "
            + ", ".join(f"{k}:{v}" for k, v in cover["distribution"].items()),
        },
        {
            "capability": "vanity",
            "measure": "top-3 results with an offensive word / first results with a digit-sounding word",
            "value": f"{cover['offensive_top3']} / {cover['digit_sounding_first']}",
            "target": "0 / 0",
            "detail": f"result words outside the 50,000 most frequent English words: {cover['outside_top_50k']}",
        },
        {
            "capability": "vanity",
            "measure": "DynamoDB calls, new caller",
            "value": str(sum(calls["new"].values())),
            "target": "2",
            "detail": json.dumps(dict(calls["new"])),
        },
        {
            "capability": "vanity",
            "measure": "DynamoDB calls, repeat caller",
            "value": str(sum(calls["repeat"].values())),
            "target": "1",
            "detail": json.dumps(dict(calls["repeat"])),
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['measure']:<50} {row['value']:>10}  (target {row['target']})  {row['detail']}")

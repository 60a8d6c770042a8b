"""Operability (issue 10): the cold start of every function with EMF metrics and X-Ray tracing on,
against the boto3 floor, and optionally against the same handler from another commit's lambda_src.

python -m benchmarks.bench_operability [--runs 5] [--before DIR] [--only normalize,extract]

DIR is an older lambda_src, for example ``git archive <commit> lambda_src | tar -x -C /tmp/before``
then ``--before /tmp/before/lambda_src``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.common import CREDENTIALS, LAMBDA_SRC, OPERABILITY_ENV, cold_start

GOAL = 1.25

# Every deployed handler and the clients its first invocation creates.
HANDLERS = {
    "connect_data.customer_lookup.handler": ["dynamodb"],
    "connect_data.vanity.handler": ["dynamodb"],
    "connect_data.vanity.provision": ["connect", "dynamodb"],
    "connect_data.contact_status.processor": ["dynamodb", "sqs"],
    "connect_data.contact_status.record": ["dynamodb"],
    "connect_data.contact_status.lookup": ["dynamodb"],
    "connect_data.contact_status.archive": ["s3", "sqs"],
    "connect_data.cases.stream_handler": ["dynamodb", "sns"],
    "connect_data.cases.flow_handler": ["connectcases", "sns"],
    "connect_data.cases.provisioner": ["connect", "appintegrations", "connectcases", "dynamodb"],
    "connect_data.view_data.normalize_handler": ["dynamodb", "connect"],
    "connect_data.view_data.extract_handler": ["connect", "dynamodb"],
    "connect_data.agent_events.handler": ["dynamodb", "sqs"],
    "connect_data.analytics.handler": ["s3"],
}


_CPU = """
import sys, time
sys.path.insert(0, {source!r})
started = time.process_time()
{body}
print((time.process_time() - started) * 1000)
"""


def _cpu_ms(body: str, source: Path) -> float:
    env = {**os.environ, **CREDENTIALS, **OPERABILITY_ENV, "PYTHONDONTWRITEBYTECODE": "1"}
    code = _CPU.format(source=str(source), body=body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def cold_start_cpu(module: str, services: list[str], runs: int, before: Path) -> dict[str, float]:
    """CPU time (not wall time, which a shared machine's load swamps) of the same cold start: the floor,
    the handler from ``before`` and the handler now, interleaved, medians of ``runs``."""
    handler = f"import {module}\nfrom connect_data.common.aws import client\n" + "".join(
        f"client({s!r})\n" for s in services
    )
    floor = "import boto3\nfrom botocore.config import Config\nsession = boto3.session.Session()\n" + "".join(
        f"session.client({s!r}, config=Config(connect_timeout=1))\n" for s in services
    )
    samples: dict[str, list[float]] = {"floor": [], "before": [], "now": []}
    for _ in range(runs):
        samples["floor"].append(_cpu_ms(floor, Path("/nonexistent")))
        samples["before"].append(_cpu_ms(handler, before))
        samples["now"].append(_cpu_ms(handler, LAMBDA_SRC))
    return {k: statistics.median(v) for k, v in samples.items()}


def measure_cpu(runs: int, before: Path, only: list[str] | None = None) -> list[dict]:
    rows = []
    for module, services in HANDLERS.items():
        if only and not any(name in module for name in only):
            continue
        cpu = cold_start_cpu(module, services, runs, before)
        rows.append(
            {
                "function": module.removeprefix("connect_data."),
                "floor CPU ms": round(cpu["floor"]),
                "before CPU ms": round(cpu["before"]),
                "metrics+tracing CPU ms": round(cpu["now"]),
                "ratio": round(cpu["now"] / cpu["floor"], 3),
                "added ms": round(cpu["now"] - cpu["before"]),
                "goal met": cpu["now"] / cpu["floor"] <= GOAL,
            }
        )
    return rows


def measure(runs: int, before: Path | None = None, only: list[str] | None = None) -> list[dict]:
    rows = []
    for module, services in HANDLERS.items():
        if only and not any(name in module for name in only):
            continue
        now = cold_start(module, services, runs=runs)
        row = {
            "function": module.removeprefix("connect_data."),
            "floor ms": round(now["floor_ms"], 1),
            "metrics+tracing ms": round(now["cold_ms"], 1),
            "ratio": round(now["cold_ratio"], 3),
            "goal met": now["cold_ratio"] <= GOAL,
        }
        if before is not None:
            then = cold_start(module, services, runs=runs, source=before)
            row.update({"before ms": round(then["cold_ms"], 1), "before ratio": round(then["cold_ratio"], 3)})
        rows.append(row)
    return rows


def run() -> list[dict]:
    return measure(runs=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--only", help="comma-separated parts of handler names, for example normalize,extract")
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall time (needs --before)")
    args = parser.parse_args()
    from benchmarks.run import print_table

    only = args.only.split(",") if args.only else None
    if args.cpu:
        print_table(measure_cpu(args.runs, args.before, only))
        return
    print_table(measure(args.runs, args.before, only))


if __name__ == "__main__":
    main()

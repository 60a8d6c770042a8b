"""Operability (issue 10): the cold start of every function with EMF metrics and X-Ray tracing on,
against the boto3 floor, and optionally against the same handler from another commit's lambda_src.

python -m benchmarks.bench_operability [--runs 5] [--before DIR] [--only normalize,extract]

DIR is an older lambda_src, for example ``git archive <commit> lambda_src | tar -x -C /tmp/before``
then ``--before /tmp/before/lambda_src``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.common import cold_start

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
    args = parser.parse_args()
    from benchmarks.run import print_table

    print_table(measure(args.runs, args.before, args.only.split(",") if args.only else None))


if __name__ == "__main__":
    main()

"""``make bench``: runs every benchmarks/bench_*.py and prints one table (and .build/benchmarks.json).

python benchmarks/run.py [--only customer_lookup,vanity] [--invocations 1000]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "lambda_src"), str(HERE.parent)]


def print_table(rows: list[dict]) -> None:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    print(" | ".join(c.ljust(widths[c]) for c in columns))
    print("-|-".join("-" * widths[c] for c in columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated benchmark names (bench_<name>.py)")
    parser.add_argument("--invocations", type=int, default=1000, help="warm invocations per scenario (>= 1000 for p99)")
    args = parser.parse_args(argv)
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    results: dict[str, list[dict]] = {}
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        kwargs = {"invocations": args.invocations} if "invocations" in inspect.signature(module.run).parameters else {}
        print(f"==> {name}", flush=True)
        results[name] = module.run(**kwargs)
        print_table(results[name])
        print()
    out = HERE.parent / ".build" / "benchmarks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"results written to {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

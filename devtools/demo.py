"""``make demo``: the whole collection on a local moto server, driven with sample Connect events.

Starts moto on 127.0.0.1, applies examples/local with Terraform, runs every section in
devtools/demos/ (each drives its capability's deployed functions and prints what they answered and
what the tables hold), then destroys the stack and stops moto.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time

from devtools import demos, terraform
from devtools.stack import LocalStack


def sections() -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(demos.__path__) if not m.name.startswith("_"))
    # analytics reads what the other sections left in the tables' streams: it runs last.
    return sorted(names, key=lambda name: name == "analytics")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated sections to run (default: all)")
    parser.add_argument("--keep", action="store_true", help="do not destroy the stack at the end")
    args = parser.parse_args(argv)
    wanted = sections() if not args.only else args.only.split(",")
    started = time.monotonic()
    print(
        f"==> moto on 127.0.0.1 + terraform apply of examples/local (provider mirror: "
        f"{terraform.provider_mirror() or 'none, using the registry'})"
    )
    try:
        with LocalStack.up(destroy=not args.keep) as stack:
            print(f"    applied in {time.monotonic() - started:.0f} s against {stack.endpoint}")
            for name in wanted:
                print(f"\n==> {name.replace('_', ' ')}")
                importlib.import_module(f"devtools.demos.{name}").run(stack)
            print("\n==> terraform destroy")
    except terraform.TerraformError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"==> done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

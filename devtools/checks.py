"""``make test``: every check the project has, in one command, with one summary.

ruff (lint and format), mypy, terraform fmt, module README tables, terraform validate of every module
and example, terraform test of every module with tests (mock provider), pytest (unit and the local-stack
integration tests), checkov over the whole repository (zero failed checks), and tflint when it is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

from devtools import terraform

REPO = terraform.REPO
VENV_BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    beside = VENV_BIN / name
    return str(beside) if beside.exists() else name


def _run(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> bool:
    print("   $", " ".join(str(c) for c in command), flush=True)
    return subprocess.run(command, cwd=cwd, env=env).returncode == 0


def terraform_dirs() -> list[Path]:
    modules = sorted(p for p in (REPO / "modules").iterdir() if (p / "versions.tf").exists())
    examples = sorted(p for p in (REPO / "examples").iterdir() if list(p.glob("*.tf")))
    return [REPO, *modules, *examples]


def check_ruff() -> bool:
    return _run([_tool("ruff"), "check", "."]) and _run([_tool("ruff"), "format", "--check", "."])


def check_mypy() -> bool:
    return _run([_tool("mypy"), "lambda_src/connect_data", "devtools"])


def check_fmt() -> bool:
    return _run([terraform.terraform_binary(), "fmt", "-check", "-recursive", "-diff"], env=terraform.terraform_env())


def check_docs() -> bool:
    return _run([sys.executable, "-m", "devtools.docs", "--check"])


def _in_pairs(work: Callable[[Path], tuple[bool, list[str]]], directories: list[Path]) -> bool:
    """``work`` on each directory, $TF_JOBS (default 2) at a time - terraform's own processes do the work, and
    the directories are independent; each one's lines are printed together, in directory order."""
    jobs = max(1, int(os.environ.get("TF_JOBS", "2")))
    terraform.terraform_env()  # written once, before the threads
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, directories))
    for _, lines in results:
        for line in lines:
            print(line)
    return all(passed for passed, _ in results)


def _validate(directory: Path) -> tuple[bool, list[str]]:
    name = directory.relative_to(REPO).as_posix() or "."
    try:
        terraform.init(directory, backend=False)
        result = terraform.run(directory, "validate", "-no-color", capture=True, check=False)
    except terraform.TerraformError as err:
        lines = [f"   {name}: {err}"]
        if terraform.provider_mirror() is None:
            lines.append("   no provider mirror was found (set CONNECT_DATA_TF_MIRROR); the registry could not be used")
        return False, lines
    passed = result.returncode == 0
    lines = [f"   validate {name}: {'ok' if passed else 'FAILED'}"]
    if not passed:
        lines.append(f"{result.stdout} {result.stderr}")
    return passed, lines


def check_validate() -> bool:
    return _in_pairs(_validate, terraform_dirs())


TEST_COUNTS = {"passed": 0, "failed": 0}


_COUNTING = threading.Lock()  # terraform tests report from two threads


def _count(passed: int, failed: int) -> None:
    with _COUNTING:
        TEST_COUNTS["passed"] += passed
        TEST_COUNTS["failed"] += failed


def _terraform_test(directory: Path) -> tuple[bool, list[str]]:
    terraform.init(directory, backend=False)
    result = terraform.run(directory, "test", "-no-color", capture=True, check=False)
    summary = [line for line in result.stdout.splitlines() if line.startswith(("Success!", "Failure!"))]
    counts = re.search(r"(\d+) passed, (\d+) failed", summary[-1]) if summary else None
    if counts:
        _count(int(counts[1]), int(counts[2]))
    else:
        _count(0, 1)
    lines = [f"   test {directory.relative_to(REPO)}: {summary[-1] if summary else result.returncode}"]
    if result.returncode != 0:
        lines.append(f"{result.stdout[-6000:]} {result.stderr[-3000:]}")
    return result.returncode == 0, lines


def check_terraform_test() -> bool:
    return _in_pairs(_terraform_test, [d for d in terraform_dirs() if list(d.glob("tests/*.tftest.hcl"))])


def _pytest_workers() -> list[str]:
    """pytest-xdist options: $PYTEST_WORKERS workers (default 3 - on 2 cores, the integration tests' worker
    waits on terraform and moto much of the time), the integration tests together in one (loadgroup)."""
    workers = os.environ.get("PYTEST_WORKERS", "3")
    if workers in ("0", "1") or importlib.util.find_spec("xdist") is None:
        return []
    return ["-n", workers, "--dist", "loadgroup"]


def check_pytest() -> bool:
    report = terraform.BUILD / "pytest.xml"
    report.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *_pytest_workers()]
    passed = _run([*command, "--durations=25", f"--junitxml={report}"])
    if report.exists():
        suite = ElementTree.parse(report).getroot()
        suite = suite if suite.tag == "testsuite" else suite[0]
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        _count(int(suite.get("tests", 0)) - failed - int(suite.get("skipped", 0)), failed)
    else:
        _count(0, 1)
    return passed


def check_checkov() -> bool:
    options = ["--framework", "terraform", "--quiet", "--compact", "--skip-download"]
    # The whole repository, examples included; .venv, .build and .terraform hold no code of ours.
    skips = ["--skip-path", r"\.venv", "--skip-path", r"\.build", "--skip-path", r"\.terraform"]
    return _run([_tool("checkov"), "-d", ".", *options, *skips])


def check_tflint() -> bool:
    if shutil.which("tflint") is None:
        print("   tflint is not installed: skipped (.tflint.hcl holds its configuration)")
        return True
    return all(_run(["tflint", "--chdir", str(d), "--config", str(REPO / ".tflint.hcl")]) for d in terraform_dirs())


CHECKS: dict[str, Callable[[], bool]] = {
    "ruff": check_ruff,
    "mypy": check_mypy,
    "fmt": check_fmt,
    "docs": check_docs,
    "validate": check_validate,
    "tftest": check_terraform_test,
    "pytest": check_pytest,
    "checkov": check_checkov,
    "tflint": check_tflint,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help=f"comma-separated checks among {', '.join(CHECKS)}")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(CHECKS)
    try:
        terraform.terraform_binary()
    except terraform.TerraformError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"provider mirror: {terraform.provider_mirror() or 'none found, terraform init uses the registry'}")
    results: dict[str, tuple[bool, float]] = {}
    for name in names:
        print(f"\n==> {name}", flush=True)
        started = time.monotonic()
        results[name] = (CHECKS[name](), time.monotonic() - started)
    print("\n==> summary")
    for name, (passed, seconds) in results.items():
        print(f"   {name:<10} {'ok' if passed else 'FAILED':<7} {seconds:6.1f} s")
    # One closing line that counts the tests run (pytest and terraform test together).
    print(f"tests: {TEST_COUNTS['passed']} passed, {TEST_COUNTS['failed']} failed")
    return 0 if all(passed for passed, _ in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

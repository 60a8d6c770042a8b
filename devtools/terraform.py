"""Terraform for scripts and tests: finds the binary and a provider mirror, then runs it quietly.

A provider mirror is used when there is one (``CONNECT_DATA_TF_MIRROR``, else a folder found holding
``registry.terraform.io/hashicorp/aws``); otherwise ``terraform init`` reaches the registry as usual.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / ".build"
MIRROR_ENV = "CONNECT_DATA_TF_MIRROR"
_PROVIDER = Path("registry.terraform.io", "hashicorp", "aws")
_CANDIDATES = [
    "/opt/tf-plugins",
    "~/.terraform.d/plugins",
    "~/.local/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
]
_SEARCH_ROOTS = ["/opt", "/usr/local/share", "/usr/share", "~"]


class TerraformError(RuntimeError):
    pass


def terraform_binary() -> str:
    found = shutil.which("terraform")
    if not found:
        raise TerraformError(
            "terraform is not on PATH: install Terraform >= 1.6 (https://developer.hashicorp.com/terraform/install)"
        )
    return found


@cache
def provider_mirror() -> Path | None:
    """The folder above ``registry.terraform.io`` that holds hashicorp/aws, or None to use the registry."""
    named = os.environ.get(MIRROR_ENV)
    if named:
        path = Path(named).expanduser()
        if not (path / _PROVIDER).is_dir():
            raise TerraformError(f"{MIRROR_ENV}={named} holds no {_PROVIDER}")
        return path
    for candidate in _CANDIDATES:
        path = Path(candidate).expanduser()
        if (path / _PROVIDER).is_dir():
            return path
    for root in _SEARCH_ROOTS:
        base = Path(root).expanduser()
        if not base.is_dir():
            continue
        for depth_glob in ("*", "*/*", "*/*/*"):
            for match in base.glob(f"{depth_glob}/{_PROVIDER.as_posix()}"):
                return match.parents[2]
    return None


@cache
def terraform_env() -> dict[str, str]:
    """Environment for terraform: a CLI config that prefers the mirror, and a shared plugin cache."""
    env = dict(os.environ)
    env.setdefault("TF_IN_AUTOMATION", "1")
    env["CHECKPOINT_DISABLE"] = "1"
    mirror = provider_mirror()
    if mirror is not None:
        BUILD.mkdir(exist_ok=True)
        config = BUILD / "terraformrc"
        config.write_text(
            "provider_installation {\n"
            "  filesystem_mirror {\n"
            f'    path    = "{mirror}"\n'
            '    include = ["registry.terraform.io/hashicorp/*"]\n'
            "  }\n"
            '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n'
            "}\n"
        )
        env["TF_CLI_CONFIG_FILE"] = str(config)
    elif env.get("TF_CLI_CONFIG_FILE") and not Path(env["TF_CLI_CONFIG_FILE"]).exists():
        env.pop("TF_CLI_CONFIG_FILE")
    return env


def run(
    directory: Path | str,
    *args: str,
    capture: bool = False,
    check: bool = True,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = terraform_env() if not extra_env else {**terraform_env(), **extra_env}
    command = [terraform_binary(), f"-chdir={directory}", *args]
    result = subprocess.run(command, env=env, text=True, capture_output=capture)
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout or "")[-4000:] if capture else ""
        raise TerraformError(f"terraform {' '.join(args)} failed in {directory} (exit {result.returncode})\n{detail}")
    return result


# What terraform init says when a committed lock holds no checksum for this machine's platform.
_LOCK_LACKS_PLATFORM = "doesn't match any of the checksums previously recorded in the dependency lock file"


def lock_lacks_platform(stderr: str) -> bool:
    """Whether init failed because the lock has no checksum for this platform (the message wraps)."""
    return _LOCK_LACKS_PLATFORM in " ".join(stderr.replace("\u2502", " ").split())


def current_platform() -> str:
    """Terraform's name for this machine's platform, such as linux_amd64 or darwin_arm64."""
    shown = run(".", "version", "-json", capture=True)
    return str(json.loads(shown.stdout)["platform"])


def init(directory: Path | str, *, backend: bool = True) -> None:
    """``terraform init``; from the registry, a lock without this platform's checksum gains it first.

    The examples' committed locks carry what the offline mirror can prove (linux_amd64 only); on another
    platform the registry's signed checksums are added with ``terraform providers lock`` (the lock file
    changes, as it would for any user: commit it) instead of init failing on the missing checksum.
    """
    args = ["init", "-input=false", "-no-color"]
    if not backend:
        args.append("-backend=false")
    first = run(directory, *args, capture=True, check=False)
    if first.returncode == 0:
        return
    if provider_mirror() is None and lock_lacks_platform(first.stderr or ""):
        run(directory, "providers", "lock", f"-platform={current_platform()}", capture=True)
        run(directory, *args, capture=True)
        return
    detail = (first.stderr or first.stdout or "")[-4000:]
    raise TerraformError(f"terraform init failed in {directory} (exit {first.returncode})\n{detail}")


def apply(directory: Path | str, variables: dict[str, str] | None = None, *, destroy: bool = False) -> None:
    args = ["apply", "-auto-approve", "-input=false", "-no-color"]
    if destroy:
        args.append("-destroy")
    for name, value in (variables or {}).items():
        args.append(f"-var={name}={value}")
    run(directory, *args, capture=True)


def plan_changes(directory: Path | str, variables: dict[str, str] | None = None) -> list[dict]:
    """The resource changes a plan would make (no-ops left out)."""
    plan_file = "connect-data.tfplan"
    args = ["plan", "-input=false", "-no-color", f"-out={plan_file}"]
    for name, value in (variables or {}).items():
        args.append(f"-var={name}={value}")
    run(directory, *args, capture=True)
    shown = run(directory, "show", "-json", plan_file, capture=True)
    Path(directory, plan_file).unlink(missing_ok=True)
    changes = json.loads(shown.stdout).get("resource_changes", [])
    return [c for c in changes if c["change"]["actions"] not in (["no-op"], ["read"])]


def outputs(directory: Path | str) -> dict:
    shown = run(directory, "output", "-json", capture=True)
    return {name: value["value"] for name, value in json.loads(shown.stdout).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Run terraform with the project's provider mirror settings.")
    parser.add_argument("directory")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args()
    try:
        result = run(ns.directory, *ns.args, check=False)
    except TerraformError as err:
        print(err, file=sys.stderr)
        raise SystemExit(2) from err
    raise SystemExit(result.returncode)


if __name__ == "__main__":
    main()

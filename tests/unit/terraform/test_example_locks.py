"""Every example is a root configuration and keeps its dependency lock (Terraform's advice for roots);
the lock selects a provider version every ``versions.tf`` accepts, so ``make test`` and ``make demo`` init
offline from the mirror and a registry user can ``terraform init -upgrade`` to 6.x."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from devtools import terraform

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(p.parent for p in REPO.glob("examples/*/main.tf"))
LOCK_ENTRY = re.compile(
    r'provider "registry\.terraform\.io/hashicorp/aws" \{\s*version\s*=\s*"(?P<version>[\d.]+)"\s*'
    r'constraints\s*=\s*"(?P<constraints>[^"]+)"\s*hashes\s*=\s*\[(?P<hashes>[^\]]*)\]'
)
# Terraform 1.11's own wording when a lock lacks the platform's checksum, as its error box wraps it.
WRAPPED_ERROR = """
│ Error: Failed to install provider
│
│ Error while installing hashicorp/aws v5.100.0: the current package for
│ registry.terraform.io/hashicorp/aws 5.100.0 doesn't match any of the
│ checksums previously recorded in the dependency lock file; for more
│ information: https://developer.hashicorp.com/terraform/language/files/dependency-lock#checksum-verification
"""


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_example_keeps_a_lock_inside_the_constraint_it_declares(example):
    lock = (example / ".terraform.lock.hcl").read_text()
    entry = LOCK_ENTRY.search(lock)
    assert entry, "the lock selects hashicorp/aws"
    assert entry["constraints"] == ">= 5.84.0, < 7.0.0"
    assert _version("5.84.0") <= _version(entry["version"]) < _version("7.0.0")
    assert re.findall(r'"h1:[A-Za-z0-9+/=]{44}"', entry["hashes"]), "a checksum Terraform verifies on init"


def test_the_lock_is_tracked_and_module_locks_are_not():
    tracked = subprocess.run(
        ["git", "ls-files", "--", "*.terraform.lock.hcl"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "modules/cases/.terraform.lock.hcl"], cwd=REPO, check=False
    ).returncode
    assert sorted(tracked) == sorted(str((e / ".terraform.lock.hcl").relative_to(REPO)) for e in EXAMPLES)
    assert ignored == 0, "reusable modules keep no lock: their caller's root decides the version"


def test_init_recognises_a_lock_without_this_platforms_checksum():
    assert terraform.lock_lacks_platform(WRAPPED_ERROR)
    assert not terraform.lock_lacks_platform("│ Error: Unsupported argument")

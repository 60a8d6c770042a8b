"""The dependency layer installs a hash-locked closure: every requirement pinned with ``==`` and hashed,
and every package ``requirements.in`` names is in the lock."""

from __future__ import annotations

import re
from pathlib import Path

LAMBDA_SRC = Path(__file__).resolve().parents[3] / "lambda_src"


def _requirements(path: Path) -> dict[str, str]:
    """name -> the requirement's text (continuation lines joined), comments left out."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return {re.split(r"[=<>~! ]", line, maxsplit=1)[0].lower(): line for line in lines if line}


def test_every_locked_requirement_is_pinned_and_hashed():
    locked = _requirements(LAMBDA_SRC / "requirements.txt")
    assert len(locked) >= 4, "the closure includes powertools' own dependencies"
    unpinned = [r for r in locked.values() if not re.match(r"^[A-Za-z0-9_.-]+==[^ ]+ ", r)]
    unhashed = [r for r in locked.values() if not re.search(r"--hash=sha256:[0-9a-f]{64}", r)]
    assert unpinned == [] and unhashed == []


def test_the_lock_covers_every_top_level_requirement_at_its_pin():
    wanted = _requirements(LAMBDA_SRC / "requirements.in")
    locked = _requirements(LAMBDA_SRC / "requirements.txt")
    assert {name: locked.get(name, "").split(" ")[0] for name in wanted} == wanted

"""Every function the modules deploy runs from its zip alone: its handler imports, and every file its
modules point at (the vanity word index, say) is inside the zip, declared as ``data_files``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass

import pytest

from tests.unit.packaging.test_package import REPO, package

MODULE_BLOCK = re.compile(r'^module "(?P<name>[^"]+)" \{\n(?P<body>.*?)^\}', re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Function:
    where: str
    capability: str
    handler: str
    data_files: tuple[str, ...]


def _attribute(body: str, name: str) -> str | None:
    found = re.search(rf"^\s*{name}\s*=\s*(.+)$", body, re.MULTILINE)
    return found.group(1).strip() if found else None


def deployed_functions() -> list[Function]:
    functions = []
    for tf in sorted(REPO.glob("modules/*/*.tf")):
        for block in MODULE_BLOCK.finditer(tf.read_text()):
            body = block.group("body")
            if _attribute(body, "source") != '"../lambda_function"':
                continue
            data = _attribute(body, "data_files")
            functions.append(
                Function(
                    where=f"{tf.relative_to(REPO)}:{block.group('name')}",
                    capability=json.loads(_attribute(body, "capability") or '""'),
                    handler=json.loads(_attribute(body, "handler") or '""'),
                    data_files=tuple(json.loads(data)) if data else (),
                )
            )
    return functions


FUNCTIONS = deployed_functions()

# Imports the handler from the unpacked zip only, then lists every module-level Path of a packaged
# module that points into the package: each is a file the code reads at runtime.
PROBE = """
import importlib, json, sys
from pathlib import Path
root = Path(sys.argv[1]).resolve()
module_name, _, attribute = sys.argv[2].rpartition(".")
handler = getattr(importlib.import_module(module_name), attribute)
packaged = {n: m for n, m in sys.modules.items() if n.startswith("connect_data")}
outside = sorted(n for n, m in packaged.items() if not str(Path(m.__file__ or "")).startswith(str(root)))
paths = sorted(
    str(value.resolve().relative_to(root))
    for module in packaged.values()
    for value in vars(module).values()
    if isinstance(value, Path) and value.resolve().is_relative_to(root)
)
missing = [p for p in paths if not (root / p).is_file()]
loaded = None
if "connect_data.vanity.index" in packaged:
    loaded = len(packaged["connect_data.vanity.index"].shipped_index())
found = {"callable": callable(handler), "outside": outside, "paths": paths, "missing": missing, "index": loaded}
print(json.dumps(found))
"""


def test_the_modules_deploy_every_capability():
    assert {f.capability for f in FUNCTIONS} == {
        "agent_events",
        "analytics",
        "cases",
        "contact_status",
        "customer_lookup",
        "vanity",
        "view_data",
    }
    assert len(FUNCTIONS) >= 13


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.where for f in FUNCTIONS])
def test_the_function_runs_from_its_zip_alone(function, tmp_path):
    zip_path = tmp_path / "f.zip"
    entries = package.function_entries(
        REPO / "lambda_src", ["connect_data/common", f"connect_data/{function.capability}"], list(function.data_files)
    )
    package.write_zip(entries, zip_path)
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(zip_path).extractall(unpacked)

    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(unpacked), function.handler],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "AWS_DEFAULT_REGION": "us-east-1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    found = json.loads(probe.stdout)
    assert found["callable"] and found["outside"] == []
    assert found["missing"] == [], f"{function.where} reads files its zip lacks: declare them in data_files"
    assert set(found["paths"]) <= set(function.data_files), "a file the code reads is shipped but not declared"
    if function.handler == "connect_data.vanity.handler.handler":
        assert found["paths"] == ["connect_data/vanity/word_index.txt"] and found["index"] > 10_000

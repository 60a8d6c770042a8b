"""The packager: reproducible bytes, Unix modes, only common/ plus one capability."""

from __future__ import annotations

import hashlib
import importlib.util
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SPEC = importlib.util.spec_from_file_location("package", REPO / "modules" / "lambda_function" / "package.py")
package = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(package)


def build(tmp_path: Path, name: str, capability: str = "customer_lookup") -> Path:
    output = tmp_path / name
    package.main(
        [
            "function",
            "--source-root",
            str(REPO / "lambda_src"),
            "--include",
            "connect_data/common",
            "--include",
            f"connect_data/{capability}",
            "--output",
            str(output),
        ]
    )
    return output


def test_two_builds_are_byte_identical(tmp_path):
    first, second = build(tmp_path, "a.zip"), build(tmp_path, "b.zip")
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_zip_holds_only_common_and_the_capability_with_fixed_modes_and_dates(tmp_path):
    with zipfile.ZipFile(build(tmp_path, "a.zip")) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert "connect_data/__init__.py" in names and "connect_data/customer_lookup/handler.py" in names
    assert all(
        n == "connect_data/__init__.py" or n.startswith(("connect_data/common/", "connect_data/customer_lookup/"))
        for n in names
    )
    assert not any(n.endswith(".pyc") or "__pycache__" in n for n in names)
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_pycache_in_the_source_tree_is_not_packaged(tmp_path):
    source = tmp_path / "src"
    (source / "connect_data" / "common" / "__pycache__").mkdir(parents=True)
    (source / "connect_data" / "x").mkdir()
    (source / "connect_data" / "__init__.py").write_text("")
    (source / "connect_data" / "common" / "a.py").write_text("A = 1\n")
    (source / "connect_data" / "common" / "__pycache__" / "a.cpython-313.pyc").write_bytes(b"\0")
    (source / "connect_data" / "x" / "h.py").write_text("")
    entries = package.function_entries(source, ["connect_data/common", "connect_data/x"])
    assert sorted(entries) == ["connect_data/__init__.py", "connect_data/common/a.py", "connect_data/x/h.py"]


def test_missing_capability_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="is not a directory"):
        build(tmp_path, "a.zip", capability="nope")


def test_customer_lookup_zip_is_under_50_kb(tmp_path):
    assert build(tmp_path, "a.zip").stat().st_size < 50 * 1024


def test_zip_holds_exactly_the_python_files_and_declared_data_the_hash_covers(tmp_path):
    source = tmp_path / "src"
    (source / "connect_data" / "common").mkdir(parents=True)
    (source / "connect_data" / "vanity").mkdir()
    for name in ["__init__.py", "common/__init__.py", "vanity/__init__.py", "vanity/handler.py"]:
        (source / "connect_data" / name).write_text("x = 1\n")
    (source / "connect_data" / "vanity" / "word_index.txt").write_text("CALL 2255\n")
    (source / "connect_data" / "vanity" / ".env").write_text("SECRET=1\n")
    (source / "connect_data" / "vanity" / "notes.md").write_text("draft\n")
    output = tmp_path / "f.zip"
    package.main(
        [
            "function",
            "--source-root",
            str(source),
            "--include",
            "connect_data/common",
            "--include",
            "connect_data/vanity",
            *["--data", "connect_data/vanity/word_index.txt", "--output", str(output)],
        ]
    )
    assert sorted(zipfile.ZipFile(output).namelist()) == [
        "connect_data/__init__.py",
        "connect_data/common/__init__.py",
        "connect_data/vanity/__init__.py",
        "connect_data/vanity/handler.py",
        "connect_data/vanity/word_index.txt",
    ]


def test_a_missing_data_file_is_a_clear_error(tmp_path):
    args = ["function", "--source-root", str(REPO / "lambda_src"), "--include", "connect_data/common"]
    with pytest.raises(SystemExit, match="data file"):
        package.main([*args, "--data", "connect_data/vanity/nope.txt", "--output", str(tmp_path / "f.zip")])

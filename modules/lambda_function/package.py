#!/usr/bin/env python3
"""Builds the deterministic zips that modules/lambda_function deploys (no archive provider needed).

    package.py function --source-root DIR --include connect_data/common --include connect_data/x \
        [--data connect_data/x/index.txt] --output F.zip
    package.py layer --requirements FILE --python-version 3.13 --architecture arm64 --output F.zip

The same inputs give the same bytes: entries sorted, timestamps fixed at 1980-01-01, modes 0644 (0755
for directories), compression level fixed. Terraform's source hash is computed from the source files
at plan time, not from these bytes, so a different zlib cannot cause a diff either way.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
SKIPPED_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def _files_under(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if path.suffix not in SKIPPED_SUFFIXES:
                yield path


def write_zip(entries: dict[str, Path], output: Path) -> None:
    """Write ``entries`` (archive name -> file) to ``output`` atomically, byte-for-byte reproducibly."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so the modes above are honoured by Lambda's unzip
                archive.writestr(info, entries[name].read_bytes(), compresslevel=9)
        os.replace(tmp_name, output)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def function_entries(source_root: Path, includes: list[str], data: list[str] | None = None) -> dict[str, Path]:
    """The package's ``__init__.py`` files up to each included directory, its Python files, and the
    declared data files: exactly the files Terraform's plan-time source hash covers (a stray ``.env``
    or editor file is never shipped)."""
    entries: dict[str, Path] = {}
    for name in data or []:
        path = source_root / name
        if not path.is_file():
            raise SystemExit(f"package.py: data file {path} does not exist")
        entries[Path(name).as_posix()] = path
    for include in includes:
        directory = source_root / include
        if not directory.is_dir():
            raise SystemExit(f"package.py: {directory} is not a directory")
        parts = Path(include).parts
        for depth in range(1, len(parts)):
            init = source_root.joinpath(*parts[:depth], "__init__.py")
            if init.is_file():
                entries[init.relative_to(source_root).as_posix()] = init
        for path in _files_under(directory):
            if path.suffix == ".py":
                entries[path.relative_to(source_root).as_posix()] = path
    return entries


def build_function(args: argparse.Namespace) -> None:
    data = [name for name in (args.data or "").split(",") if name]
    write_zip(function_entries(Path(args.source_root), args.include, data), Path(args.output))


PLATFORMS = {"arm64": "manylinux2014_aarch64", "x86_64": "manylinux2014_x86_64"}


def build_layer(args: argparse.Namespace) -> None:
    """pip-install the requirements for the Lambda platform into ``python/`` and zip that."""
    with tempfile.TemporaryDirectory() as workdir:
        target = Path(workdir, "python")
        command = [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "--disable-pip-version-check",
            "--target",
            str(target),
            "--require-hashes",
            "--no-deps",
            "--requirement",
            args.requirements,
            "--platform",
            PLATFORMS[args.architecture],
            "--implementation",
            "cp",
            "--python-version",
            args.python_version,
            "--only-binary=:all:",
        ]
        subprocess.run(command, check=True)
        entries = {p.relative_to(workdir).as_posix(): p for p in _files_under(target)}
        # pip records the installer and absolute paths; neither belongs in a reproducible layer.
        entries = {
            n: p
            for n, p in entries.items()
            if not n.endswith((".dist-info/RECORD", ".dist-info/INSTALLER", ".dist-info/direct_url.json"))
        }
        write_zip(entries, Path(args.output))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    function = commands.add_parser("function", help="zip a handler package")
    function.add_argument("--source-root", required=True)
    function.add_argument("--include", action="append", required=True, help="directory under the source root")
    function.add_argument("--data", default="", help="comma-separated data files under the source root")
    function.add_argument("--output", required=True)
    function.set_defaults(run=build_function)
    layer = commands.add_parser("layer", help="zip a dependency layer")
    layer.add_argument("--requirements", required=True)
    layer.add_argument("--python-version", default="3.13")
    layer.add_argument("--architecture", choices=sorted(PLATFORMS), default="arm64")
    layer.add_argument("--output", required=True)
    layer.set_defaults(run=build_layer)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()

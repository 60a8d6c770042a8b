"""Keeps the inputs/outputs tables of every module README in sync with its variables and outputs.

    python -m devtools.docs          # rewrite the tables between the markers
    python -m devtools.docs --check  # exit 1 when a README is out of date (part of make test)

A README gets its tables between ``<!-- BEGIN_TF_DOCS -->`` and ``<!-- END_TF_DOCS -->``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import hcl2

REPO = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


def _type_source(lines: list[str], start: int, end: int) -> str:
    """The ``type = ...`` expression as written (objects included), on one line."""
    block = lines[start - 1 : end]
    for index, line in enumerate(block):
        stripped = line.strip()
        if stripped.startswith("type") and "=" in stripped:
            text = stripped.split("=", 1)[1].strip()
            depth = text.count("(") + text.count("{") - text.count(")") - text.count("}")
            follow = index + 1
            while depth > 0 and follow < len(block):
                part = block[follow].strip()
                text += " " + part
                depth += part.count("(") + part.count("{") - part.count(")") - part.count("}")
                follow += 1
            return " ".join(text.split())
    return "any"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tables(module: Path) -> str:
    variables, outputs = [], []
    for tf in sorted(module.glob("*.tf")):
        lines = tf.read_text().splitlines()
        parsed = hcl2.loads(tf.read_text())
        for block in parsed.get("variable", []):
            for name, body in block.items():
                required = "default" not in body
                default = (
                    ""
                    if required
                    else json.dumps(body["default"][0] if isinstance(body["default"], list) else body["default"])
                )
                kind = _type_source(lines, body["__start_line__"], body["__end_line__"])
                description = body.get("description", [""])[0]
                variables.append((name, description, kind, default, required))
        for block in parsed.get("output", []):
            for name, body in block.items():
                outputs.append((name, body.get("description", [""])[0]))
    out = [BEGIN, "## Inputs", "", "| Name | Description | Type | Default | Required |", "|---|---|---|---|:---:|"]
    for name, description, kind, default, required in sorted(variables, key=lambda v: (not v[4], v[0])):
        shown_default = f"`{_cell(default)}`" if default else "n/a"
        out.append(
            f"| `{name}` | {_cell(description)} | `{_cell(kind)}` | {shown_default} | {'yes' if required else 'no'} |"
        )
    out += ["", "## Outputs", "", "| Name | Description |", "|---|---|"]
    out += [f"| `{name}` | {_cell(description)} |" for name, description in sorted(outputs)]
    out.append(END)
    return "\n".join(out)


def documented_modules() -> list[Path]:
    return [REPO, *sorted(p for p in (REPO / "modules").iterdir() if (p / "versions.tf").exists())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report READMEs that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for module in documented_modules():
        readme = module / "README.md"
        if not readme.exists():
            stale.append(f"{readme.relative_to(REPO)} is missing")
            continue
        text = readme.read_text()
        if BEGIN not in text or END not in text:
            stale.append(f"{readme.relative_to(REPO)} has no {BEGIN} ... {END} markers")
            continue
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        updated = head + tables(module) + tail
        if updated != text:
            if args.check:
                stale.append(f"{readme.relative_to(REPO)} is out of date: run python -m devtools.docs")
            else:
                readme.write_text(updated)
                print(f"updated {readme.relative_to(REPO)}")
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The Terraform module and the Python package agree on what they both spell out."""

from __future__ import annotations

import json
import re
from pathlib import Path

from connect_data.cases.events import DETAIL_TYPES
from connect_data.cases.fields import SYSTEM_FIELD_IDS

MODULE = Path(__file__).parents[3] / "modules" / "cases"


def test_the_module_lists_the_same_system_fields():
    match = re.search(r"system_field_ids\s*=\s*(\[[^\]]*\])", (MODULE / "main.tf").read_text())
    assert match and tuple(json.loads(match.group(1))) == SYSTEM_FIELD_IDS


def test_the_rule_matches_both_detail_types():
    events_tf = (MODULE / "events.tf").read_text()
    assert all(f'"{d}"' in events_tf for d in DETAIL_TYPES)


def test_the_module_names_the_handlers_that_exist():
    text = "".join(p.read_text() for p in MODULE.glob("*.tf"))
    handlers = set(re.findall(r'handler\s*=\s*"connect_data\.cases\.(\w+)\.handler"', text))
    assert handlers == {"stream_handler", "flow_handler", "provisioner"}

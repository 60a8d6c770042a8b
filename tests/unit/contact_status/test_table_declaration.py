"""devtools/tables.py (the status and history tables of the tests and the cost model) declares what
modules/contact_status/table.tf declares: the same indexes, keys and projections."""

from __future__ import annotations

import re
from pathlib import Path

from devtools.tables import history_table_definition, status_table_definition

TABLE_TF = Path(__file__).resolve().parents[3] / "modules" / "contact_status" / "table.tf"


def _terraform_indexes() -> dict[str, dict[str, object]]:
    indexes = {}
    for block in re.findall(r"global_secondary_index \{(.*?)\n  \}", TABLE_TF.read_text(), re.S):
        fields = dict(re.findall(r"^\s*(\w+)\s*=\s*(.+?)\s*$", block, re.M))
        indexes[fields["name"].strip('"')] = {
            "hash": fields["hash_key"].strip('"'),
            "range": fields.get("range_key", "").strip('"') or None,
            "projection": fields["projection_type"].strip('"'),
            "non_key": sorted(re.findall(r'"(\w+)"', fields.get("non_key_attributes", ""))),
        }
    return indexes


def _declared_indexes() -> dict[str, dict[str, object]]:
    indexes = {}
    for index in status_table_definition("t")["GlobalSecondaryIndexes"]:
        keys = {k["KeyType"]: k["AttributeName"] for k in index["KeySchema"]}
        indexes[index["IndexName"]] = {
            "hash": keys["HASH"],
            "range": keys.get("RANGE"),
            "projection": index["Projection"]["ProjectionType"],
            "non_key": sorted(index["Projection"].get("NonKeyAttributes", [])),
        }
    return indexes


def test_the_tests_and_the_cost_model_use_the_modules_indexes():
    terraform = _terraform_indexes()
    assert set(terraform) == {"by-customer", "by-initial-contact"}
    assert _declared_indexes() == terraform


def test_no_index_of_the_status_table_has_a_sort_key_a_write_could_move():
    assert all(index["range"] is None for index in _terraform_indexes().values())


def test_the_history_table_has_the_modules_keys_and_no_index():
    [block] = re.findall(r'resource "aws_dynamodb_table" "history" \{(.*?)\n\}', TABLE_TF.read_text(), re.S)
    fields = dict(re.findall(r"^  (hash_key|range_key)\s*=\s*\"(\w+)\"", block, re.M))
    declared = history_table_definition("t")
    assert {k["KeyType"]: k["AttributeName"] for k in declared["KeySchema"]} == {
        "HASH": fields["hash_key"],
        "RANGE": fields["range_key"],
    }
    assert "global_secondary_index" not in block and "GlobalSecondaryIndexes" not in declared

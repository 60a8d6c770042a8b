"""Packaging through real Terraform plans: a plan right after apply is empty, and a source edit changes
exactly the functions whose zip holds the edited file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from devtools import terraform

pytestmark = pytest.mark.integration
REPO = terraform.REPO
_IGNORED = shutil.ignore_patterns(".venv", ".git", ".terraform", ".build", "__pycache__", "*.tfplan", ".pytest_cache")


def _changed_functions(changes: list[dict]) -> set[str]:
    return {c["address"] for c in changes if c["type"] == "aws_lambda_function"}


def _all_functions(directory: Path) -> set[str]:
    shown = terraform.run(directory, "state", "list", capture=True).stdout.split()
    return {a for a in shown if a.endswith("aws_lambda_function.this")}


def _moto_alias_mapping_quirk(change: dict, lambda_client) -> bool:
    """moto's quirk, and only it: a mapping made on an alias ARN reads back from moto with the ARN of the
    version the alias points at (``fn:1``), where Lambda answers the alias ARN it was given (``fn:live``).
    The provider stores the answered FunctionArn as ``function_name``, so the next plan wants fn:1 -> fn:live.
    On AWS the same configuration plans empty (terraform-aws-modules/terraform-aws-lambda#320, an apply of
    its alias example with a mapping on the alias, then another apply: no changes)."""
    if change["type"] != "aws_lambda_event_source_mapping" or change["change"]["actions"] != ["update"]:
        return False
    before, after = change["change"]["before"], change["change"]["after"]
    differing = {k for k in after if before.get(k) != after[k]} - set(change["change"].get("after_unknown") or {})
    if differing != {"function_name"}:
        return False
    read_back, configured = before["function_name"], after["function_name"]
    function, alias = configured.rsplit(":", 1)
    version = lambda_client.get_alias(FunctionName=function, Name=alias)["FunctionVersion"]
    return read_back == f"{function}:{version}"


def test_plan_right_after_apply_is_empty(local_stack):
    changes = terraform.plan_changes(local_stack.example, local_stack.variables)
    lambda_client = local_stack.client("lambda")
    assert [c["address"] for c in changes if not _moto_alias_mapping_quirk(c, lambda_client)] == []


@pytest.fixture(scope="module")
def repo_copy(local_stack, tmp_path_factory) -> Path:
    """The repository with the applied state of examples/local, so edits can be planned safely."""
    copy = tmp_path_factory.mktemp("repo") / "repo"
    shutil.copytree(REPO, copy, ignore=_IGNORED)
    example = copy / "examples" / "local"
    shutil.copy(local_stack.example / "terraform.tfstate", example / "terraform.tfstate")
    shutil.copytree(local_stack.example / ".build", example / ".build")
    terraform.init(example)
    return copy


def _plan_with_edit(repo_copy: Path, local_stack, relative: str) -> set[str]:
    edited = repo_copy / "lambda_src" / relative
    original = edited.read_text()
    edited.write_text(original + "\n# an edit\n")
    try:
        return _changed_functions(terraform.plan_changes(repo_copy / "examples" / "local", local_stack.variables))
    finally:
        edited.write_text(original)


def test_capability_edit_changes_only_its_own_functions(repo_copy, local_stack):
    changed = _plan_with_edit(repo_copy, local_stack, "connect_data/customer_lookup/lookup.py")
    assert changed == {a for a in _all_functions(repo_copy / "examples" / "local") if ".customer_lookup[" in a}


def test_common_edit_changes_every_function(repo_copy, local_stack):
    changed = _plan_with_edit(repo_copy, local_stack, "connect_data/common/flow.py")
    assert changed == _all_functions(repo_copy / "examples" / "local")


def test_a_word_index_edit_changes_only_the_function_that_declares_it(repo_copy, local_stack):
    # word_index.txt is a declared data file of the vanity flow function (data_files), not Python: its
    # bytes are in that zip and its hash, and in no other function's (the provisioning function's zip
    # holds the vanity code but not the index).
    changed = _plan_with_edit(repo_copy, local_stack, "connect_data/vanity/word_index.txt")
    functions = _all_functions(repo_copy / "examples" / "local")
    assert changed == {a for a in functions if ".vanity_numbers[0].module.function.aws_lambda_function" in a}

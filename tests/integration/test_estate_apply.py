"""examples/local applied to moto with the longest name_prefix the validation allows and every capability
moto can host (the archive too), then every IAM policy it created checked against policy_sentry's copy
of the Service Authorization Reference (offline), and destroyed cleanly (LocalStack fails on leftovers).

Deliberate omissions of dependent actions are written beside the statement in a .tf file as
``# iam:omit <action> <dependent action>... -- <why>``; this test reads them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from policy_sentry.querying.actions import get_action_data

from devtools import terraform
from devtools.stack import LocalStack

pytestmark = pytest.mark.integration
REPO = terraform.REPO
LONGEST_PREFIX = "abcdefghijklmnopqrstuvwxy27"  # 27 characters: the name_prefix validation's maximum
_IGNORED = shutil.ignore_patterns(".venv", ".git", ".terraform", ".build", "__pycache__", "*.tfstate*", ".pytest_cache")

# Service limits of every name derived from name_prefix: (state attribute, longest allowed, pattern).
NAME_LIMITS = {
    "aws_s3_bucket": ("bucket", 63, r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"),
    "aws_iam_role": ("name", 64, r"^[\w+=,.@-]+$"),
    "aws_iam_role_policy": ("name", 128, r"^[\w+=,.@-]+$"),
    "aws_lambda_function": ("function_name", 64, r"^[A-Za-z0-9_-]+$"),
    "aws_lambda_layer_version": ("layer_name", 140, r"^[A-Za-z0-9_-]+$"),
    "aws_sqs_queue": ("name", 80, r"^[A-Za-z0-9_-]+(\.fifo)?$"),
    "aws_sns_topic": ("name", 256, r"^[A-Za-z0-9_-]+$"),
    "aws_dynamodb_table": ("name", 255, r"^[A-Za-z0-9_.-]{3,}$"),
    "aws_cloudwatch_event_rule": ("name", 64, r"^[A-Za-z0-9_.-]+$"),
    "aws_scheduler_schedule": ("name", 64, r"^[A-Za-z0-9_.-]+$"),
    "aws_cloudwatch_log_group": ("name", 512, r"^[A-Za-z0-9_./#-]+$"),
}


def _resources(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _resources(child)


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[dict[str, Any]]]:
    """The managed resources in state after the apply (the destroy and leftover check run after the tests)."""
    copy = tmp_path_factory.mktemp("estate") / "repo"
    shutil.copytree(REPO, copy, ignore=_IGNORED)
    example = copy / "examples" / "local"
    variables = {"name_prefix": LONGEST_PREFIX, "enable_archive": "true"}
    with LocalStack.up(example, log=tmp_path_factory.mktemp("moto") / "moto.log", variables=variables):
        state = json.loads(terraform.run(example, "show", "-json", capture=True).stdout)
        yield [r for r in _resources(state["values"]["root_module"]) if r["mode"] == "managed"]


def test_every_derived_name_fits_its_service_limit_at_the_longest_prefix(estate):
    lengths: dict[str, int] = {}
    broken = []
    for resource in estate:
        if resource["type"] not in NAME_LIMITS:
            continue
        attribute, limit, pattern = NAME_LIMITS[resource["type"]]
        name = resource["values"][attribute]
        lengths[resource["type"]] = max(lengths.get(resource["type"], 0), len(name))
        if len(name) > limit or not re.match(pattern, name):
            broken.append((resource["address"], name, len(name), limit))
    print("longest derived names:", json.dumps(lengths, sort_keys=True))
    assert broken == []
    assert lengths["aws_s3_bucket"] == 63, "the longest prefix makes the archive bucket exactly S3's limit"
    assert set(lengths) >= {"aws_iam_role", "aws_lambda_function", "aws_sqs_queue", "aws_dynamodb_table"}


# --- IAM ------------------------------------------------------------------------------------------------


def _deliberate_omissions() -> dict[str, set[str]]:
    omitted: dict[str, set[str]] = {}
    for path in REPO.rglob("*.tf"):
        if ".terraform" in path.parts:
            continue
        for match in re.finditer(r"#\s*iam:omit\s+(\S+)\s+(.+?)\s+--\s+\S", path.read_text()):
            omitted.setdefault(match.group(1).lower(), set()).update(a.lower() for a in match.group(2).split())
    return omitted


def _statements(estate: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(role, its Allow statements) for every inline policy in state."""
    policies = []
    for resource in estate:
        if resource["type"] == "aws_iam_role_policy":
            document = json.loads(resource["values"]["policy"])
            statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
            policies.append((resource["values"]["role"], [s for s in statements if s.get("Effect") == "Allow"]))
    return policies


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _action_rows(action: str) -> list[dict[str, Any]]:
    service, name = action.split(":", 1)
    return list(get_action_data(service, name).get(service, []))


# A * in a policy's ARN stands for any text, ":" and "/" included, so each * is tried with the shapes a
# resource name takes, against the reference's ARN format with each ${Placeholder} standing for any text.
_WILDCARD_FILLS = ("x", "log-stream:x", "x/x", "x/x/x", "x:x")


def _fits(resource: str, arn_format: str) -> bool:
    # A ${Placeholder} and a literal * of the reference's format (contact-flow/*) both stand for any text.
    pattern = ".+".join(re.escape(part) for part in re.split(r"\$\{[^}]+\}|\*", arn_format))
    return any(re.fullmatch(pattern, resource.replace("*", fill)) for fill in _WILDCARD_FILLS)


def test_every_policy_names_real_actions_and_resources_they_accept(estate):
    findings = []
    policies = _statements(estate)
    assert len(policies) >= 8, "the stack creates a policy per function and one for the scheduler"
    for role, statements in policies:
        for statement in statements:
            for action in _as_list(statement["Action"]):
                rows = _action_rows(action)
                if not rows:
                    findings.append(f"{role}: {action} is not an IAM action")
                    continue
                formats = [r["resource_arn_format"] for r in rows if r["resource_arn_format"] != "*"]
                for resource in _as_list(statement["Resource"]):
                    if resource == "*":
                        if formats:
                            findings.append(f"{role}: {action} on * although it accepts {formats}")
                    elif formats and not any(_fits(resource, f) for f in formats):
                        findings.append(f"{role}: {action} cannot apply to {resource}")
    assert findings == []


def test_dependent_actions_are_granted_or_deliberately_omitted(estate):
    omitted = _deliberate_omissions()
    missing = []
    for role, statements in _statements(estate):
        granted = {a.lower() for s in statements for a in _as_list(s["Action"])}
        for action in sorted(granted):
            dependents = {d.lower() for row in _action_rows(action) for d in row.get("dependent_actions") or []}
            for dependent in sorted(dependents - granted - omitted.get(action, set())):
                missing.append(f"{role}: {action} needs {dependent}")
    assert missing == []


def test_omission_notes_name_real_dependent_actions():
    """A note that names something the reference does not list is stale, not deliberate."""
    stale = []
    for action, dependents in _deliberate_omissions().items():
        listed = {d.lower() for row in _action_rows(action) for d in row.get("dependent_actions") or []}
        stale += [f"{action}: {d}" for d in sorted(dependents - listed)]
    assert _deliberate_omissions(), "the Cases event association's omissions are written down"
    assert stale == []

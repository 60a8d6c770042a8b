"""The contact-flow templates rendered by Terraform itself, then checked action by action."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from devtools.terraform import terraform_env

REPO = Path(__file__).resolve().parents[3]
FLOWS = REPO / "modules" / "vanity_numbers" / "flows"
VANITY_ARN = "arn:aws:lambda:us-east-1:123456789012:function:t-vanity-numbers"
LOOKUP_ARN = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
NEXT_FLOW = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/contact-flow/f1"
PROMPTS = {
    "known_caller": "Hello",
    "welcome": "Welcome.",
    "no_vanity": "No words.",
    "vanity_failure": "Sorry.",
    "goodbye": "Goodbye.",
}
# Actions these flows may use, with the error types each must handle (flow language reference).
ERRORS = {
    "InvokeLambdaFunction": {"NoMatchingError"},
    "Compare": {"NoMatchingCondition"},
    "UpdateContactAttributes": {"NoMatchingError"},
    "MessageParticipant": {"NoMatchingError"},
    "TransferToFlow": {"NoMatchingError"},
    "DisconnectParticipant": set(),
}

pytestmark = pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")


def render(template: str, variables: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """``templatefile`` evaluated by ``terraform console`` (base64 so no HCL quoting gets in the way)."""
    expression = f"base64encode(templatefile({json.dumps(str(FLOWS / template))}, {json.dumps(variables)}))"
    result = subprocess.run(
        ["terraform", f"-chdir={tmp_path}", "console"],
        input=expression + "\n",
        text=True,
        capture_output=True,
        env=terraform_env(),
        check=True,
        timeout=120,
    )
    return json.loads(base64.b64decode(json.loads(result.stdout.strip())))


def flow_problems(flow: dict[str, Any]) -> list[str]:
    """Everything wrong with a flow's structure: unknown targets, duplicate IDs, unhandled errors."""
    problems = []
    if flow.get("Version") != "2019-10-30":
        problems.append("Version must be 2019-10-30")
    actions = flow.get("Actions", [])
    ids = [action["Identifier"] for action in actions]
    if len(set(ids)) != len(ids):
        problems.append("duplicate action identifiers")
    if flow.get("StartAction") not in ids:
        problems.append(f"StartAction {flow.get('StartAction')!r} is not an action")
    for action in actions:
        name, transitions = action["Identifier"], action.get("Transitions", {})
        if action["Type"] not in ERRORS:
            problems.append(f"{name}: unexpected action type {action['Type']}")
            continue
        targets = [transitions.get("NextAction")] if "NextAction" in transitions else []
        targets += [c["NextAction"] for c in transitions.get("Conditions", [])]
        targets += [e["NextAction"] for e in transitions.get("Errors", [])]
        problems += [f"{name}: transition to unknown action {t!r}" for t in targets if t not in ids]
        handled = {e["ErrorType"] for e in transitions.get("Errors", [])}
        if ERRORS[action["Type"]] - handled:
            problems.append(f"{name}: unhandled errors {sorted(ERRORS[action['Type']] - handled)}")
        if action["Type"] != "DisconnectParticipant" and "NextAction" not in transitions:
            problems.append(f"{name}: no NextAction")
    return problems


def reachable(flow: dict[str, Any]) -> set[str]:
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    seen, todo = set(), [flow["StartAction"]]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        t = by_id[current].get("Transitions", {})
        todo += [x for x in [t.get("NextAction")] if x]
        todo += [c["NextAction"] for c in t.get("Conditions", []) + t.get("Errors", [])]
    return seen


def lambda_arns(flow: dict[str, Any]) -> list[str]:
    return [a["Parameters"]["LambdaFunctionARN"] for a in flow["Actions"] if a["Type"] == "InvokeLambdaFunction"]


def test_vanity_flow_invokes_the_function_speaks_its_ssml_and_handles_every_branch(tmp_path):
    flow = render("vanity.json.tftpl", {"function_arn": VANITY_ARN, "prompts": PROMPTS}, tmp_path)
    assert flow_problems(flow) == []
    assert lambda_arns(flow) == [VANITY_ARN]
    assert reachable(flow) == {a["Identifier"] for a in flow["Actions"]}
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    assert by_id["say-vanity"]["Parameters"] == {"SSML": "$.External.ssml"}
    assert by_id["invoke-vanity"]["Parameters"]["ResponseValidation"] == {"ResponseType": "STRING_MAP"}
    assert by_id["invoke-vanity"]["Transitions"]["Errors"][0]["NextAction"] == "say-failure"
    assert by_id["check-count"]["Parameters"] == {"ComparisonValue": "$.External.count"}


def test_greeting_flow_greets_a_known_caller_by_name_then_hands_over(tmp_path):
    variables = {"function_arn": LOOKUP_ARN, "name_attribute": "FirstName", "prompts": PROMPTS}
    flow = render("greeting.json.tftpl", {**variables, "next_flow_arn": NEXT_FLOW}, tmp_path)
    assert flow_problems(flow) == []
    assert lambda_arns(flow) == [LOOKUP_ARN]
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    assert by_id["greet-known-caller"]["Parameters"]["Text"] == "Hello $.External.FirstName. Welcome."
    assert by_id["to-vanity-flow"]["Parameters"] == {"ContactFlowId": NEXT_FLOW}
    assert "to-vanity-flow" in reachable(flow)


def test_greeting_flow_without_vanity_flow_says_goodbye(tmp_path):
    variables = {"function_arn": LOOKUP_ARN, "name_attribute": "Name", "prompts": PROMPTS, "next_flow_arn": None}
    flow = render("greeting.json.tftpl", variables, tmp_path)
    assert flow_problems(flow) == []
    assert "to-vanity-flow" not in {a["Identifier"] for a in flow["Actions"]}
    assert reachable(flow) == {a["Identifier"] for a in flow["Actions"]}


def test_the_checker_finds_a_dangling_transition_and_an_unhandled_error():
    flow = {
        "Version": "2019-10-30",
        "StartAction": "a",
        "Actions": [
            {"Identifier": "a", "Type": "InvokeLambdaFunction", "Parameters": {}, "Transitions": {"NextAction": "zz"}},
        ],
    }
    assert flow_problems(flow) == ["a: transition to unknown action 'zz'", "a: unhandled errors ['NoMatchingError']"]

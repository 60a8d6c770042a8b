"""The contact-flow templates rendered by Terraform itself, then checked action by action."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.unit.vanity.flow_support import render

VANITY_ARN = "arn:aws:lambda:us-east-1:123456789012:function:t-vanity-numbers"
LOOKUP_ARN = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
NEXT_FLOW = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/contact-flow/f1"
PROMPTS = {
    "known_caller": "Hello",
    "welcome": "Welcome.",
    "introduction": "Your number spells:",
    "more_introduction": "More:",
    "option": "Choice",
    "spelled": "that is",
    "menu": "Press 1, 2 or 3.",
    "no_more": "No more.",
    "no_vanity": "No words.",
    "no_number": "No number.",
    "withheld_number": "Withheld.",
    "vanity_failure": "Sorry.",
    "goodbye": "Goodbye.",
}
# Actions these flows may use, with the error types each must handle (flow language reference).
ERRORS = {
    "InvokeLambdaFunction": {"NoMatchingError"},
    "Compare": {"NoMatchingCondition"},
    "UpdateContactAttributes": {"NoMatchingError"},
    "MessageParticipant": {"NoMatchingError"},
    "GetParticipantInput": {"InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"},
    "TransferToFlow": {"NoMatchingError"},
    "UpdateFlowLoggingBehavior": set(),
    "DisconnectParticipant": set(),
}
# The parameters each action takes (required, optional) and the condition operators it accepts,
# from the action pages of the flow language reference.
PROMPT_SOURCES = {"Text", "SSML", "PromptId", "Media"}
PARAMETERS: dict[str, tuple[set[str], set[str]]] = {
    "InvokeLambdaFunction": (
        {"LambdaFunctionARN"},
        {"InvocationTimeLimitSeconds", "LambdaInvocationAttributes", "ResponseValidation", "InvocationType"},
    ),
    "Compare": ({"ComparisonValue"}, set()),
    "UpdateContactAttributes": ({"Attributes"}, {"TargetContact"}),
    "MessageParticipant": (set(), PROMPT_SOURCES),
    "GetParticipantInput": (
        {"InputTimeLimitSeconds"},
        PROMPT_SOURCES | {"StoreInput", "InputValidation", "InputEncryption", "DTMFConfiguration"},
    ),
    "TransferToFlow": ({"ContactFlowId"}, set()),
    "UpdateFlowLoggingBehavior": ({"FlowLoggingBehavior"}, set()),
    "DisconnectParticipant": (set(), set()),
}
OPERATORS = {
    "Compare": {
        "Equals",
        "NumberGreaterThan",
        "NumberGreaterOrEqualTo",
        "NumberLessThan",
        "NumberLessOrEqualTo",
        "TextContains",
        "TextStartsWith",
        "TextEndsWith",
    },
    "GetParticipantInput": {"Equals"},
}

pytestmark = pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")


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
        problems += parameter_problems(action)
    return problems


def parameter_problems(action: dict[str, Any]) -> list[str]:
    """Parameters and condition operators an action of its type does not take, or lacks."""
    name, kind, parameters = action["Identifier"], action["Type"], action.get("Parameters", {})
    required, optional = PARAMETERS[kind]
    problems = [f"{name}: missing parameter {p}" for p in sorted(required - set(parameters))]
    problems += [f"{name}: unknown parameter {p}" for p in sorted(set(parameters) - required - optional)]
    if kind in {"MessageParticipant", "GetParticipantInput"} and len(PROMPT_SOURCES & set(parameters)) != 1:
        problems.append(f"{name}: needs exactly one of {sorted(PROMPT_SOURCES)}")
    for condition in action.get("Transitions", {}).get("Conditions", []):
        operator = condition["Condition"]["Operator"]
        if operator not in OPERATORS.get(kind, set()):
            problems.append(f"{name}: operator {operator} is not allowed in {kind}")
    if kind == "GetParticipantInput":
        problems += participant_input_problems(name, parameters, action.get("Transitions", {}))
    if kind == "InvokeLambdaFunction":
        attributes = parameters.get("LambdaInvocationAttributes", {})
        if not all(isinstance(v, str) for v in attributes.values()):
            problems.append(f"{name}: invocation attributes must be strings")
    if kind == "UpdateFlowLoggingBehavior" and parameters.get("FlowLoggingBehavior") not in {"Enabled", "Disabled"}:
        problems.append(f"{name}: FlowLoggingBehavior must be Enabled or Disabled")
    return problems


def participant_input_problems(name: str, parameters: dict[str, Any], transitions: dict[str, Any]) -> list[str]:
    """GetParticipantInput's value rules (Flow language reference): InputTimeLimitSeconds a static integer
    above zero, StoreInput "True" or "False", and conditions only without stored input, each operand one
    key of the keypad."""
    problems = []
    limit = parameters.get("InputTimeLimitSeconds")
    if not (isinstance(limit, str) and limit.isdigit() and int(limit) > 0):
        problems.append(f"{name}: InputTimeLimitSeconds must be a static integer above zero")
    if parameters.get("StoreInput", "False") not in {"True", "False"}:
        problems.append(f"{name}: StoreInput must be True or False")
    conditions = transitions.get("Conditions", [])
    if conditions and parameters.get("StoreInput") == "True":
        problems.append(f"{name}: conditions need StoreInput False")
    for condition in conditions:
        operands = condition["Condition"].get("Operands", [])
        if len(operands) != 1 or operands[0] not in set("0123456789*#"):
            problems.append(f"{name}: operands must be one keypad key, not {operands}")
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


def test_vanity_flow_is_valid_flow_language_logs_and_passes_every_sentence_to_the_function(tmp_path):
    flow = render("vanity.json.tftpl", {"function_arn": VANITY_ARN, "prompts": PROMPTS, "flow_logging": True}, tmp_path)
    assert flow_problems(flow) == []
    assert lambda_arns(flow) == [VANITY_ARN]
    assert reachable(flow) == {a["Identifier"] for a in flow["Actions"]}
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    assert flow["StartAction"] == "enable-logging"
    assert by_id["enable-logging"]["Parameters"] == {"FlowLoggingBehavior": "Enabled"}
    invoke = by_id["invoke-vanity"]["Parameters"]
    assert invoke["ResponseValidation"] == {"ResponseType": "STRING_MAP"}
    assert invoke["LambdaInvocationAttributes"] == {
        "introduction": "Your number spells:",
        "moreIntroduction": "More:",
        "option": "Choice",
        "spelled": "that is",
        "noVanity": "No words.",
    }
    assert by_id["keep-vanity"]["Parameters"]["Attributes"] == {
        "vanity1": "$.External.vanity1",
        "vanity2": "$.External.vanity2",
        "vanity3": "$.External.vanity3",
        "vanityCount": "$.External.count",
    }


def test_vanity_flow_without_logging_starts_at_the_invocation(tmp_path):
    flow = render(
        "vanity.json.tftpl", {"function_arn": VANITY_ARN, "prompts": PROMPTS, "flow_logging": False}, tmp_path
    )
    assert flow_problems(flow) == []
    assert flow["StartAction"] == "invoke-vanity"
    assert "UpdateFlowLoggingBehavior" not in {a["Type"] for a in flow["Actions"]}


def test_greeting_flow_greets_a_known_caller_by_name_then_hands_over(tmp_path):
    variables = {"function_arn": LOOKUP_ARN, "name_attribute": "FirstName", "prompts": PROMPTS, "flow_logging": True}
    flow = render("greeting.json.tftpl", {**variables, "next_flow_arn": NEXT_FLOW}, tmp_path)
    assert flow_problems(flow) == []
    assert flow["StartAction"] == "enable-logging"
    assert lambda_arns(flow) == [LOOKUP_ARN]
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    assert by_id["greet-known-caller"]["Parameters"]["Text"] == "Hello $.External.FirstName. Welcome."
    assert by_id["to-vanity-flow"]["Parameters"] == {"ContactFlowId": NEXT_FLOW}
    assert "to-vanity-flow" in reachable(flow)


def test_greeting_flow_without_vanity_flow_says_goodbye(tmp_path):
    variables = {
        "function_arn": LOOKUP_ARN,
        "name_attribute": "Name",
        "prompts": PROMPTS,
        "next_flow_arn": None,
        "flow_logging": False,
    }
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
    assert flow_problems(flow) == [
        "a: transition to unknown action 'zz'",
        "a: unhandled errors ['NoMatchingError']",
        "a: missing parameter LambdaFunctionARN",
    ]


def test_the_checker_finds_unknown_parameters_operators_and_two_prompt_sources():
    action = {
        "Identifier": "m",
        "Type": "GetParticipantInput",
        "Parameters": {"Text": "hi", "SSML": "<speak/>", "InputTimeLimitSeconds": "5", "Colour": "red"},
        "Transitions": {
            "Conditions": [{"NextAction": "m", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["1"]}}]
        },
    }
    assert parameter_problems(action) == [
        "m: unknown parameter Colour",
        "m: needs exactly one of ['Media', 'PromptId', 'SSML', 'Text']",
        "m: operator NumberGreaterThan is not allowed in GetParticipantInput",
    ]


def test_the_checker_holds_participant_input_to_the_reference_values():
    action = {
        "Identifier": "m",
        "Type": "GetParticipantInput",
        "Parameters": {"Text": "hi", "InputTimeLimitSeconds": 6, "StoreInput": "True"},
        "Transitions": {"Conditions": [{"NextAction": "m", "Condition": {"Operator": "Equals", "Operands": ["12"]}}]},
    }
    assert parameter_problems(action) == [
        "m: InputTimeLimitSeconds must be a static integer above zero",
        "m: conditions need StoreInput False",
        "m: operands must be one keypad key, not ['12']",
    ]

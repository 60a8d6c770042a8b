"""Rendering the module's flow templates with Terraform itself, and running a rendered flow.

``run_flow`` walks a flow the way Connect runs one, for the actions these flows use: an
``InvokeLambdaFunction`` answers what the test hands it (the real handler's reply) or fails, a
``Compare`` tries its conditions in order and takes its ``NoMatchingCondition`` branch when none holds,
a ``GetParticipantInput`` takes the caller's next key press (none left is a timeout). It records what
the caller hears and the contact attributes the flow sets, so a test asserts the outcome of a branch.
"""

from __future__ import annotations

import base64
import json
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools.terraform import terraform_env

REPO = Path(__file__).resolve().parents[3]
FLOWS = REPO / "modules" / "vanity_numbers" / "flows"
MAX_STEPS = 200


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


class LambdaFailed(Exception):
    """The function invocation failed (timeout, throttle, an exception in the function)."""


@dataclass
class FlowRun:
    path: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    invocations: list[dict[str, str]] = field(default_factory=list)
    logging: bool = False


def _value(reference: Any, external: Mapping[str, str]) -> str | None:
    if isinstance(reference, str) and reference.startswith("$.External."):
        return external.get(reference.removeprefix("$.External."))
    return reference


def _holds(operator: str, operand: str, value: str | None) -> bool:
    if value is None or value == "":
        return False
    if operator == "Equals":
        return value == operand
    if operator == "NumberGreaterThan":
        try:
            return float(value) > float(operand)
        except ValueError:
            return False
    raise AssertionError(f"operator {operator} not simulated")


def _error_target(action: dict[str, Any], error: str) -> str:
    return next(e["NextAction"] for e in action["Transitions"]["Errors"] if e["ErrorType"] == error)


def run_flow(
    flow: dict[str, Any],
    invoke: Callable[[dict[str, str]], Mapping[str, str]],
    keys: Iterable[str] = (),
) -> FlowRun:
    """Run ``flow`` to its disconnect; ``invoke`` gets the invocation attributes and answers or raises."""
    by_id = {a["Identifier"]: a for a in flow["Actions"]}
    presses = list(keys)
    run = FlowRun()
    external: Mapping[str, str] = {}
    current: str | None = flow["StartAction"]
    while current is not None:
        assert len(run.path) < MAX_STEPS, f"flow does not end: {run.path[-10:]}"
        action = by_id[current]
        run.path.append(current)
        kind, parameters, transitions = action["Type"], action["Parameters"], action["Transitions"]
        following = transitions.get("NextAction")
        if kind == "UpdateFlowLoggingBehavior":
            run.logging = parameters["FlowLoggingBehavior"] == "Enabled"
        elif kind == "InvokeLambdaFunction":
            attributes = dict(parameters.get("LambdaInvocationAttributes", {}))
            run.invocations.append(attributes)
            try:
                external = invoke(attributes)
            except LambdaFailed:
                following = _error_target(action, "NoMatchingError")
        elif kind == "Compare":
            value = _value(parameters["ComparisonValue"], external)
            matched = [
                c["NextAction"]
                for c in transitions.get("Conditions", [])
                if _holds(c["Condition"]["Operator"], c["Condition"]["Operands"][0], value)
            ]
            following = matched[0] if matched else _error_target(action, "NoMatchingCondition")
        elif kind == "UpdateContactAttributes":
            values = {k: _value(v, external) for k, v in parameters["Attributes"].items()}
            if any(v is None for v in values.values()):
                following = _error_target(action, "NoMatchingError")
            else:
                run.attributes.update({k: str(v) for k, v in values.items()})
        elif kind == "MessageParticipant":
            run.heard.append(str(_value(parameters.get("SSML", parameters.get("Text")), external)))
        elif kind == "GetParticipantInput":
            run.heard.append(str(_value(parameters.get("SSML", parameters.get("Text")), external)))
            if not presses:
                following = _error_target(action, "InputTimeLimitExceeded")
            else:
                key = presses.pop(0)
                matched = [
                    c["NextAction"]
                    for c in transitions.get("Conditions", [])
                    if _holds(c["Condition"]["Operator"], c["Condition"]["Operands"][0], key)
                ]
                following = matched[0] if matched else _error_target(action, "NoMatchingCondition")
        elif kind == "DisconnectParticipant":
            following = None
        else:
            raise AssertionError(f"action type {kind} not simulated")
        current = following
    assert not presses, f"keys never read: {presses}"
    return run

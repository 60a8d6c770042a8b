"""Reading a guide's answers out of every shape Connect and the AWS samples pass them in.

A flow can hand the Lambda ``$.Views.ViewResultData`` (an object), the same as a JSON string, the whole
``$.Views`` object (``Action`` plus ``ViewResultData``, the latter usually a JSON *string*), and the
AWS-managed Form view wraps its fields in ``FormData``. Whatever arrives, the result is a flat mapping of
answer key to a scalar, or an error that keeps the raw input so nothing is lost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from connect_data.common.dynamo import storable_number
from connect_data.common.flow import FlowEvent, flat_string

# Parameter names a flow may use: ours, and the one the AWS step-by-step-guide samples use.
VIEW_DATA_PARAMETERS = ("viewResultData", "ViewResultData", "dataFromViews", "views")
VIEW_ACTION_PARAMETERS = ("viewAction", "ViewAction")
# Raw input kept on a parse error; DynamoDB items stop at 400 KB.
MAX_RAW_CHARS = 64_000
MULTI_SELECT_SEPARATOR = ", "

Answer = str | Decimal | bool


class ViewDataError:
    """Error codes the flow branches on (``$.External.error``); listed in modules/view_data/README.md."""

    NOT_A_FLOW_EVENT = "NOT_A_FLOW_EVENT"
    NO_VIEW_DATA = "NO_VIEW_DATA"
    INVALID_VIEW_DATA = "INVALID_VIEW_DATA"
    ENRICHMENT_FAILED = "ENRICHMENT_FAILED"
    WRITE_FAILED = "WRITE_FAILED"
    INTERNAL = "INTERNAL"


@dataclass(frozen=True)
class Submission:
    """One guide's answers as read from the event."""

    answers: dict[str, Answer] = field(default_factory=dict)
    action: str | None = None
    error: str | None = None
    raw: str | None = None


def _is_index_map(value: Mapping[str, Any]) -> bool:
    return bool(value) and all(isinstance(k, str) and k.isdigit() for k in value)


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    return flat_string(value)


def answer_value(value: Any) -> Answer:
    """One answer as a scalar: multi-selects joined in index order, numbers exact, the rest as text.

    ``{"0": "A", "1": "B"}`` and ``["A", "B"]`` both become ``"A, B"``; ``{"10": ..}`` sorts after ``{"9": ..}``.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return storable_number(value)  # the one rule: a number, or its documented text
    if isinstance(value, Mapping) and _is_index_map(value):
        ordered = [value[k] for k in sorted(value, key=int)]
        return MULTI_SELECT_SEPARATOR.join(_scalar_text(v) for v in ordered)
    if isinstance(value, (list, tuple)):
        return MULTI_SELECT_SEPARATOR.join(_scalar_text(v) for v in value)
    return _scalar_text(value)


def answer_text(value: Answer) -> str:
    """The string a contact attribute holds for a stored answer."""
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    return flat_string(value)


def _decode(value: Any) -> Any:
    """A JSON string decoded; anything else as it is. Raises ValueError for a string that is not JSON."""
    if isinstance(value, (str, bytes)):
        text = value.decode() if isinstance(value, bytes) else value
        return json.loads(text)
    return value


def _unwrap(value: Any) -> tuple[Any, str | None]:
    """Peel ``$.Views`` (Action + ViewResultData) and ``FormData`` wrappers, decoding JSON strings."""
    action = None
    for _ in range(4):  # the wrappers nest at most a few levels; a bound keeps hostile input cheap
        value = _decode(value)
        if not isinstance(value, Mapping):
            return value, action
        # The documentation describes a view's result as Action + Output; flows expose it as $.Views.
        for inner in ("ViewResultData", "Output"):
            if inner in value and set(value) <= {inner, "Action", "ViewAction"}:
                action = action or _optional_text(value.get("Action") or value.get("ViewAction"))
                value = value[inner]
                break
        else:
            inner = ""
        if inner:
            continue
        if "FormData" in value and len(value) == 1:
            value = value["FormData"]
            continue
        return value, action
    return value, action


def _optional_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = flat_string(value)
    return text or None


def _raw_text(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, sort_keys=True)
    return text[:MAX_RAW_CHARS]


def _answer_key(key: Any) -> str:
    # DynamoDB map keys cannot be empty; a nameless field still keeps its answer.
    return str(key) or "_"


def read_answers(raw_value: Any, action: str | None = None) -> Submission:
    """The answers in ``raw_value`` (any shape above), or a Submission with ``error`` and ``raw`` set."""
    if raw_value is None:
        return Submission(action=action, error=ViewDataError.NO_VIEW_DATA)
    try:
        value, wrapped_action = _unwrap(raw_value)
    except (ValueError, TypeError, RecursionError):
        return Submission(action=action, error=ViewDataError.INVALID_VIEW_DATA, raw=_raw_text(raw_value))
    action = action or wrapped_action
    if not isinstance(value, Mapping):
        return Submission(action=action, error=ViewDataError.INVALID_VIEW_DATA, raw=_raw_text(raw_value))
    try:
        answers = {_answer_key(k): answer_value(v) for k, v in value.items()}
    except (ValueError, TypeError, RecursionError):
        return Submission(action=action, error=ViewDataError.INVALID_VIEW_DATA, raw=_raw_text(raw_value))
    return Submission(answers=answers, action=action)


def submission_from_event(event: FlowEvent) -> Submission:
    """The guide's answers and action from the flow event's parameters."""
    raw_value = next((event.parameters[name] for name in VIEW_DATA_PARAMETERS if name in event.parameters), None)
    action = next((event.parameter(name) for name in VIEW_ACTION_PARAMETERS if event.parameter(name)), None)
    return read_answers(raw_value, action)

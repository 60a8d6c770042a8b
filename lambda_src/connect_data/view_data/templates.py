"""Finding the questions a View asks: in its template, and in the Show view blocks of flows.

A question is a component with its own ``Name`` (the key its answer arrives under) and a ``Label``
(the text the agent reads). Option labels of radio buttons and checkboxes have a ``Label`` but no
``Name``, headers neither: neither is a question. AWS-managed views (the Form view) have no template of
ours; the questions are in the ``ViewData`` a flow's Show view block passes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

# Templates nest a few levels; a bound keeps a hostile or broken template from recursing forever.
MAX_DEPTH = 64


def _decoded(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def walk_questions(node: Any, fallback_label: str | None = None, depth: int = 0) -> Iterator[tuple[str, str]]:
    """``(Name, Label)`` of every named component under ``node``, in document order.

    A named component without a label of its own takes ``fallback_label`` (a form's SubHeading or
    Heading), else its name, so an answer key always has some question text.
    """
    if depth > MAX_DEPTH:
        return
    if isinstance(node, Mapping):
        fallback_label = _text(node.get("SubHeading")) or _text(node.get("Heading")) or fallback_label
        name = _text(node.get("Name"))
        if name is not None and ("Label" in node or "Type" in node or "InputType" in node):
            yield name, _text(node.get("Label")) or fallback_label or name
        for key, value in node.items():
            if key in ("Options", "AttributeBar"):
                continue  # option labels and read-only attributes are not questions
            yield from walk_questions(value, fallback_label, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from walk_questions(value, fallback_label, depth + 1)


def template_questions(template: Any) -> dict[str, str]:
    """The questions of one View template (``View.Content.Template``, a JSON string or an object)."""
    questions: dict[str, str] = {}
    for name, label in walk_questions(_decoded(template)):
        questions.setdefault(name, label)
    return questions


def _is_aws_managed(view_id: Any) -> bool:
    """``form`` or an ``...:aws:view/...`` ARN; a customer view's ARN has the instance in it."""
    return isinstance(view_id, str) and ":instance/" not in view_id


def flow_questions(content: Any) -> dict[str, str]:
    """Questions the Show view blocks of one flow (``ContactFlow.Content``) define for AWS-managed views."""
    flow = _decoded(content)
    actions = flow.get("Actions") if isinstance(flow, Mapping) else flow
    questions: dict[str, str] = {}
    for action in actions if isinstance(actions, list) else []:
        if not isinstance(action, Mapping) or action.get("Type") != "ShowView":
            continue
        parameters = action.get("Parameters") or {}
        if not isinstance(parameters, Mapping):
            continue
        view = parameters.get("ViewResource") or {}
        if not isinstance(view, Mapping) or not _is_aws_managed(view.get("Id")):
            continue
        for name, label in walk_questions(_decoded(parameters.get("ViewData"))):
            questions.setdefault(name, label)
    return questions

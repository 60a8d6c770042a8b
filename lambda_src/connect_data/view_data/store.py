"""Writing one guide submission into the view data table, merging with earlier guides of the contact.

Answers and question texts live in the ``Answers`` and ``Questions`` maps, so an answer named
``InitialContactId`` or ``ExpiresAt`` cannot overwrite the item's own attributes. The first guide of a
contact creates the maps in one conditional update; a later guide finds them there and adds its keys
by path, so it never erases the first guide's answers. Either way one call in the common case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import serialize

# UpdateExpression is limited to 4 KB: a later guide's answers are added in chunks of this many keys.
PATHS_PER_UPDATE = 50


@dataclass(frozen=True)
class StoredSubmission:
    """Everything one submission writes."""

    key_attribute: str
    key_value: str
    fields: dict[str, Any]
    """Top-level attributes (enrichment, TTL, flags); ``None`` values are skipped."""
    answers: dict[str, Any]
    questions: dict[str, str]
    guide: dict[str, Any]
    """The guide contact's own IDs and action, kept under ``Guides.<ContactId>``."""
    guide_contact_id: str
    created_at: str


class _Expression:
    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self.sets: list[str] = []

    def name(self, name: str) -> str:
        placeholder = f"#n{len(self.names)}"
        self.names[placeholder] = name
        return placeholder

    def value(self, value: Any) -> str:
        placeholder = f":v{len(self.values)}"
        self.values[placeholder] = serialize(value)
        return placeholder

    def set(self, path: str, value: Any) -> None:
        self.sets.append(f"{path} = {self.value(value)}")

    def kwargs(self) -> dict[str, Any]:
        return {
            "UpdateExpression": "SET " + ", ".join(self.sets),
            "ExpressionAttributeNames": self.names,
            "ExpressionAttributeValues": self.values,
        }


def _top_level(expression: _Expression, submission: StoredSubmission) -> None:
    for name, value in submission.fields.items():
        if value is None or name in (submission.key_attribute, "Answers", "Questions", "Guides", "CreatedAt"):
            continue
        expression.set(expression.name(name), value)
    created = expression.name("CreatedAt")
    expression.sets.append(f"{created} = if_not_exists({created}, {expression.value(submission.created_at)})")


def write_submission(dynamodb: Any, table_name: str, submission: StoredSubmission) -> int:
    """Store the submission; answers the number of DynamoDB calls made."""
    key = {submission.key_attribute: {"S": submission.key_value}}
    first = _Expression()
    _top_level(first, submission)
    first.set(first.name("Answers"), submission.answers)
    first.set(first.name("Questions"), submission.questions)
    first.set(first.name("Guides"), {submission.guide_contact_id: submission.guide})
    calls = 1
    try:
        dynamodb.update_item(
            TableName=table_name, Key=key, ConditionExpression="attribute_not_exists(Answers)", **first.kwargs()
        )
        return calls
    except dynamodb.exceptions.ConditionalCheckFailedException:
        pass
    # A guide already stored answers for this contact: add ours beside them, path by path.
    paths: list[tuple[str, str, Any]] = [("Answers", k, v) for k, v in submission.answers.items()]
    paths += [("Questions", k, v) for k, v in submission.questions.items()]
    paths.append(("Guides", submission.guide_contact_id, submission.guide))
    for start in range(0, len(paths), PATHS_PER_UPDATE):
        later = _Expression()
        if start == 0:
            _top_level(later, submission)
        for map_name, entry, value in paths[start : start + PATHS_PER_UPDATE]:
            later.set(f"{later.name(map_name)}.{later.name(entry)}", value)
        dynamodb.update_item(
            TableName=table_name, Key=key, ConditionExpression="attribute_exists(Answers)", **later.kwargs()
        )
        calls += 1
    return calls

"""Question texts for answer keys, read from the questions table once per refresh interval."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

QUESTION_SUFFIX = "_Question"


def read_all_questions(dynamodb: Any, table_name: str) -> dict[str, str]:
    """Every ``Name`` -> ``Label`` of the questions table (one Scan page for any realistic guide set)."""
    questions: dict[str, str] = {}
    kwargs: dict[str, Any] = {
        "TableName": table_name,
        "ProjectionExpression": "#n, #l",
        "ExpressionAttributeNames": {"#n": "Name", "#l": "Label"},
    }
    while True:
        page = dynamodb.scan(**kwargs)
        for item in page.get("Items", []):
            name = item.get("Name", {}).get("S")
            label = item.get("Label", {}).get("S")
            if name and label is not None:
                questions[name] = label
        if "LastEvaluatedKey" not in page:
            return questions
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


@dataclass
class QuestionCache:
    """The whole questions table, kept for ``refresh_seconds``: never one read per answer key."""

    table_name: str
    refresh_seconds: float = 300
    clock: Callable[[], float] = time.monotonic
    reads: int = 0
    """Scans made so far, for call accounting."""
    _questions: dict[str, str] = field(default_factory=dict)
    _loaded_at: float | None = None

    def questions(self, dynamodb: Any) -> dict[str, str]:
        """The cached texts, re-read when stale; a failed re-read keeps serving the last good copy."""
        now = self.clock()
        if self._loaded_at is None or now - self._loaded_at > self.refresh_seconds:
            self.reads += 1
            self._questions = read_all_questions(dynamodb, self.table_name)
            self._loaded_at = now
        return self._questions

    def keep_stale(self) -> dict[str, str]:
        """After a failed refresh: the last copy, and no new attempt before the next interval."""
        self._loaded_at = self.clock()
        return self._questions


def question_texts(answer_keys: list[str], questions: dict[str, str]) -> dict[str, str]:
    """``<Key>_Question`` -> text for every answer key the questions table knows."""
    return {f"{key}{QUESTION_SUFFIX}": questions[key] for key in answer_keys if key in questions}

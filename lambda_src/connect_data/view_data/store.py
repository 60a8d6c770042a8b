"""Writing one guide submission into the view data table, merging with the contact's other submissions.

Answers and question texts live in the ``Answers`` and ``Questions`` maps, so an answer named
``InitialContactId`` or ``ExpiresAt`` cannot overwrite the item's own attributes.

Every submission has a version: its submission instant in epoch milliseconds, zero-padded, then ``#`` and
the guide's contact ID as the tie-break (:func:`submission_version`), so versions order as text and never
by arrival. The stored item is the same whatever order and repetition the submissions arrive in
(docs/DELIVERY_CONTRACT.md):

- ``Submissions`` (a string set) holds the version of every submission merged; one already there is a
  duplicate and writes nothing.
- Each top-level attribute keeps the value of the newest submission that carried it. The newest version
  is the largest in ``Submissions``; an attribute last written by an older one is listed in
  ``FieldVersions`` (absent while every attribute comes from the newest, the common case).
- An answer keeps the newest submission's value for its key: each ``Guides.<ContactId>`` entry records its
  ``Version`` and ``AnswerKeys``, so an older guide arriving late adds only the keys no newer guide answered.
- ``CreatedAt`` is the oldest submission's.

The first submission of a contact creates the item in one conditional update. A later one fails that
condition, reads the stored item from the failure (``ReturnValuesOnConditionCheckFailure``, no extra
call), merges in memory and writes only what changes, on the condition that ``Submissions`` still has the
size it read (another writer in between makes it merge again). Two calls for a later guide, one for the
first guide or a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connect_data.common.dynamo import serialize
from connect_data.view_data.questions import QUESTION_SUFFIX

# UpdateExpression is limited to 4 KB: a long merge is written in chunks of this many paths.
PATHS_PER_UPDATE = 50
# Merges retried when another writer changed the item between the read and the write.
MERGE_ATTEMPTS = 5
SUBMISSIONS, FIELD_VERSIONS = "Submissions", "FieldVersions"
MAPS = ("Answers", "Questions", "Guides")
OWN_ATTRIBUTES = frozenset({*MAPS, "CreatedAt", SUBMISSIONS, FIELD_VERSIONS})
# Items written before versions existed count as older than any versioned submission.
UNVERSIONED = ""
VERSION_MS_DIGITS = 15


def submission_version(submitted_ms: int, tie_break: str) -> str:
    """Orders as text like (instant, tie_break): ``001772971200000#<guide contact ID>``."""
    return f"{submitted_ms:0{VERSION_MS_DIGITS}d}#{tie_break}"


@dataclass(frozen=True)
class StoredSubmission:
    """Everything one submission writes."""

    key_attribute: str
    key_value: str
    fields: dict[str, Any]
    """Top-level attributes (enrichment, TTL, flags); ``None`` values are not carried."""
    answers: dict[str, Any]
    questions: dict[str, str]
    guide: dict[str, Any]
    """The guide contact's own IDs and action, kept under ``Guides.<ContactId>``."""
    guide_contact_id: str
    created_at: str
    version: str
    """:func:`submission_version` of the submission instant and the guide contact ID."""

    def carried(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in self.fields.items()
            if v is not None and k != self.key_attribute and k not in OWN_ATTRIBUTES
        }

    def guide_entry(self) -> dict[str, Any]:
        return {**self.guide, "Version": self.version}


class _Expression:
    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self.sets: list[str] = []
        self.removes: list[str] = []
        self.adds: list[str] = []

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
        clauses = [
            f"{verb} {', '.join(parts)}"
            for verb, parts in (("SET", self.sets), ("REMOVE", self.removes), ("ADD", self.adds))
            if parts
        ]
        kwargs: dict[str, Any] = {"UpdateExpression": " ".join(clauses), "ExpressionAttributeNames": self.names}
        if self.values:
            kwargs["ExpressionAttributeValues"] = self.values
        return kwargs


def _add_version(expression: _Expression, version: str) -> None:
    placeholder = f":v{len(expression.values)}"
    expression.values[placeholder] = {"SS": [version]}
    expression.adds.append(f"{expression.name(SUBMISSIONS)} {placeholder}")


def _create(submission: StoredSubmission) -> _Expression:
    first = _Expression()
    for name, value in submission.carried().items():
        first.set(first.name(name), value)
    first.set(first.name("CreatedAt"), submission.created_at)
    first.set(first.name("Answers"), submission.answers)
    first.set(first.name("Questions"), submission.questions)
    first.set(first.name("Guides"), {submission.guide_contact_id: submission.guide_entry()})
    _add_version(first, submission.version)
    return first


@dataclass
class _Merge:
    """What one submission changes in a stored item (plain values, paths as (map, key) or (name,))."""

    sets: list[tuple[tuple[str, ...], Any]]
    removes: list[tuple[str, ...]]


def _text(value: Any) -> str:
    return value.get("S", UNVERSIONED) if isinstance(value, dict) else UNVERSIONED


def _answer_versions(guides: dict[str, Any]) -> dict[str, str]:
    """Answer key -> version of the newest stored guide that answered it."""
    newest: dict[str, str] = {}
    for entry in guides.values():
        body = entry.get("M", {})
        version = _text(body.get("Version"))
        for key in (k.get("S") for k in body.get("AnswerKeys", {}).get("L", [])):
            if key is not None and version >= newest.get(key, UNVERSIONED):
                newest[key] = version
    return newest


def _top_level_merge(submission: StoredSubmission, item: dict[str, Any], newest: str, merge: _Merge) -> None:
    ours = submission.version
    versions = {k: _text(v) for k, v in item.get(FIELD_VERSIONS, {}).get("M", {}).items()}
    stored = [k for k in item if k != submission.key_attribute and k not in OWN_ATTRIBUTES]
    written = dict(versions)
    carried = submission.carried()
    if ours > newest:
        # Our submission becomes the newest: what it does not carry keeps the version that wrote it.
        for name in stored:
            if name not in carried:
                written.setdefault(name, newest)
        for name, value in carried.items():
            merge.sets.append(((name,), value))
            written.pop(name, None)
    else:
        for name, value in carried.items():
            if name not in item or versions.get(name, newest) < ours:
                merge.sets.append(((name,), value))
                written[name] = ours
    if written != versions:
        if written:
            merge.sets.append(((FIELD_VERSIONS,), written))
        else:
            merge.removes.append((FIELD_VERSIONS,))


def _merge(submission: StoredSubmission, item: dict[str, Any]) -> _Merge | None:
    """The changes our submission makes to ``item``; ``None`` for a duplicate."""
    merged = item.get(SUBMISSIONS, {}).get("SS", [])
    if submission.version in merged:
        return None
    oldest = min(merged, default=UNVERSIONED)
    newest = max(merged, default=UNVERSIONED)
    merge = _Merge(sets=[], removes=[])
    _top_level_merge(submission, item, newest, merge)
    if (not merged and "CreatedAt" not in item) or (merged and submission.version < oldest):
        merge.sets.append((("CreatedAt",), submission.created_at))
    guides = item.get("Guides", {}).get("M", {})
    answered = _answer_versions(guides)
    questions = item.get("Questions", {}).get("M", {})
    for key, value in submission.answers.items():
        question = f"{key}{QUESTION_SUFFIX}"
        wins = answered.get(key, UNVERSIONED) < submission.version
        if wins:
            merge.sets.append((("Answers", key), value))
        text = submission.questions.get(question)
        if text is not None and (wins or question not in questions):
            merge.sets.append((("Questions", question), text))
    entry = guides.get(submission.guide_contact_id, {}).get("M", {})
    if _text(entry.get("Version")) < submission.version:
        merge.sets.append((("Guides", submission.guide_contact_id), submission.guide_entry()))
    return merge


def _merge_writes(submission: StoredSubmission, item: dict[str, Any], merge: _Merge) -> list[dict[str, Any]]:
    """Update requests for the merge, the version added by the last (a crash before it is redone)."""
    missing_maps = {name for name in MAPS if name not in item}
    chunks = [merge.sets[i : i + PATHS_PER_UPDATE] for i in range(0, len(merge.sets), PATHS_PER_UPDATE)] or [[]]
    size = len(item.get(SUBMISSIONS, {}).get("SS", []))
    requests = []
    for number, chunk in enumerate(chunks):
        expression = _Expression()
        for path, value in chunk:
            if len(path) == 2 and path[0] in missing_maps:
                expression.set(expression.name(path[0]), {path[1]: value})
                missing_maps.discard(path[0])  # later keys of the same map go by path
            else:
                expression.set(".".join(expression.name(p) for p in path), value)
        if number == 0:
            expression.removes.extend(".".join(expression.name(p) for p in path) for path in merge.removes)
        if number == len(chunks) - 1:
            _add_version(expression, submission.version)
        submissions = expression.name(SUBMISSIONS)
        if size:
            condition = f"size({submissions}) = {expression.value(size)}"
        else:
            condition = f"attribute_not_exists({submissions}) AND attribute_exists({expression.name('Answers')})"
        requests.append({"ConditionExpression": condition, **expression.kwargs()})
    return requests


def _requests(submission: StoredSubmission, item: dict[str, Any]) -> list[dict[str, Any]]:
    """The updates that bring ``item`` (as last read; empty before the first call) up to date."""
    if "Answers" not in item:
        return [{"ConditionExpression": "attribute_not_exists(Answers)", **_create(submission).kwargs()}]
    merge = _merge(submission, item)
    return [] if merge is None else _merge_writes(submission, item, merge)


def write_submission(dynamodb: Any, table_name: str, submission: StoredSubmission) -> int:
    """Store the submission; answers the number of DynamoDB calls made. Raises the last
    ``ConditionalCheckFailedException`` when other writers changed the item during every attempt."""
    key = {submission.key_attribute: {"S": submission.key_value}}
    conditional = dynamodb.exceptions.ConditionalCheckFailedException
    calls, attempts = 0, 0
    item: dict[str, Any] = {}
    while True:
        attempts += 1
        try:
            for request in _requests(submission, item):
                calls += 1
                dynamodb.update_item(
                    TableName=table_name, Key=key, ReturnValuesOnConditionCheckFailure="ALL_OLD", **request
                )
            return calls
        except conditional as err:
            if attempts == MERGE_ATTEMPTS:
                raise
            item = err.response.get("Item") or {}

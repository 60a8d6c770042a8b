"""The view-data write merges submissions by version, never by arrival (lambda_src/connect_data/view_data/store.py)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from connect_data.common.dynamo import from_item, to_item
from connect_data.view_data.store import StoredSubmission, submission_version, write_submission
from tests.unit.view_data.conftest import VIEW_TABLE, create_tables

T = 1772953140000


def submission(guide: str, ms: int, answers: dict[str, Any], **fields: Any) -> StoredSubmission:
    return StoredSubmission(
        key_attribute="InitialContactId",
        key_value="voice-1",
        fields={"ContactId": guide, "UpdatedAt": str(ms), **fields},
        answers=answers,
        questions={},
        guide={"ContactId": guide, "AnswerKeys": sorted(answers)},
        guide_contact_id=guide,
        created_at=f"created {ms}",
        version=submission_version(ms, guide),
    )


@pytest.fixture
def dynamodb(aws: None) -> Any:
    client = boto3.client("dynamodb")
    create_tables(client)
    return client


def item(dynamodb: Any) -> dict[str, Any]:
    found = dynamodb.get_item(TableName=VIEW_TABLE, Key={"InitialContactId": {"S": "voice-1"}}, ConsistentRead=True)
    return from_item(found["Item"])


def test_versions_order_by_instant_then_tie_break_as_text():
    assert submission_version(999, "b") < submission_version(1000, "a") < submission_version(1000, "b")


def test_an_older_submission_arriving_late_fills_gaps_and_changes_nothing_newer(dynamodb):
    newer = submission("guide-b", T + 500, {"reason": "new"}, ViewAction="Submit")
    older = submission("guide-a", T, {"reason": "old", "score": 3}, ViewAction="Back", QueueName="Support")
    assert write_submission(dynamodb, VIEW_TABLE, newer) == 1
    assert write_submission(dynamodb, VIEW_TABLE, older) == 2
    stored = item(dynamodb)
    assert stored["ContactId"] == "guide-b" and stored["ViewAction"] == "Submit" and stored["UpdatedAt"] == str(T + 500)
    assert stored["QueueName"] == "Support" and stored["FieldVersions"] == {"QueueName": older.version}
    assert stored["Answers"] == {"reason": "new", "score": 3}
    assert stored["CreatedAt"] == f"created {T}"
    assert sorted(stored["Submissions"]) == [older.version, newer.version]


def test_a_tie_on_the_instant_goes_to_the_larger_tie_break_in_either_order(dynamodb):
    first, second = submission("guide-a", T, {"reason": "a"}), submission("guide-b", T, {"reason": "b"})
    for one, other in ((first, second), (second, first)):
        dynamodb.delete_item(TableName=VIEW_TABLE, Key={"InitialContactId": {"S": "voice-1"}})
        write_submission(dynamodb, VIEW_TABLE, one)
        write_submission(dynamodb, VIEW_TABLE, other)
        assert item(dynamodb)["Answers"] == {"reason": "b"} and item(dynamodb)["ContactId"] == "guide-b"


def test_a_duplicate_costs_one_call_and_changes_nothing(dynamodb):
    first = submission("guide-a", T, {"reason": "a"})
    write_submission(dynamodb, VIEW_TABLE, first)
    before = item(dynamodb)
    assert write_submission(dynamodb, VIEW_TABLE, first) == 1
    assert item(dynamodb) == before


def test_an_item_written_before_versions_counts_as_older(dynamodb):
    legacy = {
        "InitialContactId": "voice-1",
        "ContactId": "guide-old",
        "QueueName": "Support",
        "CreatedAt": "created long ago",
        "Answers": {"reason": "legacy", "note": "kept"},
        "Questions": {},
        "Guides": {"guide-old": {"ContactId": "guide-old", "AnswerKeys": ["note", "reason"]}},
    }
    dynamodb.put_item(TableName=VIEW_TABLE, Item=to_item(legacy))
    new = submission("guide-new", T, {"reason": "new"})
    assert write_submission(dynamodb, VIEW_TABLE, new) == 2
    stored = item(dynamodb)
    assert stored["Answers"] == {"reason": "new", "note": "kept"} and stored["ContactId"] == "guide-new"
    assert stored["CreatedAt"] == "created long ago" and stored["Submissions"] == [new.version]
    assert stored["FieldVersions"] == {"QueueName": ""}


def test_a_merge_over_the_expression_limit_is_written_in_chunks(dynamodb):
    write_submission(dynamodb, VIEW_TABLE, submission("guide-a", T, {"first": 1}))
    many = submission("guide-b", T + 1, {f"key{i}": i for i in range(120)})
    assert write_submission(dynamodb, VIEW_TABLE, many) == 1 + 3
    stored = item(dynamodb)
    assert len(stored["Answers"]) == 121 and len(stored["Submissions"]) == 2

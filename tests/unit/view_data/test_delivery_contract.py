"""View-data writes hold the delivery contract (docs/DELIVERY_CONTRACT.md) for the whole stored item:
whatever order and repetition a contact's guide submissions arrive in, every attribute of the item (the
top-level ones, the Answers, Questions and Guides maps, CreatedAt, the merged versions) equals the
in-order result. Submission instants tie often (ties break on the guide's contact ID), guides answer the
same keys, carry different top-level attributes, and older submissions arrive after newer ones.
"""

from __future__ import annotations

from typing import Any

import boto3
from hypothesis import strategies as st

from connect_data.common.dynamo import from_item
from connect_data.common.timeutil import iso_utc
from connect_data.view_data.store import StoredSubmission, submission_version, write_submission
from tests.delivery_contract import SCENARIOS_RUN, ContractConsumer, check_delivery_contract, scenarios_planned
from tests.unit.view_data.conftest import VIEW_TABLE, create_tables

KEY = "InitialContactId"
QUESTIONS = ("reason", "score", "extras", "note", "amount", "InitialContactId")
VALUES = st.one_of(st.text("abc", min_size=1, max_size=3), st.sampled_from([0.1, 3, 10**40, True]))
# Few distinct instants, so submissions of one contact often share their millisecond.
SUBMITTED_MS = st.sampled_from([1772953140000, 1772953140500, 1772953141000])
OPTIONAL = st.none() | st.sampled_from(["x", "y"])


@st.composite
def submissions(draw: Any) -> list[StoredSubmission]:
    out = []
    for g in range(draw(st.integers(1, 5))):
        guide = f"guide-{g}"
        submitted = draw(SUBMITTED_MS)
        answers = {q: draw(VALUES) for q in draw(st.lists(st.sampled_from(QUESTIONS), unique=True, max_size=4))}
        texts = draw(st.lists(st.sampled_from(sorted(answers)), unique=True)) if answers else []
        out.append(
            StoredSubmission(
                key_attribute=KEY,
                key_value=draw(st.sampled_from(("voice-1", "voice-2"))),
                fields={
                    "Channel": "CHAT",
                    "AgentId": draw(OPTIONAL),
                    "QueueName": draw(OPTIONAL),
                    "ContactId": guide,
                    "UpdatedAt": iso_utc(submitted),
                    "ViewAction": draw(st.sampled_from(["Submit", "Back", None])),
                    "ExpiresAt": submitted // 1000 + 86400,
                    "EnrichmentErrors": draw(st.none() | st.just(["describe_contact:Deadline"])),
                    KEY: "never-stored-as-a-field",
                },
                answers=answers,
                questions={f"{q}_Question": f"What is {q}?" for q in texts},
                guide={"ContactId": guide, "SubmittedAt": iso_utc(submitted), "AnswerKeys": sorted(answers)},
                guide_contact_id=guide,
                created_at=iso_utc(submitted),
                version=submission_version(submitted, guide),
            )
        )
    return out


class ViewWorlds:
    def __init__(self) -> None:
        self.dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        self.made = False

    def new(self) -> Any:
        if self.made:
            self.dynamodb.delete_table(TableName=VIEW_TABLE)
            self.dynamodb.delete_table(TableName="view-questions")
        self.made = True
        create_tables(self.dynamodb)
        return self.dynamodb

    @staticmethod
    def deliver(dynamodb: Any, batch: list[StoredSubmission]) -> None:
        for submission in batch:
            write_submission(dynamodb, VIEW_TABLE, submission)


def _plain(name: str, value: dict[str, Any]) -> Any:
    # A string set comes back in no particular order: compare it sorted.
    return sorted(value["SS"]) if "SS" in value else from_item({name: value})[name]


def stored(dynamodb: Any) -> dict[str, dict[str, Any]]:
    """Every item, every attribute."""
    items = dynamodb.scan(TableName=VIEW_TABLE, ConsistentRead=True)["Items"]
    return {i[KEY]["S"]: {name: _plain(name, value) for name, value in i.items()} for i in items}


def test_view_data_writes_hold_the_delivery_contract(aws):
    worlds = ViewWorlds()
    before = SCENARIOS_RUN["view-data"]
    check_delivery_contract(
        ContractConsumer(
            name="view-data",
            events=submissions(),
            key=lambda s: f"{s.key_value}/{s.guide_contact_id}",
            new_world=worlds.new,
            deliver=worlds.deliver,
            read_state=stored,
        )
    )
    print(f"view-data: {SCENARIOS_RUN['view-data'] - before} delivery-contract scenarios")
    assert SCENARIOS_RUN["view-data"] - before == scenarios_planned()

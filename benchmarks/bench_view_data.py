"""View data: zip size, cold start against the floor, warm time against a moto server, and the AWS calls
of one warm invocation per scenario (Connect answered by a botocore Stubber on the real service model).

The Stubber's ``add_response`` for each invocation is inside the timed call (well under a millisecond).
The write path is measured on its own too: calls and write units (benchmarks/capacity.py) of one
contact's first guide, later guides, a duplicate and an older guide arriving last.
"""

from __future__ import annotations

import itertools
import logging
import os
from datetime import UTC, datetime
from typing import Any

from benchmarks.capacity import item_size, metered
from benchmarks.common import Context, cold_start, counted_calls, local_aws, warm, zip_size

VIEW_TABLE, QUESTIONS_TABLE = "bench-view-data", "bench-view-questions"
INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
AGENT_ID, QUEUE_ID = "33333333-0000-0000-0000-0000000a9e07", "44444444-0000-0000-0000-000000000001"
FORM = {"FormData": {"reason": "Billing", "extras": {"0": "Toll", "1": "Radio"}, "score": 4.5}}


def _event(contact_id: str, channel: str = "VOICE", related: str | None = None) -> dict[str, Any]:
    from devtools.sample_events import flow_event

    voice = channel == "VOICE"
    event = flow_event(
        contact_id=contact_id,
        channel=channel,
        caller="+14155550100" if voice else None,
        dialled="+18005550199" if voice else None,
        parameters={"viewResultData": FORM},
    )
    data = event["Details"]["ContactData"]
    data.update(RelatedContactId=related, InstanceARN=INSTANCE_ARN)
    if not voice:
        data["Queue"] = None
    return event


def _contact(contact_id: str, channel: str, *, agent: bool, previous: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Id": contact_id,
        "InitialContactId": contact_id,
        "Channel": channel,
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
        "QueueInfo": {"Id": QUEUE_ID, "EnqueueTimestamp": datetime(2026, 3, 29, 1, 0, tzinfo=UTC)},
    }
    if agent:
        body["AgentInfo"] = {"Id": AGENT_ID, "ConnectedToAgentTimestamp": datetime(2026, 3, 29, 1, 1, tzinfo=UTC)}
    if previous:
        body["PreviousContactId"] = previous
    return {"Contact": body}


USER = {"User": {"Id": AGENT_ID, "Username": "ana", "IdentityInfo": {"FirstName": "Ana", "LastName": "A"}}}
QUEUE = {"Queue": {"QueueId": QUEUE_ID, "Name": "Support"}}


def _scenarios() -> dict[str, tuple[int, Any]]:
    """label -> (call budget from the issue, one invocation's event and Connect answers for a number)."""

    def voice(n: int) -> tuple[dict, list]:
        return _event(f"v-{n}"), [("describe_contact", _contact(f"v-{n}", "VOICE", agent=True))]

    def voice_new_agent(n: int) -> tuple[dict, list]:
        event, answers = voice(n)
        return event, [*answers, ("describe_user", USER)]

    def chat_two_hops(n: int) -> tuple[dict, list]:
        answers = [
            ("describe_contact", _contact(f"t-{n}", "CHAT", agent=False, previous=f"cv-{n}")),
            ("describe_contact", _contact(f"cv-{n}", "VOICE", agent=True)),
            ("describe_user", USER),
            ("describe_queue", QUEUE),
        ]
        return _event(f"c-{n}", channel="CHAT", related=f"t-{n}"), answers

    return {
        "voice + agent (agent cached)": (3, voice),
        "voice + agent (agent not cached)": (3, voice_new_agent),
        "chat 2 hops from voice (nothing cached)": (5, chat_two_hops),
    }


def _tables(dynamodb: Any) -> None:
    for name, key in ((VIEW_TABLE, "InitialContactId"), (QUESTIONS_TABLE, "Name")):
        dynamodb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    for name, label in (("reason", "Why did they call?"), ("extras", "Extras"), ("score", "Score")):
        dynamodb.put_item(TableName=QUESTIONS_TABLE, Item={"Name": {"S": name}, "Label": {"S": label}})


def _stored_submission(guide: int, submitted_ms: int) -> Any:
    from connect_data.view_data.store import StoredSubmission, submission_version

    answers = {f"q{guide}_{i}": f"answer {i}" for i in range(3)}
    contact = f"guide-{guide}"
    return StoredSubmission(
        key_attribute="InitialContactId",
        key_value="write-path",
        fields={
            "Channel": "VOICE",
            "AgentId": AGENT_ID,
            "AgentUsername": "ana",
            "QueueName": "Support",
            "ContactId": contact,
            "UpdatedAt": str(submitted_ms),
            "ViewAction": "Submit",
            "ExpiresAt": submitted_ms // 1000 + 365 * 86400,
        },
        answers=answers,
        questions={f"{k}_Question": f"Question {k}?" for k in answers},
        guide={"ContactId": contact, "Channel": "CHAT", "ViewAction": "Submit", "AnswerKeys": sorted(answers)},
        guide_contact_id=contact,
        created_at=str(submitted_ms),
        version=submission_version(submitted_ms, contact),
    )


def write_path_rows(dynamodb: Any) -> list[dict]:
    """Calls and write units of each step of one contact's submissions, through ``write_submission``."""
    from connect_data.view_data.store import write_submission

    t = 1774746000000
    steps = [
        ("1st guide", _stored_submission(0, t)),
        ("2nd guide (newer)", _stored_submission(1, t + 60_000)),
        ("3rd guide (newer)", _stored_submission(2, t + 120_000)),
        ("duplicate of the 3rd", _stored_submission(2, t + 120_000)),
        ("older guide arriving last", _stored_submission(3, t - 60_000)),
    ]
    rows = []
    for label, submission in steps:
        with metered(dynamodb) as capacity:
            calls = write_submission(dynamodb, VIEW_TABLE, submission)
        rows.append(
            {
                "function": "view_data write",
                "scenario": label,
                "aws_calls": calls,
                "write_units": capacity.all_write_units,
                "failed_condition_units": capacity.failed_condition_units,
            }
        )
    item = dynamodb.get_item(TableName=VIEW_TABLE, Key={"InitialContactId": {"S": "write-path"}})["Item"]
    rows[-1]["item_bytes"] = item_size(item)
    return rows


def run(invocations: int = 1000) -> list[dict]:
    from botocore.stub import Stubber

    size = zip_size("view_data")
    cold = cold_start("connect_data.view_data.normalize_handler", ["dynamodb", "connect"])
    rows = []
    with local_aws():
        os.environ.update(
            VIEW_DATA_TABLE=VIEW_TABLE,
            VIEW_QUESTIONS_TABLE=QUESTIONS_TABLE,
            TIME_ZONE="Europe/Berlin",
            POWERTOOLS_LOG_LEVEL="WARNING",
        )
        from connect_data.common.aws import client
        from connect_data.common.log import logger
        from connect_data.view_data import enrich
        from connect_data.view_data.normalize_handler import VIEW_FLOW_CONFIG, handler

        logger.setLevel(logging.WARNING)
        dynamodb, connect = client("dynamodb", config=VIEW_FLOW_CONFIG), client("connect", config=VIEW_FLOW_CONFIG)
        _tables(dynamodb)
        numbers = itertools.count()
        with Stubber(connect) as stub:  # a warm container: question texts read, the agent cached
            event, answers = _scenarios()["voice + agent (agent not cached)"][1](next(numbers))
            for operation, response in answers:
                stub.add_response(operation, response)
            handler(event, Context())
        for label, (budget, build) in _scenarios().items():
            cached = label.endswith("(agent cached)")

            def invoke(stub: Stubber, build: Any = build, cached: bool = cached) -> dict[str, str]:
                if not cached:
                    enrich.clear_caches()
                event, answers = build(next(numbers))
                for operation, response in answers:
                    stub.add_response(operation, response)
                return handler(event, Context())

            # Counters first, then the Stubber: botocore stops at the first before-call hook that answers.
            with counted_calls([dynamodb, connect]) as counts, metered(dynamodb) as capacity, Stubber(connect) as stub:
                reply = invoke(stub)
            if reply.get("status") != "ok":
                raise RuntimeError(f"{label}: {reply}")
            with Stubber(connect) as stub:
                timing = warm(lambda stub=stub, invoke=invoke: invoke(stub), invocations)
            rows.append(
                {
                    "function": "view_data normalize",
                    "scenario": label,
                    "zip_kb": round(size / 1024, 1),
                    **{k: round(v, 2) for k, v in cold.items()},
                    **{k: round(v, 2) for k, v in timing.items()},
                    "aws_calls": sum(counts.values()),
                    "calls": ",".join(f"{op}x{n}" if n > 1 else op for op, n in counts.items()),
                    "call_budget": budget,
                    "write_units": capacity.all_write_units,
                }
            )
        rows += write_path_rows(dynamodb)
    return rows

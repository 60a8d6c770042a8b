"""Normalizing one guide submission: read the answers, enrich them, store them, shape the flow's reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import error_code
from connect_data.common.flow import FlowEvent
from connect_data.common.log import logger
from connect_data.common.timeutil import iso_utc, now_ms, ttl_after
from connect_data.view_data.answers import Submission, ViewDataError, answer_text, submission_from_event
from connect_data.view_data.enrich import Budget, Enrichment, enrich
from connect_data.view_data.questions import QuestionCache, question_texts
from connect_data.view_data.store import StoredSubmission, submission_version, write_submission


@dataclass(frozen=True)
class NormalizeSettings:
    table_name: str
    questions_table_name: str
    key_attribute: str = "InitialContactId"
    retention_days: int = 365
    time_zone: str = "UTC"
    max_hops: int = 5
    ttl_attribute: str = "ExpiresAt"


@dataclass
class Outcome:
    """What the flow is told, and what happened on the way (for logs and tests)."""

    status: str
    answers: dict[str, str]
    key: str | None = None
    error: str | None = None
    failures: list[str] = field(default_factory=list)
    aws_calls: int = 0

    def control(self) -> dict[str, Any]:
        """The keys the flow branches on: they lead the reply and are never cut (``flow_reply``)."""
        return {
            "status": self.status,
            "error": self.error,
            "failed": ",".join(self.failures) or None,
            "contactKey": self.key,
            "answerCount": len(self.answers),
        }


@cache
def _zone(name: str) -> tzinfo:
    """The IANA zone; UTC (with one warning) when the zone database lacks it.

    Lambda's AL2023 runtimes ship no /usr/share/zoneinfo: the ``tzdata`` package in the dependency layer
    provides it. A layer without tzdata must not cost the guide's answers, so CreatedAt falls back to UTC.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("time zone not found; CreatedAt uses UTC", extra={"time_zone": name})
        return UTC


def created_at(zone: str, epoch_ms: int) -> str:
    """Wall-clock time in an IANA zone with its offset at that instant (daylight saving included)."""
    moment = datetime.fromtimestamp(epoch_ms / 1000, tz=_zone(zone))
    return moment.isoformat(timespec="milliseconds")


def _stored(
    settings: NormalizeSettings,
    event: FlowEvent,
    submission: Submission,
    enrichment: Enrichment,
    questions: dict[str, str],
    started_ms: int,
) -> StoredSubmission:
    fields: dict[str, Any] = dict(enrichment.fields)
    fields.update(
        {
            "ContactId": event.contact_id,
            "UpdatedAt": iso_utc(started_ms),
            "ViewAction": submission.action,
            "ChainHops": enrichment.hops,
            "EnrichmentErrors": list(enrichment.failures) or None,
            settings.ttl_attribute: ttl_after(settings.retention_days * 86400, from_ms=started_ms),
        }
    )
    if submission.error:
        fields["ViewDataError"] = submission.error
        fields["RawViewResultData"] = submission.raw
    guide = {
        "ContactId": event.contact_id,
        "InitialContactId": event.initial_contact_id,
        "PreviousContactId": event.previous_contact_id,
        "RelatedContactId": event.related_contact_id,
        "Channel": event.channel,
        "ViewAction": submission.action,
        "SubmittedAt": iso_utc(started_ms),
        "AnswerKeys": sorted(submission.answers),
    }
    return StoredSubmission(
        key_attribute=settings.key_attribute,
        key_value=enrichment.key_contact_id,
        fields=fields,
        answers=submission.answers,
        questions=question_texts(list(submission.answers), questions),
        guide=guide,
        guide_contact_id=event.contact_id or "_",
        created_at=created_at(settings.time_zone, started_ms),
        version=submission_version(started_ms, event.contact_id or "_"),
    )


def normalize_submission(
    event: FlowEvent,
    settings: NormalizeSettings,
    *,
    dynamodb: Any,
    connect: Any,
    campaigns: Any,
    question_cache: QuestionCache,
    budget: Budget,
) -> Outcome:
    """Read, enrich and store one guide's answers. Never raises for AWS errors: the flow gets a status."""
    started = now_ms()
    submission = submission_from_event(event)
    answers = {key: answer_text(value) for key, value in submission.answers.items()}
    if submission.error == ViewDataError.NO_VIEW_DATA:
        return Outcome(status="error", answers={}, error=ViewDataError.NO_VIEW_DATA)

    enrichment = enrich(event, connect, campaigns, budget, max_hops=settings.max_hops)
    calls = enrichment.calls
    failures = list(enrichment.failures)
    questions: dict[str, str] = {}
    if submission.answers:
        reads_before = question_cache.reads
        try:
            questions = question_cache.questions(dynamodb)
        except (ClientError, BotoCoreError) as err:
            questions = question_cache.keep_stale()
            failures.append(f"questions:{error_code(err)}")
        calls += question_cache.reads - reads_before
    enrichment.failures = failures
    stored = _stored(settings, event, submission, enrichment, questions, started)
    try:
        calls += write_submission(dynamodb, settings.table_name, stored)
    except (ClientError, BotoCoreError) as err:
        failures.append(f"update_item:{error_code(err)}")
        return Outcome(
            status="error",
            answers=answers,
            key=stored.key_value,
            error=ViewDataError.WRITE_FAILED,
            failures=failures,
            aws_calls=calls + 1,
        )
    if submission.error:
        return Outcome(
            status="error",
            answers=answers,
            key=stored.key_value,
            error=submission.error,
            failures=failures,
            aws_calls=calls,
        )
    if failures:
        return Outcome(
            status="partial",
            answers=answers,
            key=stored.key_value,
            error=ViewDataError.ENRICHMENT_FAILED,
            failures=failures,
            aws_calls=calls,
        )
    return Outcome(status="ok", answers=answers, key=stored.key_value, aws_calls=calls)

"""One Kinesis batch of agent events: agents' current items, their history, the contact join - and the
sequence numbers of exactly the records that did not make it (ReportBatchItemFailures).

A record is acknowledged only when it is stored or quarantined: a record that is not an agent event goes
to the quarantine queue with its reason; a DynamoDB failure fails only the records of the agent it
concerned, and Lambda redelivers from the lowest failed sequence number, which the version rule absorbs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.agent_events.events import AgentEvent, InvalidAgentEvent, decode_kinesis_record
from connect_data.agent_events.join import JoinOutcome, add_holds, contact_joins, hold_marks, join_agent_to_contact
from connect_data.agent_events.quarantine import PoisonRecord, quarantine
from connect_data.agent_events.store import StoreSettings, read_stamps, winner, write_current, write_history
from connect_data.common.log import logger


@dataclass(frozen=True)
class ProcessorSettings:
    store: StoreSettings
    quarantine_queue_url: str | None = None
    contact_status_table: str | None = None


@dataclass
class BatchOutcome:
    failed_sequence_numbers: list[str]
    events: int = 0
    heart_beats: int = 0
    quarantined: int = 0
    current_written: int = 0
    history_written: int = 0
    stamps_read: int = 0
    joins: JoinOutcome = field(default_factory=JoinOutcome)

    def response(self) -> dict[str, list[dict[str, str]]]:
        return {"batchItemFailures": [{"itemIdentifier": s} for s in self.failed_sequence_numbers]}


def _sequence_number(record: Mapping[str, Any]) -> str:
    kinesis = record.get("kinesis")
    return str(kinesis.get("sequenceNumber", "")) if isinstance(kinesis, Mapping) else ""


def process_batch(
    records: Sequence[Mapping[str, Any]], dynamodb: Any, sqs: Any, settings: ProcessorSettings
) -> BatchOutcome:
    parsed: list[tuple[str, AgentEvent]] = []
    poison: list[PoisonRecord] = []
    for record in records:
        sequence = _sequence_number(record)
        try:
            parsed.append((sequence, decode_kinesis_record(record)))
        except InvalidAgentEvent as err:
            logger.warning("poison record", extra={"sequence_number": sequence, "reason": str(err)})
            poison.append(PoisonRecord(sequence, str(err), record))

    failed: set[str] = set()
    try:
        failed |= quarantine(sqs, settings.quarantine_queue_url, poison)
    except (ClientError, BotoCoreError):
        logger.exception("quarantining poison records failed")
        failed |= {p.sequence_number for p in poison}

    events = [e for _, e in parsed]
    outcome = BatchOutcome(failed_sequence_numbers=[], events=len(events), quarantined=len(poison))
    outcome.heart_beats = sum(e.is_heart_beat for e in events)
    failed_agents: set[str] = set()

    try:
        unwritten = write_history(dynamodb, settings.store, events)
    except (ClientError, BotoCoreError):
        logger.exception("writing the batch's history failed")
        unwritten = {e.version for e in events if not e.is_heart_beat}
    outcome.history_written = len({(e.agent_arn, e.version) for e in events if not e.is_heart_beat}) - len(unwritten)
    failed_agents |= {e.agent_arn for e in events if e.version in unwritten}

    by_agent: dict[str, list[AgentEvent]] = defaultdict(list)
    for event in events:
        by_agent[event.agent_arn].append(event)
    heart_beat_only = sorted(a for a, evs in by_agent.items() if all(e.is_heart_beat for e in evs))
    try:
        stamps = read_stamps(dynamodb, settings.store, heart_beat_only)
        outcome.stamps_read = len(heart_beat_only)
    except (ClientError, BotoCoreError, RuntimeError):
        logger.exception("reading the heartbeat agents' items failed")
        stamps, failed_agents = {}, failed_agents | set(heart_beat_only)

    for agent_arn, agent_events in by_agent.items():
        if agent_arn in failed_agents:
            continue
        # Agents with a state change in the batch need no read: the write's condition decides.
        known = stamps.get(agent_arn) if agent_arn in heart_beat_only else None
        chosen = winner(agent_events, known)
        if chosen is None:
            continue
        try:
            outcome.current_written += write_current(dynamodb, settings.store, chosen)
        except (ClientError, BotoCoreError):
            logger.exception("writing the agent's current item failed", extra={"agent_arn": agent_arn})
            failed_agents.add(agent_arn)

    if settings.contact_status_table:
        joinable = [e for e in events if e.agent_arn not in failed_agents]
        for contact_id, event in contact_joins(joinable).items():
            try:
                result = join_agent_to_contact(dynamodb, settings.contact_status_table, contact_id, event)
            except (ClientError, BotoCoreError):
                logger.exception("joining the agent to the contact failed", extra={"contact_id": contact_id})
                failed_agents.add(event.agent_arn)
                continue
            setattr(outcome.joins, result, getattr(outcome.joins, result) + 1)
        for contact_id, (starts, ends) in hold_marks(joinable).items():
            try:
                if add_holds(dynamodb, settings.contact_status_table, contact_id, starts, ends) == "written":
                    outcome.joins.holds_written += 1
            except (ClientError, BotoCoreError):
                logger.exception("adding the contact's holds failed", extra={"contact_id": contact_id})
                failed_agents.update(
                    e.agent_arn for e in joinable if any(c.contact_id == contact_id for c in e.contacts)
                )

    failed |= {sequence for sequence, e in parsed if e.agent_arn in failed_agents}
    outcome.failed_sequence_numbers = [s for s in (_sequence_number(r) for r in records) if s in failed]
    logger.info(
        "batch processed",
        extra={
            "records": len(records),
            "failed": len(outcome.failed_sequence_numbers),
            "heart_beats": outcome.heart_beats,
            "current_written": outcome.current_written,
            "history_written": outcome.history_written,
            "quarantined": outcome.quarantined,
            "joined": outcome.joins.written,
            "join_without_status_item": outcome.joins.no_status_item,
            "holds_written": outcome.joins.holds_written,
        },
    )
    return outcome

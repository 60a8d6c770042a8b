"""The agent-events handler's EMF line (common/metrics.py) for a clean batch and one with a poison record."""

from __future__ import annotations

from connect_data.agent_events.handler import handler
from tests.unit.agent_events.conftest import AGENTS, agent_event, kinesis_record


def test_emf_a_batch_counts_its_records_and_dynamodb_calls(dynamodb, lambda_context, monkeypatch, emf):
    monkeypatch.setenv("AGENTS_TABLE", AGENTS)
    records = [kinesis_record(agent_event(event_id="e1"), "00001"), kinesis_record(agent_event(event_id="e2"), "00002")]
    assert handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    metrics = emf("agent_events", forbidden=("agent-1", "e1"))
    assert metrics["RecordsProcessed"] == 2 and metrics["RecordsQuarantined"] == 0
    assert metrics["DynamoDBCalls"] >= 1


def test_emf_a_poison_record_is_counted_as_quarantined(dynamodb, quarantine_queue, lambda_context, monkeypatch, emf):
    monkeypatch.setenv("AGENTS_TABLE", AGENTS)
    monkeypatch.setenv("QUARANTINE_QUEUE_URL", quarantine_queue["url"])
    records = [kinesis_record(b"{broken", "00001"), kinesis_record(agent_event(event_id="good"), "00002")]
    assert handler({"Records": records}, lambda_context) == {"batchItemFailures": []}
    metrics = emf("agent_events")
    assert metrics["RecordsProcessed"] == 1 and metrics["RecordsQuarantined"] == 1

"""One transferred chat across every capability's table on moto, for the contact page and the browser test.

The contact status comes from the real chat fixtures through the processor; the view answers, the case
events and the stored vanity result are written by the capabilities' own store functions; the profile is
an item like Terraform's seed_profiles writes.
"""

from __future__ import annotations

from typing import Any

from connect_data.agent_events.processor import ProcessorSettings, process_batch
from connect_data.agent_events.store import StoreSettings
from connect_data.cases.events import parse_case_event
from connect_data.cases.store import StoreSettings as CaseStoreSettings
from connect_data.cases.store import save_case_state, write_events
from connect_data.common.dynamo import from_item, to_item
from connect_data.common.timeutil import iso_utc
from connect_data.contact_status.processor import process_delivery
from connect_data.vanity.index import shipped_index
from connect_data.vanity.search import search, spell_target
from connect_data.vanity.store import StoredResult, save_result
from devtools.demos.agent_events import agent_event, kinesis_record
from tests.unit.agent_events.conftest import AGENTS, create_agents_table
from tests.unit.cases.conftest import case_event
from tests.unit.contact_status.conftest import (
    SETTINGS,
    create_status_table,
    delivery,
    real_contact_events,
    real_flow_log_events,
)
from tests.unit.view_data.conftest import VIEW_TABLE, create_tables

WITH_AGENT = "edfcdfa6-358e-4594-981a-adeab87a8cc5"
TRANSFERRED = "a56502b2-8565-4227-989a-fa783a6d8dfd"
# A number real words fit (the demo's toll-free classic): its vanity result is stored as offered on this chat.
CALLER = "+18003569377"
CASE = "case-0001"
TABLES = {
    "status": SETTINGS.table_name,
    "history": SETTINGS.history_table_name,
    "view": VIEW_TABLE,
    "cases": "cases",
    "profiles": "customer-profiles",
    "calls": "customer-calls",
    "vanity": "vanity-results",
}


def _keyed_table(dynamodb: Any, name: str, *keys: str) -> None:
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": k, "KeyType": "HASH" if i == 0 else "RANGE"} for i, k in enumerate(keys)],
        AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in keys],
        BillingMode="PAY_PER_REQUEST",
    )


def put_on_hold(dynamodb: Any, contact_id: str) -> tuple[int, int]:
    """The agent puts the contact on hold 20 s after answering and takes it back 30 s later, as agent events
    through the agent-events processor (its join adds the hold to the status item); answers the hold."""
    status = from_item(dynamodb.get_item(TableName=TABLES["status"], Key={"ContactId": {"S": contact_id}})["Item"])
    start, end = int(status["ConnectedToAgentAt"]) + 20_000, int(status["ConnectedToAgentAt"]) + 50_000
    create_agents_table(dynamodb)
    events = [
        agent_event(
            event_id="hold",
            at=iso_utc(start),
            contacts=[(contact_id, "CONNECTED_ONHOLD")],
            previous_contacts=[(contact_id, "CONNECTED")],
        ),
        agent_event(
            event_id="resume",
            at=iso_utc(end),
            contacts=[(contact_id, "CONNECTED")],
            previous_contacts=[(contact_id, "CONNECTED_ONHOLD")],
        ),
    ]
    settings = ProcessorSettings(store=StoreSettings(AGENTS), contact_status_table=TABLES["status"])
    records = [kinesis_record(e, f"{n}") for n, e in enumerate(events)]
    assert process_batch(records, dynamodb, None, settings).joins.holds_written == 1
    return start, end


def build(dynamodb: Any) -> dict[str, str]:
    """Create and fill every table; answers the table names (``contact_360.gather``'s ``tables``)."""
    create_status_table(dynamodb)
    for event in real_contact_events():
        process_delivery(dynamodb, SETTINGS, event)
    process_delivery(dynamodb, SETTINGS, delivery(real_flow_log_events()))
    # The chat's customer (a chat has no phone endpoint; the record function stores it the same way).
    dynamodb.update_item(
        TableName=TABLES["status"],
        Key={"ContactId": {"S": WITH_AGENT}},
        UpdateExpression="SET CustomerEndpoint = :n",
        ExpressionAttributeValues={":n": {"S": CALLER}},
    )

    put_on_hold(dynamodb, WITH_AGENT)

    create_tables(dynamodb)
    answers = {"reason": "Billing question", "satisfaction": 4.5, "callback": "+1 800 356 9377"}
    questions = {"reason_Question": "Why did the customer call?", "satisfaction_Question": "Satisfaction (1-5)"}
    dynamodb.put_item(
        TableName=VIEW_TABLE,
        Item=to_item(
            {"InitialContactId": WITH_AGENT, "Answers": answers, "Questions": questions, "AgentName": "Ana Agent"}
        ),
    )

    _keyed_table(dynamodb, TABLES["cases"], "caseId", "sk")
    created = case_event(event_id="ev-1", case_id=CASE, event_type="CASE.CREATED", status="open")
    linked = case_event(event_id="ev-2", case_id=CASE, event_type="RELATED_ITEM.CREATED", related_item_type="Contact")
    linked["detail"]["relatedItem"]["contact"] = {
        "contactArn": f"arn:aws:connect:eu-west-2:484669704065:instance/i/contact/{WITH_AGENT}",
        "channel": "CHAT",
    }
    other = case_event(event_id="ev-3", case_id="case-other", event_type="CASE.CREATED", status="closed")
    events = [parse_case_event(e) for e in (created, linked, other)]
    settings = CaseStoreSettings(table_name=TABLES["cases"])
    write_events(dynamodb, settings, events)
    for event in events:
        if event.is_case_change:
            save_case_state(dynamodb, settings, event.case_id, [event], None)

    _keyed_table(dynamodb, TABLES["profiles"], "PhoneNumber")
    dynamodb.put_item(
        TableName=TABLES["profiles"],
        Item=to_item({"PhoneNumber": CALLER, "FirstName": "Ana", "LastName": "Silva", "Tier": "gold"}),
    )
    _keyed_table(dynamodb, TABLES["calls"], "PhoneNumber")
    _keyed_table(dynamodb, TABLES["vanity"], "PhoneNumber")
    offered = [v.text for v in search(shipped_index(), spell_target(CALLER), limit=3)]
    save_result(dynamodb, TABLES["vanity"], StoredResult(CALLER, offered, WITH_AGENT, 1_673_368_400_000), 86_400)
    return dict(TABLES)

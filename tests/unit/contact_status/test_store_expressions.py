"""The update expressions stay within DynamoDB's 4 KB expression limit in the worst case."""

from __future__ import annotations

from connect_data.contact_status.events import Group
from connect_data.contact_status.store import CHUNK_ENTRIES, StoreSettings, _build_update, _Chunk, version_attribute

ATTRIBUTES = {
    "status": ("Status", "StatusAt"),
    "queue": ("QueueArn", "QueueType", "EnqueuedAt"),
    "agent": ("AgentArn", "ConnectedToAgentAt"),
    "flow": ("LatestFlow",),
    "last": ("LastEventAt", "LastEventType"),
    "transfer": ("TransferredToContactId",),
}
GROUPS = {
    name: Group(f"{1673368352170 + i:015d}#080#e{i:016x}", {a: 1673368352170 for a in attributes})
    for i, (name, attributes) in enumerate(ATTRIBUTES.items())
}
FACTS = {
    f: True for f in ("Queued", "ConnectedToSystem", "ConnectedToAgent", "Transferred", "Disconnected", "Completed")
}
FACTS.update(Channel="VOICE", InitiationMethod="INBOUND", InstanceArn="arn", PreviousContactId="p", InitiatedAt=1)


def test_a_full_chunk_with_compaction_and_every_group_fits_4_kb():
    settings = StoreSettings(table_name="t", max_entries=200)
    new = {f"f{i:016x}": {"t": 2_000_000 + i, "type": "X"} for i in range(CHUNK_ENTRIES)}
    existing = {f"f{i + 10**6:016x}": {"t": i, "type": "X"} for i in range(settings.max_entries)}
    known = {"History": existing, "HistoryDropped": 5, **{version_attribute(g): "0" for g in GROUPS}}
    chunk = _Chunk(entries=new, groups=GROUPS, facts=FACTS, defaults={"InitialContactId": "c"})
    request = _build_update(settings, chunk, known)
    assert request is not None
    call = request["call"]
    assert "REMOVE" in call["UpdateExpression"] and request["dropped"] == CHUNK_ENTRIES
    assert len(call["UpdateExpression"].encode()) <= 4096
    assert len(call["ConditionExpression"].encode()) <= 4096


def test_a_first_write_needs_no_history_condition_beyond_existence():
    chunk = _Chunk(entries={"e1": {"t": 1}}, groups={}, facts={}, defaults={}, likely_new=True)
    call = _build_update(StoreSettings(table_name="t"), chunk, None)["call"]
    assert call["ConditionExpression"] == "attribute_not_exists(#H)"
    assert call["UpdateExpression"].startswith("SET #H = :")

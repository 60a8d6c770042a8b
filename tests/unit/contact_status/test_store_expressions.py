"""The status update: within DynamoDB's 4 KB expression limit in the worst case, free of history, and not
sent at all when it would change nothing."""

from __future__ import annotations

from connect_data.contact_status.changes import ContactChange
from connect_data.contact_status.events import Group
from connect_data.contact_status.store import StoreSettings, _build_update, version_attribute

SETTINGS = StoreSettings(table_name="t", history_table_name="t-history")
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
HISTORY = {f"f{i:016x}": {"t": 2_000_000 + i, "type": "X"} for i in range(1000)}


def _change(**parts: object) -> ContactChange:
    return ContactChange("c", **parts)  # type: ignore[arg-type]


def test_every_group_fact_and_default_fits_4_kb_and_no_history_goes_into_the_status_item():
    change = _change(history=HISTORY, groups=GROUPS, facts=FACTS, defaults={"InitialContactId": "c"})
    known = {version_attribute(g): "0" for g in GROUPS}
    for stored in (None, known):
        call = _build_update(SETTINGS, change, stored)
        assert call is not None
        assert len(call["UpdateExpression"].encode()) <= 4096
        assert len(call["ConditionExpression"].encode()) <= 4096
        written = set(call["ExpressionAttributeNames"].values())
        assert "History" not in written and "Entries" not in written
        assert {"Status", "LastEventAt", "ExpiresAt", "Channel", "InitialContactId"} <= written


def test_a_change_of_history_alone_writes_no_status():
    assert _build_update(SETTINGS, _change(history=HISTORY), None) is None


def test_a_change_the_item_already_holds_writes_nothing():
    known = {version_attribute(g): "9" for g in GROUPS} | FACTS | {"InitialContactId": "c"}
    change = _change(history=HISTORY, groups=GROUPS, facts=FACTS, defaults={"InitialContactId": "c"})
    assert _build_update(SETTINGS, change, known) is None


def test_a_stale_group_is_left_out_and_a_newer_one_is_conditioned_on_its_version():
    known = {version_attribute("status"): "9", version_attribute("last"): "0"}
    call = _build_update(SETTINGS, _change(groups={k: GROUPS[k] for k in ("status", "last")}), known)
    assert call is not None
    names = set(call["ExpressionAttributeNames"].values())
    assert "Status" not in names and "LastEventAt" in names
    assert call["ConditionExpression"].count("attribute_not_exists") == 1

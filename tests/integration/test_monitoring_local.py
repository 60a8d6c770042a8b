"""examples/local applied to moto with an alarm topic: every capability's alarms and dashboard exist."""

from __future__ import annotations

import json

CAPABILITIES = [
    "agent_events",
    "analytics",
    "cases",
    "contact_status",
    "customer_lookup",
    "vanity_numbers",
    "view_data",
]


def _alarms(cloudwatch) -> dict[str, dict]:
    pages = cloudwatch.get_paginator("describe_alarms").paginate()
    return {a["AlarmName"]: a for page in pages for a in page["MetricAlarms"]}


def test_every_function_queue_rule_and_stream_has_its_alarms_on_the_topic(local_stack):
    root = local_stack.outputs["connect_data"]
    topic = root["alarm_topic_arn"]
    assert topic and topic.endswith(":local-alarms")
    deployed = _alarms(local_stack.client("cloudwatch"))
    for capability in CAPABILITIES:
        names = root[capability]["monitoring"]["alarm_names"]
        assert names["function_errors"] and names["function_duration"], capability
        for kind, by_part in names.items():
            for part, name in by_part.items():
                alarm = deployed.get(name)
                assert alarm is not None, f"{capability} {kind} {part}: {name} is not in CloudWatch"
                assert alarm["AlarmActions"] == [topic] and "RUNBOOK.md#" in alarm["AlarmDescription"]
    contact_status = root["contact_status"]["monitoring"]["alarm_names"]
    assert set(contact_status["rule_failed_invocations"]) == {"contact_events"}
    assert set(root["cases"]["monitoring"]["alarm_names"]["dlq_visible"]) == {"dead_letter"}
    assert set(root["agent_events"]["monitoring"]["alarm_names"]["iterator_age"]) == {"processor"}


def test_the_flow_error_share_alarm_divides_the_emf_counts(local_stack):
    root = local_stack.outputs["connect_data"]
    name = root["customer_lookup"]["monitoring"]["alarm_names"]["flow_error_share"]["lookup"]
    (alarm,) = local_stack.client("cloudwatch").describe_alarms(AlarmNames=[name])["MetricAlarms"]
    queries = {q["Id"]: q for q in alarm["Metrics"]}
    assert queries["share"]["Expression"] == "100 * FILL(errors, 0) / replies"
    stat = queries["errors"]["MetricStat"]["Metric"]
    assert stat["Namespace"] == "ConnectData" and stat["MetricName"] == "FlowReplyErrors"
    assert {d["Name"] for d in stat["Dimensions"]} == {"capability", "function"}


def test_every_capability_has_its_dashboard_naming_its_functions(local_stack):
    root = local_stack.outputs["connect_data"]
    cloudwatch = local_stack.client("cloudwatch")
    listed = {d["DashboardName"] for d in cloudwatch.list_dashboards()["DashboardEntries"]}
    for capability in CAPABILITIES:
        name = root["dashboards"][capability]
        assert name in listed, capability
        body = json.loads(cloudwatch.get_dashboard(DashboardName=name)["DashboardBody"])
        text = json.dumps(body)
        errors = root[capability]["monitoring"]["alarm_names"]["function_errors"]
        alarms = cloudwatch.describe_alarms(AlarmNames=list(errors.values()))["MetricAlarms"]
        functions = {d["Value"] for a in alarms for d in a["Dimensions"] if d["Name"] == "FunctionName"}
        assert len(functions) == len(errors) and all(f'"{f}"' in text for f in functions), capability
        assert [w["properties"]["markdown"] for w in body["widgets"] if w["type"] == "text"][:2] == [
            "## Is it answering?",
            "## Is it failing?",
        ]

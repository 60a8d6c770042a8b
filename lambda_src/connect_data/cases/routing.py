"""The EventBridge pattern that routes one Cases domain's events (both detail-types) to the queue.

Terraform writes the same pattern in modules/cases/events.tf; the CLI's ``--create-sqs-route`` uses this.
"""

from __future__ import annotations

import json
from typing import Any

from connect_data.cases.events import DETAIL_TYPES, SOURCE


def domain_arn(region: str, account: str, domain_id: str, partition: str = "aws") -> str:
    return f"arn:{partition}:cases:{region}:{account}:domain/{domain_id}"


def event_pattern(region: str, account: str, domain_id: str, partition: str = "aws") -> dict[str, Any]:
    """Cases events whose resources name the domain (every event lists the domain ARN first)."""
    return {
        "source": [SOURCE],
        "detail-type": list(DETAIL_TYPES),
        "resources": [domain_arn(region, account, domain_id, partition)],
    }


def queue_policy(queue_arn: str, rule_arn: str) -> dict[str, Any]:
    """Only this rule may send to the queue (``aws:SourceArn``), not every EventBridge rule in the account."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CasesRuleOnly",
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
            }
        ],
    }


def create_sqs_route(
    events: Any, sqs: Any, name: str, pattern: dict[str, Any], max_receive_count: int = 5
) -> dict[str, str]:
    """An encrypted queue with a dead-letter queue, and a rule on the default bus that sends ``pattern``
    to it. Every call is an upsert, so running it again changes nothing."""
    dlq_url = sqs.create_queue(
        QueueName=f"{name}-dlq",
        Attributes={"SqsManagedSseEnabled": "true", "MessageRetentionPeriod": "1209600"},
    )["QueueUrl"]
    dlq_arn = _queue_arn(sqs, dlq_url, f"{name}-dlq")
    queue_url = sqs.create_queue(QueueName=name, Attributes={"SqsManagedSseEnabled": "true"})["QueueUrl"]
    queue_arn = _queue_arn(sqs, queue_url, name)
    rule_arn = (
        events.put_rule(
            Name=name,
            EventPattern=json.dumps(pattern),
            State="ENABLED",
            Description="Amazon Connect Cases events of one domain to SQS (connect-data)",
        ).get("RuleArn")
        or f"(rule {name})"
    )
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receive_count)}
    sqs.set_queue_attributes(
        QueueUrl=queue_url,
        Attributes={"Policy": json.dumps(queue_policy(queue_arn, rule_arn)), "RedrivePolicy": json.dumps(redrive)},
    )
    events.put_targets(Rule=name, Targets=[{"Id": "cases-queue", "Arn": queue_arn}])
    return {"queue_url": queue_url, "queue_arn": queue_arn, "dlq_arn": dlq_arn, "rule_arn": rule_arn}


def _queue_arn(sqs: Any, url: str | None, name: str) -> str:
    if not url:  # a dry run created nothing
        return f"(queue {name})"
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"]).get("Attributes", {})
    return str(attributes.get("QueueArn") or f"(queue {name})")

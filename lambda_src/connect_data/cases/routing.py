"""The EventBridge pattern that routes one Cases domain's events (both detail-types) to the queue.

Terraform writes the same pattern in modules/cases/events.tf; the CLI's ``--create-sqs-route`` uses this.
"""

from __future__ import annotations

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

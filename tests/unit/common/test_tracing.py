"""X-Ray subsegments (common/tracing.py) as Lambda's daemon receives them, on a real UDP socket."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
from botocore.stub import Stubber

from connect_data.common import aws as common_aws

ROOT = "1-5759e988-bd862e3fe1be46a994272793"
PARENT = "53995c3f42cd8ad8"


@pytest.fixture
def daemon(monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A UDP socket where the X-Ray daemon would listen, and a sampled invocation's trace header."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.settimeout(2)
        host, port = listener.getsockname()
        monkeypatch.setenv("AWS_XRAY_DAEMON_ADDRESS", f"udp:{host}:{port} tcp:{host}:{port}")
        monkeypatch.setenv("_X_AMZN_TRACE_ID", f"Root={ROOT};Parent={PARENT};Sampled=1")
        monkeypatch.setenv("CONNECT_DATA_TRACING", "Active")
        yield listener


def received(listener: socket.socket) -> dict:
    header, _, body = listener.recv(65536).partition(b"\n")
    assert json.loads(header) == {"format": "json", "version": 1}
    return json.loads(body)


def nothing_received(listener: socket.socket) -> bool:
    listener.settimeout(0.3)
    try:
        listener.recv(65536)
    except TimeoutError:
        return True
    return False


def test_each_aws_call_is_a_subsegment_of_the_invocations_segment(aws, daemon):
    common_aws.client("dynamodb").list_tables()
    document = received(daemon)
    assert document["type"] == "subsegment" and document["namespace"] == "aws"
    assert (document["trace_id"], document["parent_id"]) == (ROOT, PARENT)
    assert document["name"] == "DynamoDB" and document["aws"]["operation"] == "ListTables"
    assert document["aws"]["region"] == "us-east-1" and document["http"] == {"response": {"status": 200}}
    assert document["start_time"] <= document["end_time"] and len(document["id"]) == 16
    assert not {"error", "fault", "throttle"} & set(document)


def test_a_throttled_call_is_marked_throttled_with_its_cause(daemon):
    dynamodb = common_aws.client("dynamodb")
    with Stubber(dynamodb) as stub:
        stub.add_client_error("get_item", service_error_code="ThrottlingException", http_status_code=400)
        with pytest.raises(dynamodb.exceptions.ClientError):
            dynamodb.get_item(TableName="t", Key={"k": {"S": "v"}})
    document = received(daemon)
    assert document["aws"]["operation"] == "GetItem" and document["throttle"] and document["error"]
    assert document["cause"]["exceptions"][0]["type"] == "ThrottlingException"


def test_a_refused_call_is_an_error_not_a_fault(daemon):
    sns = common_aws.client("sns")
    with Stubber(sns) as stub:
        stub.add_client_error("publish", service_error_code="AuthorizationError", http_status_code=403)
        with pytest.raises(sns.exceptions.ClientError):
            sns.publish(TopicArn="arn:aws:sns:us-east-1:123456789012:t", Message="m")
    document = received(daemon)
    assert document["name"] == "SNS" and document["error"] and "fault" not in document


def test_pass_through_registers_nothing(aws, daemon, monkeypatch):
    monkeypatch.setenv("CONNECT_DATA_TRACING", "PassThrough")
    common_aws.client("dynamodb").list_tables()
    assert nothing_received(daemon)


def test_an_unsampled_invocation_sends_nothing(aws, daemon, monkeypatch):
    monkeypatch.setenv("_X_AMZN_TRACE_ID", f"Root={ROOT};Parent={PARENT};Sampled=0")
    common_aws.client("dynamodb").list_tables()
    assert nothing_received(daemon)

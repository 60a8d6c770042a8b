"""The capacity meter prices calls as DynamoDB bills them (sizes, failed conditions, index writes)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from benchmarks.capacity import item_size, metered, read_units, value_size, write_units


def test_value_sizes_follow_the_developer_guide() -> None:
    assert value_size({"S": "héllo"}) == 6  # UTF-8 bytes
    assert value_size({"N": "27"}) == 2  # one byte per two significant digits, plus one
    assert value_size({"N": "-0.000123"}) == 3  # leading and trailing zeros trimmed: "123"
    assert value_size({"N": "1000000"}) == 2  # "1"
    assert value_size({"BOOL": True}) == 1 and value_size({"NULL": True}) == 1
    assert value_size({"B": b"\x00\x01\x02"}) == 3
    assert value_size({"L": []}) == 3 and value_size({"M": {}}) == 3
    assert value_size({"L": [{"S": "ab"}, {"N": "1"}]}) == 3 + (1 + 2) + (1 + 2)
    assert value_size({"M": {"k": {"S": "ab"}}}) == 3 + 1 + 1 + 2
    assert value_size({"SS": ["a", "bc"]}) == 3
    assert item_size({"Id": {"S": "x" * 10}, "Count": {"N": "12345"}}) == 2 + 10 + 5 + 4


def test_units_round_up_per_started_kb_and_4kb() -> None:
    assert write_units(0) == 1 and write_units(1024) == 1 and write_units(1025) == 2
    assert read_units(4096) == 0.5 and read_units(4097) == 1.0 and read_units(4097, consistent=True) == 2.0


@pytest.fixture
def table(aws: None) -> Any:
    client = boto3.client("dynamodb")
    client.create_table(
        TableName="meter",
        KeySchema=[{"AttributeName": "Id", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "Id", "AttributeType": "S"},
            {"AttributeName": "Group", "AttributeType": "S"},
            {"AttributeName": "Stamp", "AttributeType": "N"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-group",
                "KeySchema": [
                    {"AttributeName": "Group", "KeyType": "HASH"},
                    {"AttributeName": "Stamp", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


def _put(client: Any, size: int, **extra: Any) -> None:
    client.put_item(TableName="meter", Item={"Id": {"S": "a"}, "Blob": {"S": "x" * size}, **extra})


def test_a_write_pays_for_the_larger_image_and_a_changed_index_key_twice(table: Any) -> None:
    with metered(table) as capacity:
        _put(table, 2500, Group={"S": "g"}, Stamp={"N": "1"})  # new: 3 KB started; index entry added once
    assert (capacity.write_requests, capacity.write_units, capacity.index_write_units) == (1, 3, 1)

    with metered(table) as capacity:  # small update of a 2.5 KB item that moves its index key
        table.update_item(
            TableName="meter",
            Key={"Id": {"S": "a"}},
            UpdateExpression="SET Stamp = :n",
            ExpressionAttributeValues={":n": {"N": "2"}},
        )
    assert capacity.write_units == 3 and capacity.index_write_units == 2  # delete + put in the index

    with metered(table) as capacity:  # a change outside the KEYS_ONLY projection leaves the index alone
        table.update_item(
            TableName="meter",
            Key={"Id": {"S": "a"}},
            UpdateExpression="SET Note = :o",
            ExpressionAttributeValues={":o": {"S": "o"}},
        )
    assert capacity.index_write_units == 0 and capacity.all_write_units == 3


def test_a_failed_condition_costs_the_stored_item(table: Any) -> None:
    _put(table, 5000)
    with metered(table) as capacity, pytest.raises(ClientError):
        table.put_item(TableName="meter", Item={"Id": {"S": "a"}}, ConditionExpression="attribute_not_exists(Id)")
    assert capacity.write_units == 5 and capacity.failed_condition_units == 5


def test_reads_price_the_whole_item_whatever_the_projection(table: Any) -> None:
    _put(table, 5000, Group={"S": "g"}, Stamp={"N": "1"})
    with metered(table) as capacity:
        table.get_item(TableName="meter", Key={"Id": {"S": "a"}}, ProjectionExpression="Id")
        table.get_item(TableName="meter", Key={"Id": {"S": "a"}}, ConsistentRead=True)
        table.query(
            TableName="meter",
            IndexName="by-group",
            KeyConditionExpression="#g = :g",
            ExpressionAttributeNames={"#g": "Group"},
            ExpressionAttributeValues={":g": {"S": "g"}},
        )
    # 5 KB item: 2 units of 4 KB, halved when eventually consistent; the KEYS_ONLY entry fits in one.
    assert capacity.read_requests == 3 and capacity.read_units == 1.0 + 2.0 + 0.5


def test_batch_writes_are_priced_per_item(table: Any) -> None:
    with metered(table) as capacity:
        table.batch_write_item(
            RequestItems={
                "meter": [{"PutRequest": {"Item": {"Id": {"S": f"i{n}"}, "B": {"S": "x" * 1500}}}} for n in range(3)]
            }
        )
    assert capacity.write_requests == 3 and capacity.write_units == 6


def test_a_batch_put_pays_each_item_its_larger_image_and_a_rejected_batch_nothing(table: Any) -> None:
    _put(table, 2500)  # "a": 3 KB started
    small_a = {"PutRequest": {"Item": {"Id": {"S": "a"}}}}
    new_b = {"PutRequest": {"Item": {"Id": {"S": "b"}, "B": {"S": "x" * 1500}}}}
    with metered(table) as capacity:
        table.batch_write_item(RequestItems={"meter": [small_a, new_b]})
    # Overwriting "a" with a small item costs its old 3 KB, as a PutItem would; "b" costs its own 2 KB.
    assert (capacity.write_requests, capacity.write_units) == (2, 3 + 2)

    with metered(table) as capacity, pytest.raises(ClientError):
        table.batch_write_item(RequestItems={"meter": [new_b, new_b]})  # duplicate keys: rejected whole
    assert (capacity.write_requests, capacity.all_write_units, capacity.failed_condition_units) == (0, 0, 0)

"""DynamoDB capacity as DynamoDB bills it, metered from item sizes beside every call of a client.

moto answers ``ReturnConsumedCapacity`` with a constant (1.0 for a write, 0.5 for a read, whatever the
item's size), so the units here are computed from the items themselves, with the rules of the DynamoDB
Developer Guide ("Item sizes and formats", "Read/write capacity mode", "Provisioned throughput
considerations for Global Secondary Indexes"):

- an item's size is the sum of its attribute names and values: a string its UTF-8 bytes, a number about one
  byte per two significant digits plus one, binary its bytes, null and boolean 1 byte, a list or map 3 bytes
  plus 1 byte per element plus the elements (map keys included), a set the sum of its elements;
- a write costs one unit per started KB of the larger of the item before and after (at least one); a write
  whose condition fails still costs the stored item's size; a transactional write costs twice; each put or
  delete of a ``BatchWriteItem`` is priced as its own write, and what DynamoDB leaves unprocessed, or a
  batch it rejects whole (a batch has no conditions), costs nothing;
- every global secondary index whose entry the write adds, changes or removes is written too: one write
  for an entry added, removed or changed in place, two (delete + put) when the index key changes; an entry
  is the projected attributes plus the table and index keys plus 100 bytes;
- a read costs one unit per started 4 KB (half for an eventually consistent read); a Query adds up the
  sizes of every item it reads (of the index entries on an index), whatever the projection expression.

The meter reads the item before and after each write with a second, unmetered client on the same endpoint,
so it works against moto in-process and a moto server alike.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

KB = 1024
READ_UNIT_BYTES = 4 * KB
INDEX_ENTRY_OVERHEAD = 100
WRITE_OPERATIONS = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
READ_OPERATIONS = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"}


def _number_size(text: str) -> int:
    digits = Decimal(text).normalize().as_tuple().digits
    significant = "".join(map(str, digits)).strip("0") or "0"
    return math.ceil(len(significant) / 2) + 1


def value_size(value: Mapping[str, Any]) -> int:
    """Bytes DynamoDB counts for one attribute value in the low-level (typed) form."""
    ((kind, inner),) = value.items()
    if kind == "S":
        return len(inner.encode())
    if kind == "N":
        return _number_size(inner)
    if kind == "B":
        return len(inner)
    if kind in ("NULL", "BOOL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode()) for s in inner)
    if kind == "NS":
        return sum(_number_size(n) for n in inner)
    if kind == "BS":
        return sum(len(b) for b in inner)
    if kind == "L":
        return 3 + sum(1 + value_size(v) for v in inner)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + value_size(v) for k, v in inner.items())
    raise ValueError(f"unknown DynamoDB type {kind!r}")


def item_size(item: Mapping[str, Any] | None) -> int:
    """Bytes of an item: attribute names plus values (0 for no item)."""
    if not item:
        return 0
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def write_units(size: int) -> int:
    return max(1, math.ceil(size / KB))


def read_units(size: int, consistent: bool = False) -> float:
    units = max(1, math.ceil(size / READ_UNIT_BYTES))
    return float(units) if consistent else units / 2


@dataclass(frozen=True)
class Index:
    name: str
    keys: tuple[str, ...]
    projection: str  # ALL, KEYS_ONLY or INCLUDE
    included: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableShape:
    name: str
    keys: tuple[str, ...]
    indexes: tuple[Index, ...]

    def key_of(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {k: item[k] for k in self.keys}

    def index_entry(self, index: Index, item: Mapping[str, Any] | None) -> dict[str, Any] | None:
        """The index entry an item has, or None when it lacks an index key (a sparse index)."""
        if not item or any(k not in item for k in index.keys):
            return None
        if index.projection == "ALL":
            return dict(item)
        names = set(self.keys) | set(index.keys) | set(index.included)
        return {k: v for k, v in item.items() if k in names}


def describe(client: Any, table_name: str) -> TableShape:
    table = client.describe_table(TableName=table_name)["Table"]
    indexes = tuple(
        Index(
            name=i["IndexName"],
            keys=tuple(k["AttributeName"] for k in i["KeySchema"]),
            projection=i["Projection"]["ProjectionType"],
            included=tuple(i["Projection"].get("NonKeyAttributes", ())),
        )
        for i in [*table.get("GlobalSecondaryIndexes", ()), *table.get("LocalSecondaryIndexes", ())]
    )
    return TableShape(table_name, tuple(k["AttributeName"] for k in table["KeySchema"]), indexes)


@dataclass
class Capacity:
    """What a stretch of work cost in DynamoDB, as the bill counts it."""

    write_requests: int = 0
    write_units: float = 0
    failed_condition_units: float = 0
    index_write_units: float = 0
    read_requests: int = 0
    read_units: float = 0
    by_table: dict[str, float] = field(default_factory=dict)

    @property
    def all_write_units(self) -> float:
        """Table and index writes together: what on-demand mode bills as write request units."""
        return self.write_units + self.index_write_units

    def as_dict(self) -> dict[str, float]:
        return {
            "write_requests": self.write_requests,
            "write_units": self.all_write_units,
            "failed_condition_units": self.failed_condition_units,
            "index_write_units": self.index_write_units,
            "read_requests": self.read_requests,
            "read_units": self.read_units,
        }


class CapacityMeter:
    """Attach to a low-level DynamoDB client; every call it makes is priced into ``capacity``."""

    def __init__(self, client: Any, reader: Any) -> None:
        self.client = client
        self.reader = reader  # unmetered, same endpoint: reads items before and after each write
        self.capacity = Capacity()
        self._shapes: dict[str, TableShape] = {}
        self._params: Mapping[str, Any] = {}
        self._before: list[tuple[TableShape, dict[str, Any], dict[str, Any] | None, int]] = []

    def shape(self, table_name: str) -> TableShape:
        if table_name not in self._shapes:
            self._shapes[table_name] = describe(self.reader, table_name)
        return self._shapes[table_name]

    def _get(self, table: TableShape, key: Mapping[str, Any]) -> dict[str, Any] | None:
        return self.reader.get_item(TableName=table.name, Key=dict(key), ConsistentRead=True).get("Item")

    # botocore hooks -------------------------------------------------------------------------------
    def before_parameter_build(self, model: Any, params: Mapping[str, Any], **_: Any) -> None:
        # This event sees the caller's own parameters (before-call only sees the serialized request).
        self._params = dict(params)
        self._before = []
        if model.name not in WRITE_OPERATIONS:
            return
        multiplier = 2 if model.name == "TransactWriteItems" else 1
        for table_name, key in _written_keys(self, model.name, params):
            table = self.shape(table_name)
            self._before.append((table, key, self._get(table, key), multiplier))

    def after_call(self, model: Any, parsed: Mapping[str, Any], **_: Any) -> None:
        params, failed = self._params, "Error" in parsed
        if model.name == "BatchWriteItem" and failed:
            return  # rejected whole (validation, throttling): nothing written, nothing billed
        if model.name in WRITE_OPERATIONS:
            self._price_writes(failed, parsed)
        elif model.name in READ_OPERATIONS and not failed:
            self._price_reads(model.name, params, parsed)

    def _price_writes(self, failed: bool, parsed: Mapping[str, Any]) -> None:
        unprocessed = parsed.get("UnprocessedItems") or {}
        for table, key, before, multiplier in self._before:
            if _is_unprocessed(unprocessed.get(table.name, ()), table, key):
                continue
            self.capacity.write_requests += 1
            if failed:
                units = write_units(item_size(before)) * multiplier
                self.capacity.write_units += units
                self.capacity.failed_condition_units += units
                continue
            after = self._get(table, key)
            units = write_units(max(item_size(before), item_size(after))) * multiplier
            index_units = sum(_index_writes(table, index, before, after) for index in table.indexes) * multiplier
            self.capacity.write_units += units
            self.capacity.index_write_units += index_units
            self.capacity.by_table[table.name] = self.capacity.by_table.get(table.name, 0) + units + index_units

    def _price_reads(self, operation: str, params: Mapping[str, Any], parsed: Mapping[str, Any]) -> None:
        consistent = bool(params.get("ConsistentRead"))
        if operation == "GetItem":
            table = self.shape(params["TableName"])
            self._add_read(read_units(item_size(self._get(table, table.key_of(params["Key"]))), consistent))
        elif operation in ("Query", "Scan"):
            # The projection does not lower the cost: price what the request read, entry by entry.
            table = self.shape(params["TableName"])
            index = next((i for i in table.indexes if i.name == params.get("IndexName")), None)
            size = 0
            for item in parsed.get("Items", ()):
                full = self._get(table, table.key_of(item)) if all(k in item for k in table.keys) else item
                size += item_size(table.index_entry(index, full) if index else full)
            self._add_read(read_units(size, consistent))
        else:  # BatchGetItem, TransactGetItems: per item
            for items in (parsed.get("Responses") or {}).values():
                for item in items if isinstance(items, list) else ():
                    self._add_read(read_units(item_size(item), consistent))

    def _add_read(self, units: float) -> None:
        self.capacity.read_requests += 1
        self.capacity.read_units += units


def _index_writes(table: TableShape, index: Index, before: Any, after: Any) -> int:
    old, new = table.index_entry(index, before), table.index_entry(index, after)
    if old == new:
        return 0
    if old is None or new is None:
        return write_units(item_size(new or old) + INDEX_ENTRY_OVERHEAD)
    size = max(item_size(old), item_size(new)) + INDEX_ENTRY_OVERHEAD
    if any(old[k] != new[k] for k in index.keys):
        return write_units(item_size(old) + INDEX_ENTRY_OVERHEAD) + write_units(item_size(new) + INDEX_ENTRY_OVERHEAD)
    return write_units(size)


def _written_keys(meter: CapacityMeter, operation: str, params: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    if operation in ("UpdateItem", "DeleteItem"):
        return [(params["TableName"], dict(params["Key"]))]
    if operation == "PutItem":
        return [(params["TableName"], meter.shape(params["TableName"]).key_of(params["Item"]))]
    keys: list[tuple[str, dict[str, Any]]] = []
    if operation == "BatchWriteItem":
        for table_name, requests in params["RequestItems"].items():
            for request in requests:
                if "PutRequest" in request:
                    keys.append((table_name, meter.shape(table_name).key_of(request["PutRequest"]["Item"])))
                else:
                    keys.append((table_name, dict(request["DeleteRequest"]["Key"])))
        return keys
    for entry in params["TransactItems"]:
        ((kind, body),) = entry.items()
        if kind == "ConditionCheck":
            continue
        table_name = body["TableName"]
        keys.append((table_name, meter.shape(table_name).key_of(body["Item"]) if kind == "Put" else dict(body["Key"])))
    return keys


def _is_unprocessed(requests: Any, table: TableShape, key: Mapping[str, Any]) -> bool:
    for request in requests:
        body = request.get("PutRequest", {}).get("Item") or request.get("DeleteRequest", {}).get("Key") or {}
        if all(body.get(k) == v for k, v in key.items()):
            return True
    return False


@contextlib.contextmanager
def metered(client: Any) -> Iterator[Capacity]:
    """Price every DynamoDB call ``client`` makes inside the block; yields the running total."""
    import boto3

    reader = boto3.client("dynamodb", region_name=client.meta.region_name, endpoint_url=client.meta.endpoint_url)
    meter = CapacityMeter(client, reader)
    events = client.meta.events
    events.register(
        "before-parameter-build.dynamodb.*", meter.before_parameter_build, unique_id="capacity-meter-before"
    )
    events.register("after-call.dynamodb.*", meter.after_call, unique_id="capacity-meter-after")
    try:
        yield meter.capacity
    finally:
        events.unregister("before-parameter-build.dynamodb.*", unique_id="capacity-meter-before")
        events.unregister("after-call.dynamodb.*", unique_id="capacity-meter-after")

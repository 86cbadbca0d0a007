"""Counting DynamoDB requests with a botocore event hook on every DynamoDB client (and
the fault injector of tests/faults.py and the policy check of tests/access.py on every
client).

The hook is installed when this module is imported (tests/conftest.py does so first),
so that clients PynamoDB creates and caches are all counted."""
from __future__ import annotations

import json
from collections import Counter

import botocore.session

# the payment processor's own tables: the sandbox's (a stand-in for a processor's API)
# and the ACH rail's; their requests are counted apart, as "processor <operation>"
PROCESSOR_TABLES = ("sandbox-processor", "-ach")


def _request(params: dict | None, context: dict | None) -> dict:
    """A DynamoDB request's parameters (its JSON body), parsed once: the hooks of one
    request share them through botocore's request context."""
    if context is not None and "bench_request" in context:
        return context["bench_request"]
    try:
        request = json.loads((params or {}).get("body") or "{}")
    except ValueError:
        request = {}
    if context is not None:
        context["bench_request"] = request
    return request


def _tables(request: dict) -> set[str]:
    found = {request.get("TableName")} | set(request.get("RequestItems", {}))
    found |= {part.get("TableName") for item in request.get("TransactItems", [])
              for part in item.values()}
    return {t for t in found if t}


def processors(calls: Counter) -> int:
    """The requests of the calls made to the processor's tables."""
    return sum(n for op, n in calls.items() if op.startswith("processor "))


class DynamoCounter:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, model, params=None, context=None, **_) -> None:
        tables = _tables(_request(params, context))
        theirs = bool(tables) and all(t.endswith(PROCESSOR_TABLES) for t in tables)
        self.calls[f"processor {model.name}" if theirs else model.name] += 1


class ItemCounter:
    """Items DynamoDB read: what a Query or Scan examined, what a GetItem found; while
    `trail` is a list, each read request's (index or None, items counted, the items it
    returned as (table, item)) too."""

    def __init__(self) -> None:
        self.items = 0
        self.trail: list[tuple[str | None, int, list[tuple[str, dict]]]] | None = None

    def __call__(self, model, parsed=None, context=None, **_) -> None:
        parsed = parsed or {}
        request = (context or {}).get("bench_request", {})
        table = request.get("TableName", "")
        if model.name in ("Query", "Scan"):
            counted = int(parsed.get("ScannedCount", 0))
            returned = [(table, item) for item in parsed.get("Items", [])]
        elif model.name == "GetItem":
            returned = [(table, parsed["Item"])] if parsed.get("Item") else []
            counted = len(returned)
        elif model.name == "BatchGetItem":
            returned = [(name, item) for name, items in parsed.get("Responses", {}).items()
                        for item in items]
            counted = len(returned)
        else:
            return
        self.items += counted
        if self.trail is not None:
            self.trail.append((request.get("IndexName"), counted, returned))


class UnitCounter:
    """Capacity units each request takes, by table (or table/index), estimated as
    DynamoDB charges items of at most 1 KB: a consistent read of an item 1 RCU (a Query 1
    for each 4 items it examines, at least 1), a write 1 WCU, an item of a transaction
    2 (docs/capacity.md states it)."""

    def __init__(self) -> None:
        self.units: dict[str, list[float]] = {}  # table: [read units, write units]

    def _add(self, table: str, read: float = 0, write: float = 0) -> None:
        name = table.split("-", 2)[-1] if table.startswith("csp-") else table
        units = self.units.setdefault(name, [0.0, 0.0])
        units[0] += read
        units[1] += write

    def before(self, model, params=None, context=None, **_) -> None:
        request = _request(params, context)
        op, table = model.name, request.get("TableName", "")
        if op == "GetItem":
            self._add(table, read=1)
        elif op in ("PutItem", "UpdateItem", "DeleteItem"):
            self._add(table, write=1)
        elif op == "BatchGetItem":
            for name, spec in request.get("RequestItems", {}).items():
                self._add(name, read=len(spec.get("Keys", [])))
        elif op == "BatchWriteItem":
            for name, writes in request.get("RequestItems", {}).items():
                self._add(name, write=len(writes))
        elif op == "TransactWriteItems":
            for item in request.get("TransactItems", []):
                for part in item.values():
                    self._add(part.get("TableName", ""), write=2)
        elif op in ("Query", "Scan") and context is not None:
            index = request.get("IndexName")
            context["capacity_of"] = f"{table}/{index}" if index else table

    def after(self, model, parsed=None, context=None, **_) -> None:
        if model.name in ("Query", "Scan") and context and "capacity_of" in context:
            examined = int((parsed or {}).get("ScannedCount", 0))
            self._add(context.pop("capacity_of"), read=max(1, -(-examined // 4)))

    def snapshot(self) -> dict[str, list[float]]:
        return {k: list(v) for k, v in self.units.items()}


COUNTER = DynamoCounter()
ITEMS = ItemCounter()
UNITS = UnitCounter()
_create_client = botocore.session.Session.create_client


def _counted_client(self, service_name, *args, **kwargs):
    from tests.access import ACCESS
    from tests.faults import FAULTS

    client = _create_client(self, service_name, *args, **kwargs)
    client.meta.events.register("before-call", FAULTS)  # tests/faults.py
    client.meta.events.register("before-parameter-build", ACCESS)  # tests/access.py
    if service_name == "dynamodb":
        client.meta.events.register("before-call.dynamodb.*", COUNTER)
        client.meta.events.register("after-call.dynamodb.*", ITEMS)
        client.meta.events.register("before-call.dynamodb.*", UNITS.before)
        client.meta.events.register("after-call.dynamodb.*", UNITS.after)
    return client


botocore.session.Session.create_client = _counted_client


def units_since(before: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """The capacity units taken by table since the snapshot `before`."""
    now = UNITS.snapshot()
    return {t: (r - before.get(t, [0, 0])[0], w - before.get(t, [0, 0])[1])
            for t, (r, w) in now.items()
            if (r, w) != tuple(before.get(t, [0.0, 0.0]))}


def measure(action) -> tuple[object, Counter]:
    """Runs action; returns its result and the DynamoDB operations it made."""
    before = COUNTER.calls.copy()
    result = action()
    return result, COUNTER.calls - before

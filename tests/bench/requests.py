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


def _tables(params: dict | None) -> set[str]:
    body = (params or {}).get("body")
    try:
        request = json.loads(body) if body else {}
    except ValueError:
        return set()
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

    def __call__(self, model, params=None, **_) -> None:
        tables = _tables(params)
        theirs = bool(tables) and all(t.endswith(PROCESSOR_TABLES) for t in tables)
        self.calls[f"processor {model.name}" if theirs else model.name] += 1


class ItemCounter:
    """Items DynamoDB read: what a Query or Scan examined, what a GetItem found."""

    def __init__(self) -> None:
        self.items = 0

    def __call__(self, model, parsed=None, **_) -> None:
        parsed = parsed or {}
        if model.name in ("Query", "Scan"):
            self.items += int(parsed.get("ScannedCount", 0))
        elif model.name == "GetItem":
            self.items += 1 if parsed.get("Item") else 0
        elif model.name == "BatchGetItem":
            self.items += sum(len(v) for v in parsed.get("Responses", {}).values())


COUNTER = DynamoCounter()
ITEMS = ItemCounter()
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
    return client


botocore.session.Session.create_client = _counted_client


def measure(action) -> tuple[object, Counter]:
    """Runs action; returns its result and the DynamoDB operations it made."""
    before = COUNTER.calls.copy()
    result = action()
    return result, COUNTER.calls - before

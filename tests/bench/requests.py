"""Counting DynamoDB requests with a botocore event hook on every DynamoDB client.

The hook is installed when this module is imported (tests/conftest.py does so first),
so that clients PynamoDB creates and caches are all counted."""
from __future__ import annotations

from collections import Counter

import botocore.session


class DynamoCounter:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, model, **_) -> None:
        self.calls[model.name] += 1


COUNTER = DynamoCounter()
_create_client = botocore.session.Session.create_client


def _counted_client(self, service_name, *args, **kwargs):
    client = _create_client(self, service_name, *args, **kwargs)
    if service_name == "dynamodb":
        client.meta.events.register("before-call.dynamodb.*", COUNTER)
    return client


botocore.session.Session.create_client = _counted_client


def measure(action) -> tuple[object, Counter]:
    """Runs action; returns its result and the DynamoDB operations it made."""
    before = COUNTER.calls.copy()
    result = action()
    return result, COUNTER.calls - before

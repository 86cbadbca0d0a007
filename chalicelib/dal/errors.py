"""The data layer's own errors. PynamoDB's exceptions never leave chalicelib/dal: each
public function of a dal module is `@guarded`, which turns them into these, and the
services decide what a person is told (services/failures.py)."""
from __future__ import annotations


class DataError(Exception):
    """The store failed a request in a way nobody planned for (a bug, not the person's)."""


class Busy(DataError):
    """DynamoDB was busy (throttling, a conflicting transaction): nothing was written and
    the same request may succeed a moment later."""


class ChangedMeanwhile(DataError):
    """A write's condition no longer held: another request changed the item first."""


class Stale(ChangedMeanwhile):
    """A record read earlier was saved after someone else saved a newer version."""


class InProgress(DataError):
    """Another request holds the same idempotency key and has not finished."""

"""Counters for lockouts and rate limits, changed only by atomic conditional updates."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.expressions.update import Action
from pynamodb.models import Model

from chalicelib.dal.base import (
    TableMeta,
    Together,
    guarded,
    is_condition_failure,
    is_conflict,
    table_name,
    transaction,
    updated,
)


class Throttle(Model):
    class Meta(TableMeta):
        table_name = table_name("throttles")

    key = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)
    window_start = UTCDateTimeAttribute(null=True)
    locked_until = UTCDateTimeAttribute(null=True)
    streak = NumberAttribute(null=True)  # failures in a row, across windows
    ttl = TTLAttribute(null=True)


class Status(NamedTuple):
    locked_until: datetime | None
    hits: int
    streak: int = 0


@guarded
def status(key: str, now: datetime) -> Status:
    try:
        return status_of(Throttle.get(key, consistent_read=True), now)
    except DoesNotExist:
        return status_of(None, now)


def status_of(item: Throttle | None, now: datetime) -> Status:
    """The status a counter's item (None: never counted) stands for at `now`."""
    if item is None:
        return Status(None, 0)
    locked = item.locked_until if item.locked_until and item.locked_until > now else None
    return Status(locked, int(item.hits or 0), int(item.streak or 0))


@guarded
def record_failure(key: str, now: datetime, window: timedelta, limit: int,
                   lock_for: timedelta) -> datetime | None:
    """Counts a failure in a window that starts at the first failure; when the count
    reaches the limit, locks the key. Returns the lock's end, or None."""
    return _count_failure(key, now, window, limit, lock_for, None)[0]


@guarded
def record_streak_failure(key: str, now: datetime, window: timedelta, limit: int,
                          lock_for: timedelta, keep: timedelta) -> tuple[datetime | None, int]:
    """record_failure's window and lock, and in the same write a count of failures in a
    row that no window resets (kept `keep` after the last one; a success clears it).
    Returns the lock's end (or None) and that count."""
    return _count_failure(key, now, window, limit, lock_for, keep)


def _count_failure(key: str, now: datetime, window: timedelta, limit: int,
                   lock_for: timedelta, keep: timedelta | None) -> tuple[datetime | None, int]:
    """The window (and with `keep`, the streak) in one conditional update: ADD to an
    open window, or start a new one; at the limit, the lock."""
    cutoff = now - window
    item = Throttle(key)
    streak: list[Action] = ([Throttle.streak.add(1), Throttle.ttl.set(now + keep)] if keep
                            else [])
    expiry: list[Action] = [] if keep else [Throttle.ttl.set(now + window + lock_for)]
    for _ in range(3):  # a lost race between the two updates is retried
        if updated(item, actions=[Throttle.hits.add(1), *streak],
                   condition=Throttle.window_start > cutoff):
            break
        if updated(item, actions=[Throttle.hits.set(1), Throttle.window_start.set(now),
                                  *streak, *expiry],
                   condition=(Throttle.window_start.does_not_exist()
                              | (Throttle.window_start <= cutoff))):
            break
    count = int(item.streak or 0)
    if item.hits is None or item.hits < limit:
        return None, count
    until = now + lock_for
    item.update(actions=[Throttle.locked_until.set(until),
                         *([] if keep else [Throttle.ttl.set(until + window)])])
    return until, count


@guarded
def clear(key: str) -> None:
    Throttle(key).delete()


def clearing(key: str) -> Together:
    """clear, as a deletion for another write's transaction."""
    return Together(deletions=[(Throttle(key), None)])


class Limit(NamedTuple):
    """At most `most` hits in each fixed window of `window` for the key."""
    key: str
    window: timedelta
    most: int


def _window(limit: Limit, now: datetime) -> tuple[Throttle, list[Action]]:
    """The item counting this window's hits, and the actions that count one more."""
    seconds = int(limit.window.total_seconds())
    bucket = int(now.timestamp()) // seconds
    ends = datetime.fromtimestamp((bucket + 2) * seconds, now.tzinfo)
    return Throttle(f"{limit.key}#{bucket}"), [Throttle.hits.add(1), Throttle.ttl.set(ends)]


@guarded
def allow(key: str, now: datetime, window: timedelta, limit: int) -> bool:
    """A fixed-window rate limit: True while fewer than `limit` hits fell in this window."""
    return _allowed(Limit(key, window, limit), now)


def _allowed(limit: Limit, now: datetime) -> bool:
    item, actions = _window(limit, now)
    item.update(actions=actions)
    return item.hits <= limit.most


@guarded
def allow_all(limits: list[Limit], now: datetime) -> int | None:
    """Several fixed-window limits counted in one request (a transaction of conditional
    updates): None when each has room, and then each counts the hit; else the index of
    a full one, and none counts it. When another request's transaction holds one of the
    counters (DynamoDB refuses a conflicting one), they are counted one by one instead."""
    if len(limits) == 1:
        return None if _allowed(limits[0], now) else 0
    try:
        with transaction() as t:
            for limit in limits:
                item, actions = _window(limit, now)
                t.update(item, actions=actions,
                         condition=Throttle.hits.does_not_exist() | (Throttle.hits < limit.most))
    except TransactWriteError as error:
        if is_condition_failure(error):
            reasons = error.cancellation_reasons or []
            return next(i for i, reason in enumerate(reasons)
                        if reason is not None and reason.code == "ConditionalCheckFailed")
        if not is_conflict(error):
            raise  # DynamoDB busy: 503, as for any other request
        return next((i for i, limit in enumerate(limits) if not _allowed(limit, now)), None)
    return None

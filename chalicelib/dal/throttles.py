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
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, table_name, updated


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
        item = Throttle.get(key, consistent_read=True)
    except DoesNotExist:
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


@guarded
def allow(key: str, now: datetime, window: timedelta, limit: int) -> bool:
    """A fixed-window rate limit: True while fewer than `limit` hits fell in this window."""
    seconds = int(window.total_seconds())
    bucket = int(now.timestamp()) // seconds
    item = Throttle(f"{key}#{bucket}")
    item.update(actions=[Throttle.hits.add(1),
                         Throttle.ttl.set(datetime.fromtimestamp((bucket + 2) * seconds, now.tzinfo))])
    return item.hits <= limit

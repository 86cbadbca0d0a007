"""Failure counting is atomic: concurrent failures are all counted."""
import contextlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from unittest import mock

from pynamodb.exceptions import CancellationReason, TransactWriteError, VerboseClientError

from chalicelib.dal import throttles

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)
WINDOW = LOCK = timedelta(minutes=15)


def fail(key: str, now=NOW):
    return throttles.record_failure(key, now, WINDOW, 5, LOCK)


def test_concurrent_failures_are_each_counted_and_lock_once_at_the_limit(atomic_dynamodb):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: fail("k"), range(8)))
    assert sum(r is not None for r in results) == 4  # the 5th, 6th, 7th and 8th failures
    assert throttles.status("k", NOW) == throttles.Status(NOW + LOCK, 8)


def test_a_window_restarts_at_the_first_failure_after_it_ends(aws):
    for _ in range(4):
        fail("k")
    assert fail("k", NOW + WINDOW) is None
    assert throttles.status("k", NOW + WINDOW).hits == 1


def test_a_rate_limit_allows_the_limit_per_window(aws):
    allowed = [throttles.allow("r", NOW, timedelta(hours=1), 3) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert throttles.allow("r", NOW + timedelta(hours=1), timedelta(hours=1), 3)


def test_limits_counted_together_count_a_hit_only_when_each_has_room(aws):
    hour, minute = timedelta(hours=1), timedelta(minutes=1)
    limits = [throttles.Limit("a", hour, 3), throttles.Limit("b", hour, 2),
              throttles.Limit("all", minute, 10)]
    assert [throttles.allow_all(limits, NOW) for _ in range(4)] == [None, None, 1, 1]
    # the refused hits counted nowhere: "a" has room for one more, "all" for eight
    assert throttles.allow_all([limits[0], limits[2]], NOW) is None
    assert throttles.allow_all([limits[0], limits[2]], NOW) == 0
    assert throttles.allow_all(limits, NOW + hour) is None  # a new window


def test_limits_held_by_another_transaction_are_counted_one_by_one(aws, monkeypatch):
    conflict = VerboseClientError(
        {"Error": {"Code": "TransactionCanceledException", "Message": ""}}, "TransactWriteItems",
        cancellation_reasons=[CancellationReason(code="TransactionConflict"), None])

    @contextlib.contextmanager
    def conflicting():
        yield mock.Mock()
        raise TransactWriteError("conflict", cause=conflict)

    monkeypatch.setattr(throttles, "transaction", conflicting)
    limits = [throttles.Limit("a", timedelta(hours=1), 1),
              throttles.Limit("b", timedelta(hours=1), 5)]
    assert throttles.allow_all(limits, NOW) is None
    assert throttles.allow_all(limits, NOW) == 0
    assert throttles.allow("b", NOW, timedelta(hours=1), 5)  # the third hit of "b"

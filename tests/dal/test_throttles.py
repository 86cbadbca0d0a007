"""Failure counting is atomic: concurrent failures are all counted."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

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

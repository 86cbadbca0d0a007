"""A job with more to do than one run can take (issue #24, "jobs that finish"): a run
that runs out of time leaves its place and the next run goes on from it; a run that
reads to the end clears it. jobs/runs.py, Run.pages(resume=...)."""
from __future__ import annotations

from chalicelib.jobs.runs import Run
from tests.services.conftest import NOW

ITEMS = list(range(250))


def query(cursor):
    """250 items, 100 to a page, as an index's pages come."""
    start = cursor["at"] if cursor else 0
    following = {"at": start + 100} if start + 100 < len(ITEMS) else None
    return ITEMS[start:start + 100], following


def a_run(limit: int | None = None) -> Run:
    run = Run("payment_due", NOW)
    if limit is not None:  # out of time once `limit` items were read
        def out_of_time() -> bool:
            run.stopped_early = run.stopped_early or run.read >= limit
            return run.stopped_early
        run.out_of_time = out_of_time  # type: ignore[method-assign]
    return run


def test_a_run_out_of_time_leaves_its_place_and_the_next_goes_on(aws):
    handled: list[int] = []
    first = a_run(limit=150)
    first.each(first.pages(query, resume="2026-03-07"), handled.append)
    assert first.stopped_early and handled == ITEMS[:150]
    second = a_run(limit=400)
    second.each(second.pages(query, resume="2026-03-07"), handled.append)
    # the page it was in is read again (each item is done once by its own mark)
    assert not second.stopped_early and handled[150:] == ITEMS[100:]
    assert set(handled) == set(ITEMS)
    third = a_run()
    third.each(third.pages(query, resume="2026-03-07"), lambda item: None)
    assert third.read == 250  # read to the end before: from the start (marks skip each)
    other_day = a_run(limit=50)
    other_day.each(other_day.pages(query, resume="2026-03-08"), lambda item: None)
    assert other_day.read == 50  # its own place, not 2026-03-07's


def test_the_place_stays_before_an_item_that_failed(aws):
    first = a_run(limit=220)

    def fails_at_120(item: int) -> None:
        if item == 120:
            raise RuntimeError("DynamoDB was busy")

    first.each(first.pages(query, resume="2026-03-09"), fails_at_120)
    assert first.failed == 1 and first.stopped_early
    second = a_run()
    seen: list[int] = []
    second.each(second.pages(query, resume="2026-03-09"), seen.append)
    assert seen[0] == 100  # the page where 120 failed, read again


def test_without_resume_a_run_starts_from_the_beginning(aws):
    first = a_run(limit=150)
    first.each(first.pages(query), lambda item: None)
    second = a_run()
    second.each(second.pages(query), lambda item: None)
    assert second.read == 250

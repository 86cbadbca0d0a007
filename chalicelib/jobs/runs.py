"""What every job is made of: the registry (`@job`) and a run's bookkeeping (`Run`:
items read, sent, skipped and failed; paging; once per mark; the time limit)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from chalicelib.dal import job_marks
from chalicelib.dal.outbox import Mail
from chalicelib.observability import logger

JOBS: dict[str, Callable[["Run"], None]] = {}
T = TypeVar("T")
Cursor = dict[str, Any] | None
MARGIN_SECONDS = 20  # stop this long before the Lambda's time is up


def job(name: str) -> Callable[[Callable[["Run"], None]], Callable[["Run"], None]]:
    def register(fn: Callable[["Run"], None]) -> Callable[["Run"], None]:
        JOBS[name] = fn
        return fn
    return register


@dataclass
class Run:
    name: str
    now: datetime
    deadline: float | None = None  # time.monotonic() to stop by
    read: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    stopped_early: bool = False
    errors: list[str] = field(default_factory=list)

    def out_of_time(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.stopped_early = True
        return self.stopped_early

    def each(self, items: Iterable[T], handle: Callable[[T], str | None]) -> None:
        """Handles items one by one: `handle` returns "sent", "skipped" or None (done
        something else); an exception fails that item only."""
        for item in items:
            if self.out_of_time():
                return
            self.read += 1
            try:
                outcome = handle(item)
            except Exception as error:  # one item must not stop the run
                self.failed += 1
                self.errors.append(type(error).__name__)
                logger.exception("job item failed", extra={"job": self.name})
                continue
            if outcome == "sent":
                self.sent += 1
            elif outcome == "skipped":
                self.skipped += 1

    def pages(self, query: Callable[[Cursor], tuple[list[T], Cursor]],
              resume: str | None = None) -> Iterator[T]:
        """Every item of a paged query, page by page, until done or out of time. With
        `resume` (what is read: "2026-03-07"), a run that runs out of time leaves its
        place, and the next run of the job goes on from there instead of starting again
        (a daily job runs hourly through the day, so what one run could not finish the
        next finishes). The place never moves past a page where an item failed, and a
        run that reads to the end clears it: the next run reads all again, each item
        done once by its own mark."""
        mark = f"cursor:{self.name}:{resume}" if resume else None
        cursor = job_marks.position(mark) if mark else None
        while not self.out_of_time():
            failed = self.failed
            items, following = query(cursor)
            yield from items
            if self.out_of_time():  # this page's items may not all have been handled:
                return              # it is read again
            if self.failed > failed:  # an item failed: the place stays before it
                mark = None
            cursor = following
            if mark:
                job_marks.save_position(mark, cursor, self.now)
            if not cursor:
                return

    def once(self, mark: str, mail: Sequence[Mail]) -> str:
        """Queues the email once for the mark ("sent"), or not at all if done before
        ("skipped"): the mark and the message are written together."""
        return "sent" if job_marks.claim(f"{self.name}:{mark}", self.now, mail) else "skipped"

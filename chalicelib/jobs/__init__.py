"""Background jobs: each reads only what is due (a sparse index keyed by day or bucket,
one Query per bucket, page by page), does each item once (state that moves on, or a
mark keyed by item and period), lets one item fail without stopping the others, stops
before the Lambda time limit (what is left is still due and is taken by the next run),
and logs and counts what it read, sent, skipped and failed.

`run(name, now)` runs one; `chalicelib/handlers/schedules.py` runs them on their
schedules, and `python -m chalicelib.tools.run_job NAME [--now ISO]` by hand."""
from __future__ import annotations

import time
from datetime import datetime

from chalicelib.jobs import (
    ach_file,
    autopay_run,
    cleanup,
    drafts,
    interest,
    reminders,
    settlement,
)
from chalicelib.jobs.runs import JOBS, MARGIN_SECONDS, Run
from chalicelib.observability import flush_metrics, logger, metrics
from chalicelib.services.scope import reset_scope

__all__ = ["JOBS", "MARGIN_SECONDS", "Run", "run", "ach_file", "autopay_run", "cleanup", "drafts", "interest",
           "reminders", "settlement"]


def run(name: str, now: datetime, remaining_ms: int | None = None) -> Run:
    reset_scope()
    deadline = (time.monotonic() + remaining_ms / 1000 - MARGIN_SECONDS
                if remaining_ms is not None else None)
    done = Run(name, now, deadline)
    JOBS[name](done)
    logger.info("job run", extra={"job": name, "read": done.read, "sent": done.sent,
                                  "skipped": done.skipped, "failed": done.failed,
                                  "stopped_early": done.stopped_early})
    metrics.add_dimension(name="job", value=name)
    for metric, value in (("JobItemsRead", done.read), ("JobSent", done.sent),
                          ("JobSkipped", done.skipped), ("JobFailed", done.failed),
                          ("JobStoppedEarly", int(done.stopped_early))):
        metrics.add_metric(name=metric, unit="Count", value=value)
    flush_metrics()
    return done

"""The scheduled jobs off Lambda: what EventBridge's rules do, against the local AWS.
`make run` runs the hourly jobs (settlement above all: a read never asks the processor,
so a payment posts when this job says so) every JOB_SECONDS in a thread; the soak run
runs every job on its own fast schedule. The daily reminders run by hand there
(`python -m chalicelib.tools.run_job NAME`), as they would swamp a local mailbox."""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping

from chalicelib import jobs
from chalicelib.clock import utc_now
from chalicelib.handlers.schedules import HOURLY as EVERY_HOUR
from chalicelib.handlers.schedules import SCHEDULES

JOB_SECONDS = 15.0  # make run's payments settle after a minute (SANDBOX_SETTLE_SECONDS)
# the hourly jobs, and the ACH rail's file (it sends the day's once it closes; on a
# stage without the rail, it reads nothing)
HOURLY = tuple(name for name, when in SCHEDULES.items() if when is EVERY_HOUR) + ("ach_file",)


def configured() -> "JobClock":
    """make run's clock: the hourly jobs every LOCAL_JOB_SECONDS (15); with LOCAL_JOBS=all,
    every job, the daily ones too (the soak run); with LOCAL_JOBS=none, none (make load,
    which times requests alone: in AWS a job runs in its own function, here it would take
    the API's cores at random moments)."""
    seconds = float(os.environ.get("LOCAL_JOB_SECONDS", JOB_SECONDS))
    names = {"all": tuple(SCHEDULES), "none": ()}.get(os.environ.get("LOCAL_JOBS", ""), HOURLY)
    return JobClock({name: seconds for name in names})


class JobClock:
    def __init__(self, every: Mapping[str, float] | None = None) -> None:
        self.every = dict({name: JOB_SECONDS for name in HOURLY} if every is None else every)
        self.runs: dict[str, int] = {name: 0 for name in self.every}
        self.failures: list[str] = []

    def tick(self, due: Mapping[str, float]) -> dict[str, float]:
        """Runs each job whose time has come; returns when each is next due."""
        now = time.monotonic()
        following = dict(due)
        for name, seconds in self.every.items():
            if due.get(name, 0.0) > now:
                continue
            try:
                jobs.run(name, utc_now())
                self.runs[name] += 1
            except Exception as error:  # the local AWS stopping, say: next time
                self.failures.append(f"{name}: {type(error).__name__}")
                print(f"job clock: {name}: {type(error).__name__}: {error}", flush=True)
            following[name] = now + seconds
        return following

    def start(self) -> threading.Event:
        """Runs in a daemon thread until the returned event is set."""
        stop = threading.Event()

        def loop() -> None:
            due: dict[str, float] = {}
            while not stop.is_set():
                due = self.tick(due)
                stop.wait(min(self.every.values(), default=1.0) / 4)

        threading.Thread(target=loop, name="job-clock", daemon=True).start()
        return stop

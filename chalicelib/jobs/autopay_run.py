"""Automatic payments: each schedule that runs today (its day of the month, within its
dates) pays once for the month through the one payment service; a decline is told to
the parent once and not tried again that month."""
from __future__ import annotations

from chalicelib.clock import agency_date
from chalicelib.dal import autopay as store
from chalicelib.dal import job_marks, users
from chalicelib.domain import ledger
from chalicelib.domain.money import display
from chalicelib.errors import Declined
from chalicelib.jobs.runs import Run, job
from chalicelib.services import autopay, notices


@job("autopay")
def run_schedules(run: Run) -> None:
    day = agency_date(run.now)
    run.each(run.pages(lambda c: store.due_on_day(day.day, c)),
             lambda schedule: _pay(run, schedule, day))


def _pay(run: Run, schedule, day) -> str | None:
    if not autopay.runs_on(schedule, day):
        return "skipped"
    mark = f"autopay:{schedule.schedule_id}:{ledger.period_of(day)}"
    if not job_marks.claim(mark, run.now):
        return "skipped"
    try:
        autopay.run(schedule, day, run.now)
    except Declined as declined:
        user = users.get(schedule.user_id)
        if user is not None:
            notices.send_notice(user, "autopay_failed", run.now, case_id=schedule.case_id,
                                last4=schedule.last4, reason=declined.details.get("reason"),
                                amount=display(int(schedule.amount_cents))
                                if schedule.amount_cents is not None
                                else "the monthly obligation")
        raise
    except BaseException:
        job_marks.release(mark)  # not charged: a later run may try again
        raise
    return "sent"

"""Interest on arrears, monthly: on the first day of a month (agency time) each case that
owes principal (the sparse by_owing_shard index, in sixteen shards: a case that owes none
is not read; its entry holds what is read of the case, then its ledger) is charged
the interest of the month just ended, dated its last day (15 AAC 125.840(a)). The
entries' keys name the month, so a second run, or one that overlaps, charges nothing
again. A missed month is charged by running the job by hand with --now in the month
after it."""
from __future__ import annotations

from functools import partial

from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.domain import ledger
from chalicelib.domain.interest import months_before
from chalicelib.jobs.runs import Run, job
from chalicelib.services import case_ledger
from chalicelib.services.state_data import interest_rule


@job("interest")
def charge_interest(run: Run) -> None:
    if not interest_rule().charged:
        return
    month = months_before(ledger.period_of(agency_date(run.now)), 1)
    for key in agency.OWING_KEYS:
        run.each(run.pages(partial(agency.owing_cases, key), resume=f"{month}:{key}"),
                 lambda entry: "sent" if case_ledger.post_interest(entry, month, run.now)
                 else "skipped")

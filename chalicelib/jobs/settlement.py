"""Settlement: asks the processor about each payment due a check (pending past its
settle time, or posted until returns are final) and records what it says: posted
(ledger, distribution, balances), returned (reversed), or failed (declined, or no charge
behind it past the processor's window). Only this job asks the processor: a read shows
the payment as recorded ("checking" once it is due)."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

from chalicelib.dal import payments as store
from chalicelib.jobs.runs import Run, job
from chalicelib.services import payments

LOOK_BACK_DAYS = 3


@job("settlement")
def settle(run: Run) -> None:
    today = run.now.date()
    for back in range(LOOK_BACK_DAYS, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        run.each(run.pages(partial(store.to_check_on, day)),
                 lambda key: _check(run, key))


def _check(run: Run, payment) -> str | None:
    """The index holds the whole payment, read once (it may lag the item a moment: each
    write the check makes is conditional on the state it read)."""
    before = payment.status
    payment = payments.check(payment, run.now)
    return None if payment.status != before else "skipped"

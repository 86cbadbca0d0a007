"""Posting a payment to a case: the ledger entry, how it was distributed (this period's
current support first, then arrears oldest first), the case's per-period totals and its
last payment, written in one transaction. Portal payments (when they settle) and
payments the agency records (income withholding, checks) both come through here.

A case changes under concurrent writers (another payment, an agency load), so a write
that finds the case changed reads it again and retries; `done` tells whether someone
else already did this very posting, which makes a retry or a duplicate harmless."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Sequence

from chalicelib.dal import agency
from chalicelib.dal.agency import Allocation, CaseItem
from chalicelib.dal.base import Update
from chalicelib.domain import ledger
from chalicelib.errors import NotFound, Unavailable

ATTEMPTS = 8


def periods_of(case: CaseItem) -> dict[str, ledger.PeriodTotal]:
    """The case's charged and paid totals by period (YYYY-MM), as the ledger keeps them."""
    raw = case.periods.as_dict() if case.periods else {}
    return {p: ledger.PeriodTotal(int(t["charged"]), int(t["paid"])) for p, t in raw.items()}


def monthly_obligation(case: CaseItem) -> int:
    """Current and medical support due each month (0 for an arrears-only case)."""
    o = case.obligation
    return int(o.monthly_support_cents) + int(o.medical_support_cents or 0) if o else 0


def backoff(attempt: int) -> None:
    """Waits a little before retrying, longer after each try, spread so that writers
    that collided do not collide again (full jitter, at most about a second)."""
    if attempt:
        # the jitter of a retry, not a secret (bandit B311)
        time.sleep(random.uniform(0, min(1.0, 0.02 * 2 ** attempt)))  # nosec B311


@dataclass(frozen=True)
class Posted:
    applied: list[tuple[str, int]]
    credit: int


def post_payment(case_id: str, entry_key: str, amount: int, on: date, description: str,
                 now: datetime, *, source: str, reference: str | None = None,
                 alongside: Callable[[Posted], list[Update]] = lambda posted: [],
                 done: Callable[[], bool]) -> Posted | None:
    """Posts a payment received `on` a date. `alongside` gives the updates to write in
    the same transaction, knowing the distribution. None when `done` says it was posted
    already."""
    for attempt in range(ATTEMPTS):
        backoff(attempt)
        case = _case(case_id)
        periods = periods_of(case)
        period = ledger.period_of(on)
        applied, credit = ledger.allocate_payment(periods, period, amount)
        entry = CaseItem(case_id, entry_key, on=on.isoformat(), kind="payment",
                         amount_cents=amount, description=description, source=source,
                         reference=reference, credit_cents=credit, updated_at=now,
                         distribution=[Allocation(period=p, cents=c) for p, c in applied])
        last = case.last_payment.as_dict() if case.last_payment else None
        if last is None or on.isoformat() >= last["on"]:
            last = {"on": on.isoformat(), "amount_cents": amount}
        posted = Posted(applied, credit)
        if agency.post_ledger_entry(case, entry, _with(periods, period, amount), last, now,
                                    alongside(posted)):
            return posted
        if done():
            return None
    raise Unavailable("The payment could not be recorded now; it will be on the next try.")


def reverse_payment(case_id: str, entry_key: str, amount: int, paid_on: date, on: date,
                    description: str, now: datetime, *, source: str,
                    alongside: Sequence[Update] = (),
                    done: Callable[[], bool]) -> bool:
    """Reverses a payment (a bank return): what it paid in its period is taken back, so
    its distribution is undone and the periods it covered are owed again."""
    for attempt in range(ATTEMPTS):
        backoff(attempt)
        case = _case(case_id)
        periods = periods_of(case)
        entry = CaseItem(case_id, entry_key, on=on.isoformat(), kind="payment",
                         amount_cents=-amount, description=description, source=source,
                         updated_at=now)
        last = case.last_payment.as_dict() if case.last_payment else None
        if agency.post_ledger_entry(case, entry,
                                    _with(periods, ledger.period_of(paid_on), -amount),
                                    last, now, alongside):
            return True
        if done():
            return False
    raise Unavailable("The return could not be recorded now; it will be on the next try.")


def _case(case_id: str) -> CaseItem:
    case = agency.case(case_id)
    if case is None:
        raise NotFound("That case was not found.", code="case_not_found")
    return case


def _with(periods: dict[str, ledger.PeriodTotal], period: str, paid: int) -> dict[str, Any]:
    old = periods.get(period, ledger.PeriodTotal())
    new = {**periods, period: ledger.PeriodTotal(old.charged, old.paid + paid)}
    return {p: {"charged": t.charged, "paid": t.paid} for p, t in new.items()}

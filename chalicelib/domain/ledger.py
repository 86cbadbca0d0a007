"""Balances from a case ledger. Amounts are integer cents; periods are "YYYY-MM".

A charge (current support, medical support), interest or a positive adjustment adds to
what is owed in its period; a payment or a negative adjustment reduces it. Each
period's payments go to that period's current support first, then to the oldest
unpaid periods (arrears), the way a payment is distributed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

CHARGE_KINDS = ("charge", "interest", "adjustment")
CREDIT_KINDS = ("payment",)
KINDS = CHARGE_KINDS + CREDIT_KINDS


@dataclass(frozen=True)
class Entry:
    on: date
    kind: str
    amount_cents: int  # a payment is positive; an adjustment may be negative

    @property
    def period(self) -> str:
        return f"{self.on.year:04d}-{self.on.month:02d}"


@dataclass(frozen=True)
class PeriodTotal:
    charged: int = 0
    paid: int = 0


@dataclass(frozen=True)
class Balances:
    period: str
    charged_this_period: int
    paid_this_period: int
    current_due: int  # current support still due this period
    arrears: int  # owed for earlier periods
    total: int  # all that is owed (may be negative: a credit)

    @property
    def obligation_met(self) -> bool:
        return self.current_due == 0


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def totals(entries: Iterable[Entry]) -> dict[str, PeriodTotal]:
    """Charges and payments per period, the compact form a case keeps."""
    found: dict[str, list[int]] = {}
    for entry in entries:
        slot = found.setdefault(entry.period, [0, 0])
        if entry.kind in CREDIT_KINDS:
            slot[1] += entry.amount_cents
        else:
            slot[0] += entry.amount_cents
    return {p: PeriodTotal(c, d) for p, (c, d) in sorted(found.items())}


def distribute(periods: dict[str, PeriodTotal], as_of: str) -> tuple[dict[str, int], int]:
    """What is still unpaid of each period up to as_of, and the credit left over, after
    distributing every period's payments (and any earlier credit): its own charges
    first, then the oldest unpaid periods."""
    unpaid: dict[str, int] = {}
    credit = 0
    for period in sorted(p for p in periods if p <= as_of):
        total = periods[period]
        unpaid[period] = max(total.charged, 0)
        credit += total.paid - min(total.charged, 0)  # a net-negative period is a credit
        for target in [period, *sorted(unpaid)]:  # its own period first, then the oldest
            applied = min(credit, unpaid[target])
            unpaid[target] -= applied
            credit -= applied
    return unpaid, credit


def outstanding_by_period(periods: dict[str, PeriodTotal], as_of: str) -> dict[str, int]:
    return distribute(periods, as_of)[0]


def balances(periods: dict[str, PeriodTotal], as_of: str) -> Balances:
    unpaid, credit = distribute(periods, as_of)
    this = periods.get(as_of, PeriodTotal())
    current_due = unpaid.get(as_of, 0)
    total = sum(unpaid.values()) - credit
    return Balances(period=as_of, charged_this_period=this.charged, paid_this_period=this.paid,
                    current_due=current_due, arrears=max(total - current_due, 0), total=total)


def allocate_payment(periods: dict[str, PeriodTotal], as_of: str,
                     amount: int) -> tuple[list[tuple[str, int]], int]:
    """How a payment made in period as_of is distributed (federal order): this period's
    current support first, then arrears, oldest period first. Returns [(period, cents)]
    and what is left over as a credit."""
    unpaid, _ = distribute(periods, as_of)
    remaining = amount
    applied: list[tuple[str, int]] = []
    for period in [as_of, *sorted(p for p in unpaid if p != as_of)]:
        take = min(remaining, unpaid.get(period, 0))
        if take > 0:
            applied.append((period, take))
            remaining -= take
    return applied, remaining

"""A case's ledger, replayed: what it owes by bucket (the month a debt fell due, its kind
and whom it is owed to) and what each entry did. Pure; integer cents; periods "YYYY-MM".

Entries are taken in the order the agency received them (the day, charges before
payments, then the order recorded), so a payment recorded late is distributed as of the
day it was received (45 CFR 302.51(a)(1): the date of collection), and a payment
returned by the bank is taken out as if never made and what came after is distributed
again. Each payment is distributed by domain/distribution (42 U.S.C. 657; 45 CFR
302.51). The case keeps the outcome (`Book`) so a balance is one read, and anyone can
replay the ledger and get the same book: the stored distribution is the balances'."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Callable, Iterable, Literal, Sequence

from chalicelib.domain.distribution import (
    Debt,
    History,
    Kind,
    Owner,
    Paid,
    Rules,
    distribute,
)

# a ledger entry's kind -> the kind of debt it adds to
DEBT_KINDS: dict[str, Kind] = {"charge": "support", "adjustment": "support",
                               "interest": "interest", "fee": "fee"}
CreditRule = Literal["applied", "held", "refunded"]
# the history a case type stands for when the agency sent no spells of assistance
LABELS: dict[str, History] = {"Current Assistance (TANF)": "current", "Foster care": "current",
                              "Former Assistance": "former"}


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Entry:
    key: str
    on: date
    kind: str  # charge | adjustment | interest | fee | payment
    cents: int  # a payment is positive, its return negative; an adjustment either
    source: str | None = None  # a payment's: how it reached the agency
    owner: Owner | None = None  # a debt's, when the agency says; else by the assistance
    reverses: str | None = None  # a return: the key of the payment it takes back

    @property
    def period(self) -> str:
        return period_of(self.on)


@dataclass(frozen=True)
class Assistance:
    """A spell of public assistance (TANF, foster care): support that fell due in it is
    assigned to the state (42 U.S.C. 608(a)(3))."""
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def history_on(spells: Sequence[Assistance], day: date, label: History) -> History:
    """The case's assistance history on a day, from its spells; the case type's label
    when the agency sent none."""
    if not spells:
        return label
    if any(s.covers(day) for s in spells):
        return "current"
    return "former" if any(s.start <= day for s in spells) else "never"


@dataclass(frozen=True)
class Line:
    """What one entry did: the debts a payment (or a credit, applied to a new charge)
    paid, and what a payment left as credit. A returned payment and its return did
    nothing (`returned`)."""
    paid: tuple[Paid, ...] = ()
    credit: int = 0
    returned: bool = False


@dataclass(frozen=True)
class Balances:
    period: str
    charged_this_period: int  # this month's current support
    paid_this_period: int  # received this month
    current_due: int  # this month's current support still due
    arrears: int  # everything else due: earlier months' support, interest, fees
    total: int  # all that is owed
    owed_to_family: int
    owed_to_state: int  # assigned to the state
    interest: int = 0  # of the arrears, interest still due
    credit: int = 0  # paid beyond what was owed, shown apart (the state's rule says
    #                  whether it is applied, held or refunded)

    @property
    def obligation_met(self) -> bool:
        return self.current_due == 0


BucketKey = tuple[str, Kind, Owner]


@dataclass(frozen=True)
class Book:
    """A case's outcome: each bucket's charged and paid, what was received each month and
    the credit held."""
    buckets: dict[BucketKey, tuple[int, int]] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    credit: int = 0

    def unpaid(self, as_of: str) -> dict[BucketKey, int]:
        """What is still owed in each bucket due by the month as_of."""
        return {k: c - p for k, (c, p) in sorted(self.buckets.items())
                if k[0] <= as_of and c > p}

    def balances(self, as_of: str) -> Balances:
        unpaid = self.unpaid(as_of)
        current = sum(v for (p, kind, _), v in unpaid.items() if p == as_of and kind == "support")
        owed = sum(unpaid.values())
        charged = sum(c for (p, kind, _), (c, _paid) in self.buckets.items()
                      if p == as_of and kind == "support")
        return Balances(
            period=as_of, charged_this_period=charged,
            paid_this_period=self.received.get(as_of, 0), current_due=current,
            arrears=owed - current, total=owed, credit=max(self.credit, 0),
            owed_to_family=sum(v for k, v in unpaid.items() if k[2] == "family"),
            owed_to_state=sum(v for k, v in unpaid.items() if k[2] == "state"),
            interest=sum(v for k, v in unpaid.items() if k[1] == "interest"))

    def owed_from(self) -> str | None:
        """The first month with something still unpaid (None when nothing is owed, now or
        later): from that month `balances(...).total` is more than 0."""
        unpaid = [period for (period, _, _), (c, p) in self.buckets.items() if c > p]
        return min(unpaid) if unpaid else None

    @property
    def owes_principal(self) -> bool:
        """Support is owed (due now or later): the case may earn interest."""
        return any(c > p for (_, kind, _), (c, p) in self.buckets.items() if kind == "support")

    def arrears_by_period(self, as_of: str, kind: Kind | None = None) -> list[tuple[str, int]]:
        """What earlier months still owe (support, interest and fees; or one kind), oldest
        first."""
        months: dict[str, int] = {}
        for (period, of_kind, _), cents in self.unpaid(as_of).items():
            if period != as_of and kind in (None, of_kind):
                months[period] = months.get(period, 0) + cents
        return sorted(months.items())

    def received_since(self, period: str) -> dict[str, int]:
        """What was received in `period` and each month after it (kept beside the book, so
        a reminder of a month's support due reads only what its index holds)."""
        return {p: v for p, v in sorted(self.received.items()) if p >= period}

    def to_json(self) -> str:
        return json.dumps({"buckets": [[*k, c, p] for k, (c, p) in sorted(self.buckets.items())],
                           "received": self.received, "credit": self.credit},
                          separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Book:
        if not text:
            return cls()
        raw = json.loads(text)
        return cls({(p, k, o): (int(c), int(d)) for p, k, o, c, d in raw["buckets"]},
                   {p: int(v) for p, v in raw["received"].items()}, int(raw["credit"]))


@dataclass(frozen=True)
class Case:
    """What a replay needs to know of the case besides its ledger."""
    label: History = "never"  # from the case type, when there are no spells
    spells: tuple[Assistance, ...] = ()

    def history(self, day: date) -> History:
        return history_on(self.spells, day, self.label)

    def owner_of(self, entry: Entry) -> Owner:
        """Whom a debt is owed to: the agency's word, else the state for support that fell
        due during assistance (assigned, 42 U.S.C. 608(a)(3)), else the family."""
        if entry.owner:
            return entry.owner
        return "state" if self.history(entry.on) == "current" else "family"


def rules_from(found: dict[str, Any]) -> tuple[Rules, CreditRule]:
    """A state's distribution rules from its data file (data/<state>/distribution.json)."""
    return (Rules(kind_order=tuple(found["kind_order"]),
                  pass_through_cents=int(found["pass_through_cents"])), found["credit"])


def order(entries: Iterable[Entry]) -> list[Entry]:
    """Entries as received: by day, debts before payments that day, then as recorded."""
    return sorted(entries, key=lambda e: (e.on, e.kind == "payment", e.key))


def replay(entries: Iterable[Entry], case: Case | None = None, rules: Rules | None = None,
           credit_rule: CreditRule = "applied") -> tuple[Book, dict[str, Line]]:
    """The book a case's ledger comes to, and what each entry did (by default a case
    never on assistance, under the federal order alone)."""
    case, rules = case or Case(), rules or Rules()
    run = _Run(case, rules, credit_rule)
    listed = order(entries)
    returned = {e.reverses for e in listed if e.kind == "payment" and e.cents < 0}
    known = {e.key for e in listed}
    for entry in listed:
        if entry.key in returned or (entry.reverses and entry.reverses in known):
            run.lines[entry.key] = Line(returned=True)
        elif entry.kind == "payment":
            run.payment(entry) if entry.cents >= 0 else run.taken_back(entry)
        elif entry.cents >= 0:
            run.debt(entry)
        else:
            run.forgiven(entry)
    return Book(dict(run.buckets), run.received, run.credit), run.lines


class _Run:
    """A replay under way: the buckets as [charged, paid], the credit, and the lines."""

    def __init__(self, case: Case, rules: Rules, credit_rule: CreditRule):
        self.case, self.rules, self.credit_rule = case, rules, credit_rule
        self.buckets: dict[BucketKey, tuple[int, int]] = {}
        self.received: dict[str, int] = {}
        self.passed: dict[str, int] = {}  # passed through to the family, by month
        self.credit = 0
        self.lines: dict[str, Line] = {}

    def _add(self, key: BucketKey, charged: int = 0, paid: int = 0) -> None:
        c, p = self.buckets.get(key, (0, 0))
        self.buckets[key] = (c + charged, p + paid)

    def _debts(self, keep: Callable[[BucketKey], bool] = lambda key: True) -> list[Debt]:
        return [Debt(k[1], k[0], k[2], c - p) for k, (c, p) in self.buckets.items()
                if c > p and keep(k)]

    def debt(self, entry: Entry) -> None:
        key = (entry.period, DEBT_KINDS[entry.kind], self.case.owner_of(entry))
        self._add(key, charged=entry.cents)
        applied = (max(min(self.credit, entry.cents), 0) if self.credit_rule == "applied"
                   else 0)
        if applied:  # a credit held pays the next debt (the state's rule)
            self._add(key, paid=applied)
            self.credit -= applied
            history = self.case.history(entry.on)
            debt = Debt(key[1], key[0], key[2], entry.cents)
            keeper: Owner = "state" if history == "current" else key[2]
            self.lines[entry.key] = Line((Paid(debt, applied, key[1] == "support", keeper),),
                                         -applied)

    def forgiven(self, entry: Entry) -> None:
        """A negative adjustment: what is owed that month first, then the oldest debts;
        more than is owed becomes a credit."""
        left = -entry.cents
        own = sorted(self._debts(lambda k: k[0] == entry.period), key=_oldest)
        for debt in own + sorted(self._debts(lambda k: k[0] != entry.period), key=_oldest):
            take = min(left, debt.cents)
            self._add((debt.period, debt.kind, debt.owner), charged=-take)
            left -= take
        self.credit += left

    def payment(self, entry: Entry) -> None:
        """Distributed as of the month received; what that month's order leaves pays debts
        that fell due later (a payment recorded late), then is a credit."""
        history = self.case.history(entry.on)
        period = entry.period
        rules = replace(self.rules, pass_through_cents=max(
            self.rules.pass_through_cents - self.passed.get(period, 0), 0))
        source = entry.source or "other"
        first = distribute(self._debts(), history, source, entry.cents, period, rules)
        later = distribute(self._debts(lambda k: k[0] > period), history, source,
                           first.left_over, "9999-12", rules)
        paid = first.paid + later.paid
        for part in paid:
            self._add((part.debt.period, part.debt.kind, part.debt.owner), paid=part.cents)
            if part.current and history == "current" and part.kept_by == "family":
                self.passed[period] = self.passed.get(period, 0) + part.cents
        self.credit += later.left_over
        self.received[period] = self.received.get(period, 0) + entry.cents
        self.lines[entry.key] = Line(paid, later.left_over)

    def taken_back(self, entry: Entry) -> None:
        """A negative payment the agency recorded without the payment it takes back: it
        comes off the credit first, then unpays the newest debts."""
        left = -entry.cents
        from_credit = min(left, self.credit)
        self.credit -= from_credit
        left -= from_credit
        for key in sorted(self.buckets, reverse=True):
            charged, paid = self.buckets[key]
            take = min(left, paid)
            self.buckets[key] = (charged, paid - take)
            left -= take
        self.credit -= left  # more than was ever paid: owed back, a negative credit
        self.received[entry.period] = self.received.get(entry.period, 0) + entry.cents
        self.lines[entry.key] = Line(credit=-from_credit)


def _oldest(debt: Debt) -> tuple[str, str, str]:
    return debt.period, debt.kind, debt.owner

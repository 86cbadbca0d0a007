"""Distributing a collection on a IV-D case: which debts a payment pays, in which order,
and who keeps each part. Pure and table-driven; integer cents throughout.

The federal order (42 U.S.C. 657(a); 45 CFR 302.51):

- every collection but an intercept pays the month's current support first
  (657(a)(1)-(2)); what is left pays arrears, oldest month first;
- never assistance: the arrears are all the family's (657(a)(3));
- former assistance: family arrears (never assigned, or no longer assigned) before the
  arrears assigned to the state (657(a)(2)(B)(i)-(ii));
- current assistance: the state keeps current support and assigned arrears to repay the
  assistance (657(a)(1)(A)), and the family's own arrears are assigned to it too while
  assistance continues (temporarily, 608(a)(3)): the family gets nothing but what the
  state passes through (657(a)(6)(B), the state's choice: `Rules.pass_through_cents`);
- a federal tax refund offset pays past-due support only (42 U.S.C. 664(a); 45 CFR
  303.72(h)) and, for a family that received assistance, the state's assigned arrears
  before the family's (657(a)(2)(B)(iv));
- a state intercept (a state tax refund, unemployment, a lottery win, Alaska's Permanent
  Fund Dividend) pays past-due support only; the family's arrears first.

Interest, fees and principal are their own buckets; their order among themselves is the
state's rule (`Rules.kind_order`, from its data file with the citation). What no debt
takes is left over: a credit (or, for an offset, the state's rule says refund).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

History = Literal["never", "former", "current"]
Owner = Literal["family", "state"]
Kind = Literal["support", "interest", "fee"]
# how a collection reached the agency; each is a regular collection or an intercept
REGULAR = frozenset({"portal", "income_withholding", "check", "money_order", "cash",
                     "other"})
FEDERAL_OFFSET = "federal_tax_offset"
INTERCEPTS = frozenset({FEDERAL_OFFSET, "state_tax_offset", "unemployment_intercept",
                        "lottery_intercept", "pfd_garnishment"})
SOURCES = REGULAR | INTERCEPTS


@dataclass(frozen=True)
class Debt:
    """What a case owes in one bucket: a kind, the month it fell due ("YYYY-MM"), whom
    it is owed to (the family, or the state by assignment) and how much is unpaid."""
    kind: Kind
    period: str
    owner: Owner
    cents: int


@dataclass(frozen=True)
class Rules:
    """A state's choices within the federal order, from its data file."""
    kind_order: tuple[Kind, ...] = ("support", "interest", "fee")
    pass_through_cents: int = 0  # of current support collected a month, to the family


@dataclass(frozen=True)
class Paid:
    """A part of the collection: the debt it paid, whether it was the month's current
    support, and who keeps it (the family gets it; the state keeps it)."""
    debt: Debt
    cents: int
    current: bool
    kept_by: Owner


@dataclass(frozen=True)
class Allocation:
    paid: tuple[Paid, ...]
    left_over: int  # a credit, or what an intercept did not need

    def to(self, owner: Owner) -> int:
        return sum(p.cents for p in self.paid if p.kept_by == owner)


def distribute(debts: Iterable[Debt], history: History, source: str, cents: int,
               as_of: str, rules: Rules = Rules()) -> Allocation:
    """Distributes a collection of `cents` received in month `as_of` from `source`."""
    if source not in SOURCES:
        raise ValueError(f"not a collection source: {source}")
    if cents < 0:
        raise ValueError("a collection is not negative")
    owed = [d for d in debts if d.cents > 0 and d.period <= as_of]
    current = [d for d in owed if d.period == as_of and d.kind == "support"]
    past_due = [d for d in owed if d not in current]
    order: list[tuple[Debt, bool]] = []
    if source not in INTERCEPTS:  # 664(a): an intercept never pays current support
        order += [(d, True) for d in current]
    order += [(d, False) for d in _arrears_order(past_due, history, source, rules)]
    left, paid = cents, []
    pass_through = rules.pass_through_cents
    for debt, is_current in order:
        take = min(left, debt.cents)
        if take <= 0:
            continue
        parts = _kept(debt, take, is_current, history, pass_through)
        pass_through -= sum(p.cents for p in parts if p.current and p.kept_by == "family"
                            and history == "current")
        paid += parts
        left -= take
    return Allocation(tuple(paid), left)


def _kept(debt: Debt, take: int, is_current: bool, history: History,
          pass_through: int) -> list[Paid]:
    """Who keeps what a collection paid of one debt."""
    if history != "current":
        return [Paid(debt, take, is_current, debt.owner)]
    if not is_current:  # 608(a)(3): while assistance continues, arrears are the state's
        return [Paid(debt, take, False, "state")]
    # 657(a)(1)(A): current support is assigned while assistance continues; the state may
    # pass some through to the family (657(a)(6)(B))
    to_family = min(take, max(pass_through, 0))
    parts = [Paid(debt, to_family, True, "family"), Paid(debt, take - to_family, True, "state")]
    return [p for p in parts if p.cents]


def _arrears_order(debts: list[Debt], history: History, source: str,
                   rules: Rules) -> list[Debt]:
    """Past-due debts in the order a collection pays them: by owner (the federal order for
    the case's history and the collection's source), then by kind (the state's order),
    then oldest month first."""
    state_first = history == "current" or (history == "former" and source == FEDERAL_OFFSET)
    owners: tuple[Owner, ...] = ("state", "family") if state_first else ("family", "state")
    kinds = {kind: i for i, kind in enumerate(rules.kind_order)}
    return sorted(debts, key=lambda d: (owners.index(d.owner), kinds.get(d.kind, len(kinds)),
                                        d.period))


@dataclass(frozen=True)
class CaseOwed:
    """What one of an obligor's cases owes as a collection arrives: the month's current
    support still due, and its arrears by month."""
    case_id: str
    current: int
    arrears: tuple[tuple[str, int], ...] = ()


def prorate(cases: Iterable[CaseOwed], cents: int) -> dict[str, int]:
    """Splits one collection among an obligor's cases (45 CFR 303.100(a)(5)-(6): current
    support first, allocated among the cases in proportion to each one's current support
    when it does not cover them all; then arrears, oldest month first across the cases).
    What no case owes goes to the first case, a credit there. Integer cents: the shares
    of a proportion are rounded down and the cents left go to the largest remainders, so
    the parts always add up to the collection."""
    listed = sorted(cases, key=lambda c: c.case_id)
    if not listed:
        raise ValueError("no case to pay")
    share = dict.fromkeys((c.case_id for c in listed), 0)
    current = sum(c.current for c in listed)
    if cents <= current:
        return _proportional(listed, cents, current)
    left = cents - current
    for case in listed:
        share[case.case_id] = case.current
    arrears = sorted((period, case.case_id, owed) for case in listed
                     for period, owed in case.arrears if owed > 0)
    for _, case_id, owed in arrears:
        take = min(left, owed)
        share[case_id] += take
        left -= take
    share[listed[0].case_id] += left
    return share


def _proportional(cases: list[CaseOwed], cents: int, total: int) -> dict[str, int]:
    if total == 0:
        return {c.case_id: (cents if i == 0 else 0) for i, c in enumerate(cases)}
    exact = {c.case_id: divmod(cents * c.current, total) for c in cases}
    share = {case_id: whole for case_id, (whole, _) in exact.items()}
    short = cents - sum(share.values())
    by_remainder = sorted(exact, key=lambda case_id: (-exact[case_id][1], case_id))
    for case_id in by_remainder[:short]:
        share[case_id] += 1
    return share

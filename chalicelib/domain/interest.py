"""Interest on child support arrears, as a state charges it; Alaska's rule:

- AS 25.27.025 sets the rate (6 percent a year, simple: never on interest);
- 15 AAC 125.840(a): the agency charges interest on the last day of each month, starting
  on the last day of the first month after the support fell due; a month's interest is
  on the principal of the arrears owed on the last day of the month before, less the
  payments received during the month.

"Less the payments received during the month" is read as what those payments paid of
that principal: a payment that paid the month's own support did not lessen the arrears.
Pure; integer cents, rounded half up to the cent. Each owner's principal (the family's,
the state's by assignment) earns its own interest, which is owed to that owner
(15 AAC 125.840(e) disburses it to the obligee or keeps it for the state)."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chalicelib.domain.distribution import Owner
from chalicelib.domain.ledger import Book
from chalicelib.domain.money import half_up


@dataclass(frozen=True)
class InterestRule:
    annual_percent: Fraction  # 0: the state charges none
    months_after_due: int  # the first month that earns interest, after the month due
    citation: str

    @classmethod
    def from_data(cls, found: dict[str, Any] | None) -> InterestRule:
        """From the state's data file; none (no interest) when the file has no rule."""
        if not found:
            return cls(Fraction(0), 1, "The state charges no interest.")
        return cls(Fraction(str(found["annual_percent"])), int(found["months_after_due"]),
                   str(found["citation"]))

    @property
    def charged(self) -> bool:
        return self.annual_percent > 0


def months_before(month: str, count: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def monthly(book: Book, month: str, rule: InterestRule) -> dict[Owner, int]:
    """The interest each owner is owed for `month`, from the book as it stands on the
    month's last day (its payments received): on each owner's unpaid principal that fell
    due at least `months_after_due` months before."""
    if not rule.charged:
        return {}
    last_due = months_before(month, rule.months_after_due)
    principal: dict[Owner, int] = {}
    for (_, kind, owner), cents in book.unpaid(last_due).items():
        if kind == "support":
            principal[owner] = principal.get(owner, 0) + cents
    found = {owner: half_up(Fraction(cents) * rule.annual_percent / 1200)
             for owner, cents in principal.items()}
    return {owner: cents for owner, cents in sorted(found.items()) if cents > 0}

"""Every payment on a member's cases, as the member reads it. A paying parent's history
holds the portal's payments (with their status) and what the agency recorded (income
withholding, checks, offsets); a receiving parent's holds what was received for her, and
not how the payer paid (his card or account is not hers to see)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from chalicelib.clock import agency_date
from chalicelib.dal.agency import CaseItem
from chalicelib.services import cases, payments
from chalicelib.services.scope import Caller, current_user

Direction = Literal["paid", "received"]


@dataclass(frozen=True)
class Line:
    on: date
    direction: Direction
    amount_cents: int
    source: str  # portal | income_withholding | check | ... (the agency's payment sources)
    status: str  # pending | posted | returned | failed
    checking: bool = False  # a portal payment past its settle time, due for a check
    case_id: str | None = None
    fee_account: str | None = None
    payment_id: str | None = None  # the payer's own portal payment, for its page
    method: str | None = None  # bank_account | card: the payer's own only
    last4: str | None = None


def _recorded(case: CaseItem, entry: CaseItem, direction: Direction) -> Line:
    amount = int(entry.amount_cents or 0)
    return Line(date.fromisoformat(entry.on or ""), direction, amount, entry.source or "other",
                "posted" if amount >= 0 else "returned", case_id=case.case_id)


def history(caller: Caller, now: datetime) -> list[Line]:
    """Newest first. Reads the member's cases (a Query and a BatchGet), each case's ledger (a
    Query each) and the caller's portal payments (a Query)."""
    found = cases.summary(current_user(caller))
    lines = [Line(agency_date(p.created_at), "paid", int(p.amount_cents), "portal", p.status,
                  checking=payments.checking(p, now), case_id=p.case_id, fee_account=p.fee_account, payment_id=p.payment_id,
                  method="card" if p.method == "card" else "bank_account", last4=p.last4)
             for p in payments.history(caller)]
    for case in found.cases:
        role = found.role_in(case)
        if role not in ("obligor", "obligee"):
            continue
        for entry in cases.payments_of(case.case_id):
            if role == "obligee":
                lines.append(_recorded(case, entry, "received"))
            elif entry.source != "portal":  # the portal's are listed above, with their status
                lines.append(_recorded(case, entry, "paid"))
    return sorted(lines, key=lambda line: line.on, reverse=True)

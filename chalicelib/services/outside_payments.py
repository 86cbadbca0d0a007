"""Payments the agency receives outside the portal (income withholding, checks, offsets),
recorded into the case ledger by staff with the same distribution as a portal payment.
The agency's reference (a remittance or check number) makes recording idempotent: the
same reference again returns the first posting; with another amount it is refused."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.agency import CaseItem
from chalicelib.domain import ledger
from chalicelib.errors import Conflict, InvalidInput
from chalicelib.services import case_ledger

SOURCES = {
    "income_withholding": "Income withholding payment",
    "check": "Check payment",
    "money_order": "Money order payment",
    "cash": "Cash payment",
    "federal_tax_offset": "Federal tax refund offset",
    "state_tax_offset": "State tax refund offset",
    "pfd_garnishment": "Permanent Fund Dividend garnishment",
    "unemployment_intercept": "Unemployment benefits intercept",
    "lottery_intercept": "Lottery winnings intercept",
    "other": "Payment",
}


@dataclass(frozen=True)
class Recorded:
    entry: CaseItem
    created: bool
    line: ledger.Line  # what it paid, as the case's ledger distributes it now


def record(case_id: str, amount: int, received_on: date, source: str, reference: str,
           now: datetime) -> Recorded:
    if received_on > agency_date(now):
        raise InvalidInput("The date received cannot be in the future.",
                           code="invalid_date", fields={"received_on": "Not after today."})
    key = f"LEDGER#agency-{source}-{reference}"

    def done() -> bool:
        return agency.ledger_entry(case_id, key) is not None

    posted = case_ledger.post_payment(case_id, key, amount, received_on, SOURCES[source], now,
                                      source=source, reference=reference, done=done)
    entry = agency.ledger_entry(case_id, key)
    if entry is None:  # post_payment wrote it, or found it written
        raise RuntimeError(f"ledger entry {key} of case {case_id} is missing after posting")
    if posted is None and (int(entry.amount_cents) != amount or entry.on != received_on.isoformat()):
        raise Conflict("This reference was already recorded with another amount or date.",
                       code="reference_reused")
    if posted is not None:
        return Recorded(entry, True, ledger.Line(posted.paid, posted.credit))
    case = agency.case(case_id)  # recorded before: what it pays now
    lines = case_ledger.lines_of(case, agency.case_items(case_id, "LEDGER#")[0]) if case else {}
    return Recorded(entry, False, lines.get(key, ledger.Line()))

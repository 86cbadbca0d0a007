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
from chalicelib.domain.identity import is_iv_d
from chalicelib.errors import Conflict, InvalidInput, NotFound
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
    """Records a payment received for one case."""
    return _record([case_id], amount, received_on, source, reference, now)[0]


def record_for_obligor(member_id: str, amount: int, received_on: date, source: str,
                       reference: str, now: datetime) -> list[Recorded]:
    """Records a payment received for an obligor with several cases (an employer's
    withholding for all of them, an offset): split among his active cases as 45 CFR
    303.100 allocates withholding (services/case_ledger.post_split), one part per case."""
    return _record(obligor_cases(member_id), amount, received_on, source, reference, now)


def obligor_cases(member_id: str) -> list[str]:
    """The cases the member pays on: the active ones (all of them when none is active)."""
    found = [c for c in _pays_on(member_id) if is_iv_d(c.case_type)]
    if not found:
        raise NotFound("That member pays on no case.", code="no_paying_case")
    active = [c.case_id for c in found if c.status == "active"]
    return sorted(active or [c.case_id for c in found])


def _pays_on(member_id: str) -> list[CaseItem]:
    paying = [i.item.removeprefix("CASE#") for i in agency.member_partition(member_id)
              if i.item.startswith("CASE#") and i.role == "obligor"]
    return agency.cases(sorted(paying)) if paying else []


def _record(case_ids: list[str], amount: int, received_on: date, source: str, reference: str,
            now: datetime) -> list[Recorded]:
    if received_on > agency_date(now):
        raise InvalidInput("The date received cannot be in the future.",
                           code="invalid_date", fields={"received_on": "Not after today."})
    key = f"LEDGER#agency-{source}-{reference}"

    def written() -> dict[str, CaseItem]:
        found = {case_id: agency.ledger_entry(case_id, key) for case_id in case_ids}
        return {case_id: entry for case_id, entry in found.items() if entry is not None}

    posted = case_ledger.post_split(case_ids, key, amount, received_on, SOURCES[source], now,
                                    source=source, reference=reference,
                                    done=lambda: bool(written()))
    entries = written()
    if not entries:  # post_split wrote them, or found them written
        raise RuntimeError(f"ledger entry {key} is missing after posting")
    if posted is not None:
        return [Recorded(entries[case_id], True, ledger.Line(part.paid, part.credit))
                for case_id, part in sorted(posted.items())]
    return _recorded_before(entries, key, amount, received_on)


def _recorded_before(entries: dict[str, CaseItem], key: str, amount: int,
                     received_on: date) -> list[Recorded]:
    """The same reference again: the same payment (what each part pays now), or 409."""
    if (sum(int(e.amount_cents) for e in entries.values()) != amount
            or any(e.on != received_on.isoformat() for e in entries.values())):
        raise Conflict("This reference was already recorded with another amount or date.",
                       code="reference_reused")
    recorded = []
    for case_id, entry in sorted(entries.items()):
        case = agency.case(case_id)
        lines = case_ledger.lines_of(case, agency.case_items(case_id, "LEDGER#")[0]) if case else {}
        recorded.append(Recorded(entry, False, lines.get(key, ledger.Line())))
    return recorded

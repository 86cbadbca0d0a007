"""A payment the agency records goes through the one posting service and is distributed
as 45 CFR 302.51 orders: the support due for the month it was collected first, then the
months before it, oldest first; what is left is a credit. An offset pays past-due support
only (42 U.S.C. 664). The case's book is its ledger replayed, written with the entry."""
from __future__ import annotations

from datetime import date, timedelta

from chalicelib.dal import agency
from chalicelib.services import case_data, case_ledger, cases, outside_payments
from tests.books import disagreements
from tests.services.conftest import CASE, NOW

MONTH = 42500  # $400 support + $25 medical


def _charges(*months: str, **extra) -> None:
    results = case_data.load([
        {"type": "ledger", "case_id": CASE, "entry_id": f"charge-{m}", "on": f"{m}-01",
         "kind": "charge", "amount_cents": MONTH, "description": "Monthly support", **extra}
        for m in months], NOW)
    assert all(r.status != "error" for r in results), results


def _distribution(done) -> list[tuple[str, int]]:
    return [(p.debt.period, p.cents) for p in done.line.paid]


def test_this_month_first_then_the_oldest_arrears_45_cfr_302_51_b(roe_case):
    _charges("2026-01", "2026-02", "2026-03")
    done = outside_payments.record(CASE, 60000, date(2026, 3, 2), "check", "chk-1", NOW)
    assert done.created
    assert _distribution(done) == [("2026-03", 42500), ("2026-01", 17500)]
    owed = cases.case_balances(agency.case(CASE), NOW)
    assert (owed.current_due, owed.arrears, owed.total) == (0, 67500, 67500)  # Jan 250, Feb
    assert disagreements() == []


def test_more_than_is_owed_leaves_a_credit(roe_case):
    _charges("2026-03")
    done = outside_payments.record(CASE, 50000, date(2026, 3, 2), "income_withholding",
                                   "iw-1", NOW)
    assert _distribution(done) == [("2026-03", 42500)] and done.line.credit == 7500
    assert cases.case_balances(agency.case(CASE), NOW).credit == 7500


def test_a_tax_offset_pays_past_due_support_only_42_usc_664(roe_case):
    _charges("2026-02", "2026-03")
    done = outside_payments.record(CASE, 50000, date(2026, 3, 2), "federal_tax_offset",
                                   "irs-1", NOW)
    assert _distribution(done) == [("2026-02", 42500)] and done.line.credit == 7500
    owed = cases.case_balances(agency.case(CASE), NOW)
    assert owed.current_due == 42500 and owed.credit == 7500


def test_the_same_reference_twice_posts_once(roe_case):
    _charges("2026-03")
    first = outside_payments.record(CASE, 10000, date(2026, 3, 2), "check", "chk-9", NOW)
    again = outside_payments.record(CASE, 10000, date(2026, 3, 2), "check", "chk-9",
                                    NOW + timedelta(minutes=5))
    assert first.created and not again.created and again.line == first.line
    assert case_ledger.book_of(agency.case(CASE)).received == {"2026-03": 10000}


def test_a_payment_recorded_late_is_distributed_as_of_the_day_received_45_cfr_302_51_a(
        roe_case):
    """Received in January, recorded in March after a March payment: January's support
    is paid as that month's current support, and the book is still its ledger's."""
    _charges("2026-01", "2026-02", "2026-03")
    march = outside_payments.record(CASE, MONTH, date(2026, 3, 2), "check", "chk-3", NOW)
    assert _distribution(march) == [("2026-03", MONTH)]
    january = outside_payments.record(CASE, MONTH, date(2026, 1, 20), "check", "chk-1", NOW)
    assert [(p.debt.period, p.current) for p in january.line.paid] == [("2026-01", True)]
    assert cases.arrears_by_period(agency.case(CASE), NOW) == [("2026-02", MONTH, 0)]
    assert disagreements() == []


def test_a_former_assistance_case_owes_the_family_first_and_the_state_the_rest(roe_case):
    """42 U.S.C. 657(a)(2)(B): support assigned during assistance (2025) is the state's and
    is paid after the family's arrears; the balances say who is owed what."""
    case = agency.case(CASE)
    records = [{"type": "case", "case_id": CASE, "case_type": "Former Assistance",
                "status": "active", "participants": [
                    {"member_id": p.member_id, "role": p.role, "name": p.name}
                    for p in case.participants],
                "assistance": [{"start": "2025-01-01", "end": "2025-12-31"}]},
               {"type": "ledger", "case_id": CASE, "entry_id": "charge-2025-06",
                "on": "2025-06-01", "kind": "charge", "amount_cents": MONTH,
                "description": "Monthly support"}]
    assert all(r.status != "error" for r in case_data.load(records, NOW))
    _charges("2026-02", "2026-03")
    done = outside_payments.record(CASE, 2 * MONTH, date(2026, 3, 2), "check", "chk-1", NOW)
    assert [(p.debt.period, p.kept_by) for p in done.line.paid] == [
        ("2026-03", "family"), ("2026-02", "family")]
    owed = cases.case_balances(agency.case(CASE), NOW)
    assert (owed.owed_to_family, owed.owed_to_state) == (0, MONTH)
    irs = outside_payments.record(CASE, 10000, date(2026, 3, 2), "federal_tax_offset",
                                  "irs-1", NOW)
    assert [(p.debt.owner, p.kept_by, p.cents) for p in irs.line.paid] == [
        ("state", "state", 10000)]
    assert disagreements() == []

"""A payment the agency records goes through the one posting service and is distributed
as 45 CFR 302.51(a)(1) orders: the support due for the month it was collected first, then
the months before it, oldest first; what is left is a credit. The case's totals and the
entry's distribution are written together."""
from __future__ import annotations

from datetime import date, timedelta

from chalicelib.dal import agency
from chalicelib.services import case_data, case_ledger, cases, outside_payments
from tests.services.conftest import CASE, NOW

MONTH = 42500  # $400 support + $25 medical


def _charges(*months: str) -> None:
    results = case_data.load([
        {"type": "ledger", "case_id": CASE, "entry_id": f"charge-{m}", "on": f"{m}-01",
         "kind": "charge", "amount_cents": MONTH, "description": "Monthly support"}
        for m in months], NOW)
    assert all(r.status != "error" for r in results), results


def _distribution(entry) -> list[tuple[str, int]]:
    return [(a.period, int(a.cents)) for a in entry.distribution or []]


def test_this_month_first_then_the_oldest_arrears(roe_case):
    _charges("2026-01", "2026-02", "2026-03")
    done = outside_payments.record(CASE, 60000, date(2026, 3, 2), "check", "chk-1", NOW)
    assert done.created
    assert _distribution(done.entry) == [("2026-03", 42500), ("2026-01", 17500)]
    owed = cases.case_balances(agency.case(CASE), NOW)
    assert (owed.current_due, owed.arrears, owed.total) == (0, 67500, 67500)  # Jan 250, Feb


def test_more_than_is_owed_leaves_a_credit(roe_case):
    _charges("2026-03")
    done = outside_payments.record(CASE, 50000, date(2026, 3, 2), "income_withholding",
                                   "iw-1", NOW)
    assert _distribution(done.entry) == [("2026-03", 42500)]
    assert int(done.entry.credit_cents) == 7500


def test_the_same_reference_twice_posts_once(roe_case):
    _charges("2026-03")
    first = outside_payments.record(CASE, 10000, date(2026, 3, 2), "check", "chk-9", NOW)
    again = outside_payments.record(CASE, 10000, date(2026, 3, 2), "check", "chk-9",
                                    NOW + timedelta(minutes=5))
    assert first.created and not again.created
    assert case_ledger.periods_of(agency.case(CASE))["2026-03"].paid == 10000

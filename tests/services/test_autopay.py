"""Automatic payments through the service: what a run pays, on which day, and once a
month whatever the schedule's terms become."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.errors import InvalidInput
from chalicelib.services import autopay, bank_accounts
from tests.services.conftest import CASE, NOW

ROUTING = "125000105"


def _account(caller):
    return bank_accounts.add(caller, ROUTING, "000123456789", "checking", "Rae Roe", None, NOW)


def test_the_monthly_obligation_is_current_and_medical_support(obligor):
    """A schedule with no amount pays the month's obligation: $400 + $25 medical."""
    account = _account(obligor)
    schedule = autopay.create(obligor, CASE, account.account_id, None, 5, date(2026, 3, 5),
                              None, NOW)
    assert autopay.run(schedule, date(2026, 3, 4), NOW) is None  # not its day
    paid = autopay.run(schedule, date(2026, 3, 5), NOW + timedelta(days=3))
    assert paid is not None and int(paid.amount_cents) == 42500 and paid.case_id == CASE


def test_a_month_is_paid_once_and_the_next_month_again(obligor):
    account = _account(obligor)
    schedule = autopay.create(obligor, CASE, account.account_id, 15000, 5, date(2026, 3, 5),
                              None, NOW)
    march = autopay.run(schedule, date(2026, 3, 5), NOW + timedelta(days=3))
    again = autopay.run(schedule, date(2026, 3, 5), NOW + timedelta(days=3, hours=1))
    april = autopay.run(schedule, date(2026, 4, 5), NOW + timedelta(days=34))
    assert march is not None and again is not None and april is not None
    assert int(march.amount_cents) == 15000
    assert again.payment_id == march.payment_id and april.payment_id != march.payment_id


def test_a_schedule_runs_only_between_its_dates():
    from chalicelib.dal.autopay import Schedule

    schedule = Schedule("u", "s", case_id=CASE, bank_account_id="a", last4="6789",
                        amount_cents=None, day_of_month=5, start="2026-03-05",
                        end="2026-05-31", status="active", run_day="D05", created_at=NOW)
    days = [date(2026, 2, 5), date(2026, 3, 5), date(2026, 5, 5), date(2026, 6, 5),
            date(2026, 3, 6)]
    assert [autopay.runs_on(schedule, d) for d in days] == [False, True, True, False, False]
    schedule.status = "cancelled"
    assert not autopay.runs_on(schedule, date(2026, 4, 5))


def test_a_start_in_the_past_or_an_end_before_it_is_refused(obligor):
    account = _account(obligor)
    with pytest.raises(InvalidInput) as past:
        autopay.create(obligor, CASE, account.account_id, None, 5, date(2026, 3, 1), None, NOW)
    assert "start" in past.value.fields
    with pytest.raises(InvalidInput) as backwards:
        autopay.create(obligor, CASE, account.account_id, None, 5, date(2026, 3, 5),
                       date(2026, 3, 4), NOW)
    assert "end" in backwards.value.fields

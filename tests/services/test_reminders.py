"""Who is reminded that support is due (the payment_due job, 5 days ahead): a self-paid
obligor who asked for payment emails, not on automatic payments, with the month not yet
paid. Everyone else is left alone."""
from __future__ import annotations

from datetime import date, datetime, timezone

from chalicelib import jobs
from chalicelib.services import autopay, bank_accounts, case_data, profile
from tests.cases import case
from tests.services.conftest import CASE, NOW, OBLIGEE, OBLIGOR

# 27 March, 9 a.m. in Alaska: support for April is due on 1 April, five days ahead
REMIND_AT = datetime(2026, 3, 27, 17, 0, tzinfo=timezone.utc)
ME = "obligor@example.com"


def _subscribe(caller, *what):
    profile.update_settings(caller, "electronic", False, list(what), NOW)


def _reminders(outbox):
    return [m for m in outbox.messages(ME) if "payment is due" in m.subject]


def test_a_subscribed_self_paid_obligor_is_reminded_once(obligor, outbox):
    _subscribe(obligor, "payments")
    jobs.run("payment_due", REMIND_AT)
    jobs.run("payment_due", REMIND_AT)  # a second run the same day tells no one again
    sent = _reminders(outbox)
    assert len(sent) == 1
    assert "04/01/2026" in sent[0].subject and "$425.00" in sent[0].body


def test_no_reminder_without_the_subscription(obligor, outbox):
    _subscribe(obligor, "appointments")
    jobs.run("payment_due", REMIND_AT)
    assert _reminders(outbox) == []


def test_no_reminder_on_automatic_payments(obligor, outbox):
    _subscribe(obligor, "payments")
    account = bank_accounts.add(obligor, "125000105", "000123456789", "checking", "Rae Roe",
                                None, NOW)
    autopay.create(obligor, CASE, account.account_id, None, 1, date(2026, 4, 1), None, NOW)
    jobs.run("payment_due", REMIND_AT)
    assert _reminders(outbox) == []


def test_no_reminder_when_support_is_withheld_from_wages(obligor, outbox):
    _subscribe(obligor, "payments")
    case_data.load([case(CASE, [(OBLIGOR["member_id"], "obligor"),
                                (OBLIGEE["member_id"], "obligee")],
                         payment_method="income_withholding",
                         obligation={"monthly_support_cents": 40000, "due_day": 1,
                                     "start": "2026-01-01"})], NOW)
    jobs.run("payment_due", REMIND_AT)
    assert _reminders(outbox) == []


def test_the_obligee_is_never_reminded_to_pay(obligee, outbox):
    _subscribe(obligee, "payments")
    jobs.run("payment_due", REMIND_AT)
    assert [m for m in outbox.messages("obligee@example.com") if "payment is due" in m.subject] == []

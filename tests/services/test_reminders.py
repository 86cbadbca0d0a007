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


# 10 April, 9 a.m. in Alaska: support due on the 15th, five days ahead, and what came in
# during April counts against it
MID_MONTH = datetime(2026, 4, 10, 17, 0, tzinfo=timezone.utc)


def _due_on_the_15th(*received: int) -> None:
    """The case again, support due on the 15th, with checks received on 2 April."""
    results = case_data.load([
        case(CASE, [(OBLIGOR["member_id"], "obligor"), (OBLIGEE["member_id"], "obligee")],
             obligation={"monthly_support_cents": 40000, "medical_support_cents": 2500,
                         "due_day": 15, "start": "2026-01-01"}),
        *({"type": "ledger", "case_id": CASE, "entry_id": f"check-{n}", "on": "2026-04-02",
           "kind": "payment", "amount_cents": cents, "description": "Check", "source": "check"}
          for n, cents in enumerate(received))], NOW)
    assert all(r.status != "error" for r in results), results


def _totals_from_before_recent_receipts() -> None:
    """The case as an earlier release left it: totals written, no `recent_receipts`."""
    from chalicelib.dal.agency import CASE as CASE_ITEM
    from chalicelib.dal.agency import CaseItem

    CaseItem(CASE, CASE_ITEM).update(actions=[CaseItem.recent_receipts.remove()])


def test_a_month_paid_in_full_is_not_reminded(obligor, outbox):
    _subscribe(obligor, "payments")
    _due_on_the_15th(30000, 12500)
    jobs.run("payment_due", MID_MONTH)
    assert _reminders(outbox) == []


def test_a_month_paid_in_part_is_reminded_of_the_rest(obligor, outbox):
    _subscribe(obligor, "payments")
    _due_on_the_15th(20000)
    jobs.run("payment_due", MID_MONTH)
    [sent] = _reminders(outbox)
    assert "04/15/2026" in sent.subject and "$225.00" in sent.body


def test_totals_from_before_recent_receipts_are_read_from_the_book(obligor, outbox):
    _subscribe(obligor, "payments")
    _due_on_the_15th(42500)
    _totals_from_before_recent_receipts()
    jobs.run("payment_due", MID_MONTH)
    assert _reminders(outbox) == []
    _due_on_the_15th(20000)
    _totals_from_before_recent_receipts()
    jobs.run("payment_due", MID_MONTH)
    assert "$225.00" in _reminders(outbox)[0].body

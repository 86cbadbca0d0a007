"""Reminders: support due in 5 days on a month not yet paid (self-paid parents who asked
for payment emails, not on automatic payments), court dates and appointments 7 days and
1 day before (for those who asked for appointment emails), and a daily digest of unread
messages and letters (for those who asked to be told of new mail), counted as the Action
Center counts them."""
from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from chalicelib.clock import agency_date
from chalicelib.dal import agency, users
from chalicelib.dal import autopay as schedules
from chalicelib.dal import letters as letter_store
from chalicelib.dal import messages as thread_store
from chalicelib.dal.agency import CaseItem
from chalicelib.domain import ledger
from chalicelib.domain.money import display
from chalicelib.jobs.runs import Run, job
from chalicelib.services import attention, case_ledger, cases, notices

DUE_IN_DAYS = 5
EVENT_DAYS = (7, 1)


# -- payment due ------------------------------------------------------------------------

@job("payment_due")
def payment_due(run: Run) -> None:
    due = agency_date(run.now) + timedelta(days=DUE_IN_DAYS)
    run.each(run.pages(lambda c: agency.due_on(f"D{due.day:02d}", c), resume=due.isoformat()),
             lambda entry: _due(run, entry, due))


def _due(run: Run, entry: CaseItem, due: date) -> str:
    """`entry` is the index entry, which holds what this reads (the case itself is read
    only when its totals predate `recent_receipts`)."""
    period = ledger.period_of(due)
    paid = case_ledger.received_in(entry, period)
    case = entry if paid is not None else agency.case(entry.case_id)
    if case is None:
        return "skipped"
    if paid is None:
        paid = case_ledger.book_of(case).received.get(period, 0)
    if case.status != "active" or not case.obligation or (
            case.payment_method == "income_withholding"):
        return "skipped"
    o = case.obligation
    if due.isoformat() < o.start or (o.end and due.isoformat() > o.end):
        return "skipped"
    owed = case_ledger.monthly_obligation(case) - paid
    if owed <= 0:
        return "skipped"
    outcome = "skipped"
    for user in cases.linked_users(case, ("obligor",)):
        if "payments" not in (user.subscriptions or []) or any(
                s.case_id == case.case_id and s.status == "active"
                for s in schedules.of_user(user.user_id)):
            continue
        outcome = run.once(f"{case.case_id}:{period}:{user.user_id}", notices.notice(
            user, "payment_due", run.now, case_id=case.case_id, amount=display(owed),
            due_on=due.strftime("%m/%d/%Y")))
    return outcome


# -- court dates and appointments ----------------------------------------------------------

@job("event_reminders")
def event_reminders(run: Run) -> None:
    today = agency_date(run.now)
    for days in EVENT_DAYS:
        day = (today + timedelta(days=days)).isoformat()
        run.each(run.pages(partial(agency.events_on, day), resume=f"{day}:{days}d"),
                 partial(_event, run, days=days))


def _event(run: Run, event: CaseItem, days: int) -> str:
    """`event` is the index entry, with what the reminder says; the case says who."""
    if event.at is None or event.at <= run.now:
        return "skipped"
    case = agency.case(event.case_id)
    if case is None:
        return "skipped"
    outcome = "skipped"
    for user in cases.linked_users(case, ("obligor", "obligee")):
        if "appointments" not in (user.subscriptions or []):
            continue
        outcome = run.once(f"{event.case_id}:{event.item}:{user.user_id}:{days}d",
                           notices.notice(user, "event_reminder", run.now,
                                          case_id=event.case_id, description=event.description,
                                          at=event.at, location=event.location))
    return outcome


# -- unread mail digest ---------------------------------------------------------------------

@job("mail_digest")
def mail_digest(run: Run) -> None:
    """Yesterday's new mail, one email per parent with the unread count now."""
    day = (run.now.date() - timedelta(days=1)).isoformat()
    seen: set[str] = set()
    run.each(run.pages(lambda c: thread_store.written_on(day, c), resume=f"threads:{day}"),
             lambda key: _digest(run, key.user_id, day, seen))

    def from_letter(key):
        member = agency.member(key.member_id)
        return _digest(run, member.linked_user_id, day, seen) if member and \
            member.linked_user_id else "skipped"

    run.each(run.pages(lambda c: letter_store.posted_on(day, c), resume=f"letters:{day}"),
             from_letter)


def _digest(run: Run, user_id: str, day: str, seen: set[str]) -> str:
    if user_id in seen:
        return "skipped"
    seen.add(user_id)
    user = users.get(user_id)
    if user is None or not user.notify_new_mail:
        return "skipped"
    unread_messages, unread_letters = attention.unread(user.user_id, run.now)
    if not unread_messages and not unread_letters:
        return "skipped"
    return run.once(f"{user.user_id}:{day}", notices.notice(
        user, "mail_digest", run.now, messages=unread_messages, letters=unread_letters))

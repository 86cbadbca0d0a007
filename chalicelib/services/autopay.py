"""Automatic payments: a fixed amount, or the case's monthly obligation, on a day of the
month from a saved bank account, between a start date and an optional end. Each run goes
through the one payment service with the idempotency key "autopay:<schedule>:<month>",
so a retried or overlapping run pays a month once.

Remove payment channels (Alaska's obligor action) stops every schedule and removes every
saved bank account."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.clock import agency_date
from chalicelib.dal import autopay as store
from chalicelib.dal import bank_accounts, users
from chalicelib.dal.agency import CaseItem
from chalicelib.dal.autopay import Schedule
from chalicelib.dal.base import Together, write_together
from chalicelib.dal.outbox import Mail
from chalicelib.dal.payments import Payment
from chalicelib.dal.users import User
from chalicelib.domain import ledger
from chalicelib.domain.money import display
from chalicelib.errors import Conflict, InvalidInput, NotFound
from chalicelib.services import activity, notices, payments
from chalicelib.services.case_ledger import monthly_obligation
from chalicelib.services.scope import Caller, current_user, in_scope

LAST_DAY = 28  # every month has it


def listed(caller: Caller) -> list[Schedule]:
    return sorted((s for s in store.of_user(caller.user_id) if in_scope(s.case_id)),
                  key=lambda s: s.created_at)


def create(caller: Caller, case_id: str, bank_account_id: str, amount_cents: int | None,
           day_of_month: int, start: date, end: date | None, now: datetime) -> Schedule:
    user = current_user(caller)
    found = payments.read_for(user, case_id, bank_account_id=bank_account_id)
    case = payments.obligors_case(user, case_id, "set up automatic payments", found)
    account = payments.saved_account(user, bank_account_id, found)
    _check(case, amount_cents, start, end, now)
    if any(s.case_id == case_id and s.status == "active" for s in store.of_user(user.user_id)):
        raise Conflict("Automatic payments are already set up on this case: change "
                       "them instead.", code="autopay_exists")
    schedule = Schedule(user.user_id, secrets.token_hex(8), case_id=case_id,
                        bank_account_id=account.account_id, last4=account.last4,
                        amount_cents=amount_cents, day_of_month=day_of_month,
                        start=start.isoformat(), end=end.isoformat() if end else None,
                        status="active", run_day=store.run_day(day_of_month), created_at=now)
    store.create(schedule)
    activity.record(user.user_id, "autopay_started", now, client=caller.client,
                    case_id=case_id, last4=account.last4,
                    mail=_notice(user, "autopay_started", case_id, amount_cents, day_of_month,
                                 account.last4, start, end, now))
    return schedule


def change(caller: Caller, schedule_id: str, bank_account_id: str, amount_cents: int | None,
           day_of_month: int, start: date, end: date | None, now: datetime) -> Schedule:
    """Changes an active schedule. A month already paid is not paid again if the day
    moves later: the run's key is the schedule and the month."""
    user = current_user(caller)
    schedule = store.get(user.user_id, schedule_id)
    if schedule is None or schedule.status != "active":
        raise NotFound("Those automatic payments were not found or were stopped.",
                       code="autopay_not_found")
    found = payments.read_for(user, schedule.case_id, bank_account_id=bank_account_id)
    case = payments.obligors_case(user, schedule.case_id, "change automatic payments", found)
    account = payments.saved_account(user, bank_account_id, found)
    _check(case, amount_cents, start, end, now, started=date.fromisoformat(schedule.start))
    if not store.change(schedule, account.account_id, account.last4, amount_cents,
                        day_of_month, start.isoformat(), end.isoformat() if end else None):
        raise NotFound("Those automatic payments were stopped.", code="autopay_not_found")
    activity.record(user.user_id, "autopay_changed", now, client=caller.client,
                    case_id=schedule.case_id, last4=account.last4,
                    mail=_notice(user, "autopay_changed", schedule.case_id, amount_cents,
                                 day_of_month, account.last4, start, end, now))
    return store.get(user.user_id, schedule_id) or schedule


def _check(case: CaseItem, amount_cents: int | None, start: date, end: date | None, now: datetime,
           started: date | None = None) -> None:
    problems = {}
    if start < agency_date(now) and start != started:
        problems["start"] = "Start today or later."
    if end is not None and end < start:
        problems["end"] = "End on or after the start date."
    if amount_cents is None and not monthly_obligation(case):
        problems["amount_cents"] = "This case has no monthly obligation: choose an amount."
    if problems:
        raise InvalidInput(fields=problems)


def _notice(user: User, change: str, case_id: str, amount_cents: int | None,
            day_of_month: int, last4: str, start: date, end: date | None,
            now: datetime) -> list[Mail]:
    return notices.notice(user, "payment_setup", now, change=change, case_id=case_id,
                          amount=(display(amount_cents) if amount_cents is not None
                                  else _obligation_words(user.language)),
                          day_of_month=day_of_month, last4=last4,
                          start=start.isoformat(), end=end.isoformat() if end else None)


def cancel(caller: Caller, schedule_id: str, now: datetime) -> None:
    schedule = store.get(caller.user_id, schedule_id)
    if schedule is None:
        raise NotFound("Those automatic payments were not found.", code="autopay_not_found")
    if not store.cancel(caller.user_id, schedule_id, now):
        return  # already stopped
    user = current_user(caller)
    activity.record(user.user_id, "autopay_cancelled", now, client=caller.client,
                    case_id=schedule.case_id, last4=schedule.last4,
                    mail=notices.notice(user, "payment_setup", now, change="autopay_cancelled",
                                        case_id=schedule.case_id, last4=schedule.last4))


def stop_for_account(user_id: str, account_id: str, reason: str, now: datetime) -> int:
    """Stops the schedules that debit an account the bank said may no longer be debited
    (a return that blocks it or revokes the authorization); how many were stopped. The
    parent's notice of the return says so."""
    stopped = 0
    for schedule in store.of_user(user_id):
        if (schedule.status == "active" and schedule.bank_account_id == account_id
                and store.cancel(user_id, schedule.schedule_id, now)):
            activity.record(user_id, "autopay_stopped_by_bank", now, case_id=schedule.case_id,
                            last4=schedule.last4, reason=reason)
            stopped += 1
    return stopped


def uses_account(user_id: str, account_id: str) -> bool:
    return any(s.status == "active" and s.bank_account_id == account_id
               for s in store.of_user(user_id))


@dataclass(frozen=True)
class Removed:
    accounts: int
    schedules: int


def remove_payment_channels(caller: Caller, now: datetime) -> Removed:
    """Stops every automatic payment and removes every saved bank account, together."""
    changes, removed = channels_removal(current_user(caller), now, caller.client)
    write_together(changes)
    return removed


def channels_removal(user: User, now: datetime, client: str | None) -> tuple[Together, Removed]:
    """The writes that remove the user's payment channels (every active schedule stopped,
    every saved account removed, the event and its notice), for one transaction: with a
    request that takes effect at once, the request's own status goes in it too."""
    schedules = [s for s in store.of_user(user.user_id) if s.status == "active"]
    accounts = bank_accounts.of_user(user.user_id)
    event = activity.event(user.user_id, "payment_channels_removed", now, client=client,
                           accounts=str(len(accounts)), schedules=str(len(schedules)))
    mail = notices.notice(user, "payment_setup", now, change="channels_removed",
                          accounts=len(accounts), schedules=len(schedules)
                          ) if accounts or schedules else []
    return Together(
        updates=[store.cancellation(user.user_id, s.schedule_id, now) for s in schedules],
        deletions=[bank_accounts.removal(user.user_id, a.account_id) for a in accounts],
        new=[event, *mail]), Removed(len(accounts), len(schedules))


# -- running ------------------------------------------------------------------------------

def runs_on(schedule: Schedule, day: date) -> bool:
    """Whether the schedule pays on this date: its day of the month, within its dates."""
    return (schedule.status == "active" and day.day == int(schedule.day_of_month)
            and schedule.start <= day.isoformat()
            and (schedule.end is None or day.isoformat() <= schedule.end))


def run(schedule: Schedule, day: date, now: datetime) -> Payment | None:
    """Makes this month's payment of a schedule (None if it does not run that day). The
    key is the schedule and the month, so running it again returns the same payment."""
    if not runs_on(schedule, day):
        return None
    user = users.get(schedule.user_id)
    if user is None:
        raise NotFound("The logon of this schedule no longer exists.", code="user_not_found")
    # the case and the account in one BatchGet, which the payment uses too
    found = payments.read_for(user, schedule.case_id, bank_account_id=schedule.bank_account_id)
    case = payments.obligors_case(user, schedule.case_id, "make a payment", found)
    amount = schedule.amount_cents
    if amount is None:
        amount = monthly_obligation(case)
        if not amount:
            raise InvalidInput("The case has no monthly obligation.", code="no_obligation")
    return payments.pay_for(user, f"autopay:{schedule.schedule_id}:{ledger.period_of(day)}",
                            payments.Order(int(amount), case_id=schedule.case_id,
                                           bank_account_id=schedule.bank_account_id),
                            now, made_by="autopay_payment_made", any_terms=True,
                            recurring_day=int(schedule.day_of_month), found=found)


def _obligation_words(language: str) -> str:
    return "la obligación mensual" if language == "es" else "the monthly obligation"

"""Payments: saved bank accounts, one-time and automatic payments on a case."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib import language
from chalicelib.clock import agency_date, utc_now
from chalicelib.domain import ach_codes
from chalicelib.domain.confirmations import payment_reference
from chalicelib.domain.ledger import period_of
from chalicelib.domain.money import display
from chalicelib.errors import BadRequest
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import autopay, bank_accounts, direct_deposit, payment_history, payments
from chalicelib.services.scope import Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import payments as m
else:
    m = lazy("payments")

bp = Routes(__name__)
TAG = "Payments"


def _return_words(code: str | None) -> str | None:
    """A bank's return code in the caller's language (R01: Insufficient funds)."""
    if not code or not code.startswith("R"):
        return None
    return ach_codes.reason_in(code, language.current())


def _out(a):
    return m.BankAccountOut(account_id=a.account_id, last4=a.last4,
                            routing_number=a.routing_number, account_type=a.kind,
                            holder_name=a.holder, nickname=a.nickname, created_at=a.created_at,
                            authorized_at=a.authorized_at, blocked=a.blocked,
                            blocked_reason=_return_words(a.blocked))


@route(bp, "/bank-accounts", summary="My saved bank accounts (last four digits only)", tag=TAG,
       response=m.BankAccountsOut,
       permission="pay")
def list_bank_accounts(caller: Caller):
    return m.BankAccountsOut(bank_accounts=[_out(a) for a in bank_accounts.listed(caller)])


@route(bp, "/bank-accounts", "POST", summary="Add a bank account (routing number checked)",
       tag=TAG, body=m.BankAccountIn, response=m.BankAccountOut, status=201, errors_=(409,),
       permission="pay")
def add_bank_account(caller: Caller, body):
    return _out(bank_accounts.add(caller, body.routing_number, body.account_number,
                                  body.account_type, body.holder_name, body.nickname, utc_now()))


@route(bp, "/bank-accounts/{account_id}", "DELETE", summary="Remove a saved bank account",
       tag=TAG, status=204, errors_=(404, 409),
       permission="pay")
def remove_bank_account(caller: Caller, account_id: str) -> None:
    bank_accounts.remove(caller, account_id, utc_now())


def _payment(p, now):
    return m.PaymentOut(
        payment_id=p.payment_id, reference=payment_reference(p.payment_id),
        case_id=p.case_id, case_ids=list(p.case_ids) if p.case_ids else None,
        fee_account=p.fee_account,
        amount_cents=int(p.amount_cents), amount=display(int(p.amount_cents)), status=p.status,
        method="card" if p.method == "card" else "bank_account", last4=p.last4,
        card_brand=p.card_brand,
        created_at=p.created_at, posted_at=p.posted_at, returned_at=p.returned_at,
        return_reason=p.reason if p.status == "returned" else None,
        return_reason_words=_return_words(p.reason) if p.status == "returned" else None,
        authorization=p.authorization, represents=p.represents,
        failed_at=p.failed_at, failure_reason=p.reason if p.status == "failed" else None,
        checking=payments.checking(p, now),
        credit_cents=int(p.credit_cents) if p.credit_cents is not None else None,
        distribution=m.AllocationOut.listed(p.distribution, period_of(agency_date(p.created_at)))
        if p.distribution else None)


def _idempotency_key(headers) -> str:
    key = (headers.get("idempotency-key") or "").strip()
    if not 8 <= len(key) <= 128 or not key.isprintable():
        raise BadRequest("Send an Idempotency-Key header (8 to 128 characters), the same "
                         "one if you retry.", code="idempotency_key_required")
    return key


@route(bp, "/payments", "POST",
       summary="Pay on a case or fee account, from a saved bank account or a card "
               "(Idempotency-Key header required)",
       tag=TAG, body=m.PaymentIn, response=m.PaymentOut, status=201,
       errors_=(400, 402, 403, 404, 409, 503),
       permission="pay")
def make_payment(caller: Caller, body):
    key = _idempotency_key(bp.current_request.headers)
    order = payments.Order(body.amount_cents, case_id=body.case_id,
                           fee_account=body.fee_account, bank_account_id=body.bank_account_id,
                           card_token=body.card_token, all_cases=body.all_cases,
                           confirm_overpayment=body.confirm_overpayment)
    now = utc_now()
    return _payment(payments.pay(caller, key, order, now), now)


@route(bp, "/payments", summary="My payments, newest first, a page at a time (filter by "
       "case or status)",
       tag=TAG, query=m.PaymentsQuery, response=m.PaymentsOut,
       permission=("view", "pay"))
def list_payments(caller: Caller, query):
    now = utc_now()
    found, cursor = payments.page(caller, query.case_id, query.status, query.limit,
                                  query.cursor)
    return m.PaymentsOut(payments=[_payment(p, now) for p in found], next_cursor=cursor)


@route(bp, "/payment-history", summary="Every payment on my cases, newest first: what I paid "
       "(through the portal or recorded by the agency) and what I received", tag=TAG,
       response=m.HistoryOut, permission=("view", "pay"))
def payment_history_(caller: Caller):
    return m.HistoryOut(payments=[m.HistoryLine(**vars(line))
                                  for line in payment_history.history(caller, utc_now())])


@route(bp, "/payments/{payment_id}", summary="A payment and how it was distributed",
       tag=TAG, response=m.PaymentOut, errors_=(404,),
       permission=("view", "pay"))
def payment_detail(caller: Caller, payment_id: str):
    return _payment(payments.detail(caller, payment_id), utc_now())


def _schedule(s):
    return m.AutopayOut(
        schedule_id=s.schedule_id, case_id=s.case_id, bank_account_last4=s.last4,
        amount_cents=int(s.amount_cents) if s.amount_cents is not None else None,
        pays_monthly_obligation=s.amount_cents is None, day_of_month=int(s.day_of_month),
        start=s.start, end=s.end, status=s.status, created_at=s.created_at,
        cancelled_at=s.cancelled_at)


@route(bp, "/autopay", summary="My automatic payments", tag=TAG, response=m.AutopaysOut,
       permission=("view", "pay"))
def list_autopay(caller: Caller):
    return m.AutopaysOut(schedules=[_schedule(s) for s in autopay.listed(caller)])


@route(bp, "/autopay", "POST",
       summary="Set up automatic payments on a case (an amount or the monthly obligation)",
       tag=TAG, body=m.AutopayIn, response=m.AutopayOut, status=201,
       errors_=(403, 404, 409),
       permission="pay")
def create_autopay(caller: Caller, body):
    return _schedule(autopay.create(caller, body.case_id, body.bank_account_id,
                                    body.amount_cents, body.day_of_month, body.start, body.end,
                                    utc_now()))


@route(bp, "/autopay/{schedule_id}", "PUT",
       summary="Change automatic payments (account, amount, day, dates)", tag=TAG,
       body=m.AutopayChangeIn, response=m.AutopayOut, errors_=(403, 404),
       permission="pay")
def change_autopay(caller: Caller, schedule_id: str, body):
    return _schedule(autopay.change(caller, schedule_id, body.bank_account_id,
                                    body.amount_cents, body.day_of_month, body.start, body.end,
                                    utc_now()))


@route(bp, "/autopay/{schedule_id}", "DELETE", summary="Stop automatic payments", tag=TAG,
       status=204, errors_=(404,),
       permission="pay")
def cancel_autopay(caller: Caller, schedule_id: str) -> None:
    autopay.cancel(caller, schedule_id, utc_now())


@route(bp, "/payment-channels", "DELETE",
       summary="Remove payment channels: stop automatic payments, remove saved accounts",
       tag=TAG, response=m.ChannelsRemovedOut,
       permission="pay")
def remove_payment_channels(caller: Caller):
    done = autopay.remove_payment_channels(caller, utc_now())
    return m.ChannelsRemovedOut(bank_accounts_removed=done.accounts,
                                automatic_payments_stopped=done.schedules)


def _deposit(d):
    if d is None:
        return m.DirectDepositOut(enrolled=False)
    return m.DirectDepositOut(enrolled=True, routing_number=d.routing_number,
                              account_type=d.account_kind, holder_name=d.holder_name,
                              last4=d.last4, updated_at=d.updated_at)


@route(bp, "/direct-deposit", summary="Where my support is deposited (parents who receive)",
       tag=TAG, response=m.DirectDepositOut, errors_=(403,))
def get_direct_deposit(caller: Caller):
    return _deposit(direct_deposit.current(caller))


@route(bp, "/direct-deposit", "PUT",
       summary="Set up or change direct deposit (recent sign-in; every address is told)",
       tag=TAG, body=m.DirectDepositIn, response=m.DirectDepositOut, errors_=(403,))
def set_direct_deposit(caller: Caller, body):
    return _deposit(direct_deposit.enroll(
        caller, body.routing_number, body.account_number, body.account_number_confirmation,
        body.account_type, body.holder_name, utc_now()))


@route(bp, "/direct-deposit", "DELETE", summary="Stop direct deposit", tag=TAG, status=204,
       errors_=(403, 404))
def stop_direct_deposit(caller: Caller) -> None:
    direct_deposit.stop(caller, utc_now())

"""Payments: saved bank accounts (payments themselves come with the payments issue)."""
from __future__ import annotations

from chalice import Blueprint

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import route
from chalicelib.models import lazy
from chalicelib.services import bank_accounts
from chalicelib.services.sessions import Caller

bp = Blueprint(__name__)
m = lazy("payments")
TAG = "Payments"


def _out(a):
    return m.BankAccountOut(account_id=a.account_id, last4=a.last4,
                            routing_number=a.routing_number, account_type=a.kind,
                            holder_name=a.holder, nickname=a.nickname, created_at=a.created_at)


@route(bp, "/bank-accounts", summary="My saved bank accounts (last four digits only)", tag=TAG,
       response=m.BankAccountsOut)
def list_bank_accounts(caller: Caller):
    return m.BankAccountsOut(bank_accounts=[_out(a) for a in bank_accounts.listed(caller)])


@route(bp, "/bank-accounts", "POST", summary="Add a bank account (routing number checked)",
       tag=TAG, body=m.BankAccountIn, response=m.BankAccountOut, status=201, errors_=(409,))
def add_bank_account(caller: Caller, body):
    return _out(bank_accounts.add(caller, body.routing_number, body.account_number,
                                  body.account_type, body.holder_name, body.nickname, utc_now()))


@route(bp, "/bank-accounts/{account_id}", "DELETE", summary="Remove a saved bank account",
       tag=TAG, status=204, errors_=(404,))
def remove_bank_account(caller: Caller, account_id: str) -> None:
    bank_accounts.remove(caller, account_id, utc_now())

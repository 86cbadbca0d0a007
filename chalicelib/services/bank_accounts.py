"""A parent's saved bank accounts for payments: added through the processor (which
keeps the number and gives a token), listed by last four, removed."""
from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib.dal import bank_accounts
from chalicelib.dal.bank_accounts import BankAccount
from chalicelib.domain import bank
from chalicelib.errors import Conflict, InvalidInput, NotFound
from chalicelib.services import activity, autopay
from chalicelib.services.processors import processor
from chalicelib.services.scope import Caller

MAX_ACCOUNTS = 5


def add(caller: Caller, routing: str, account: str, kind: str, holder: str,
        nickname: str | None, now: datetime) -> BankAccount:
    problems = bank.account_problems(routing, account)
    if problems:
        raise InvalidInput(fields=problems)
    existing = bank_accounts.of_user(caller.user_id)
    if len(existing) >= MAX_ACCOUNTS:
        raise Conflict(f"You can save up to {MAX_ACCOUNTS} bank accounts.",
                       code="too_many_accounts")
    token = processor().tokenize_bank_account(routing, account, kind, holder, now)
    item = BankAccount(caller.user_id, secrets.token_hex(8), token=token.token,
                       last4=token.last4, routing_number=routing, kind=kind, holder=holder,
                       nickname=nickname, created_at=now, authorized_at=now)
    bank_accounts.save(item)
    activity.record(caller.user_id, "bank_account_added", now, client=caller.client,
                    last4=item.last4)
    return item


def listed(caller: Caller) -> list[BankAccount]:
    return sorted(bank_accounts.of_user(caller.user_id), key=lambda a: a.created_at)


def remove(caller: Caller, account_id: str, now: datetime) -> None:
    found = bank_accounts.get(caller.user_id, account_id)
    if found is None:
        raise NotFound("That bank account was not found.", code="bank_account_not_found")
    if autopay.uses_account(caller.user_id, account_id):
        raise Conflict("Automatic payments use this bank account. Stop them first.",
                       code="bank_account_in_use")
    bank_accounts.remove(caller.user_id, account_id)
    activity.record(caller.user_id, "bank_account_removed", now, client=caller.client,
                    last4=found.last4)

"""One-time payments on a case from a saved bank account.

A request carries an Idempotency-Key: the same key with the same body returns the first
payment; with another body it is refused; while the first is still running, a twin gets
a 409. The processor is given the same key, so even a retry after a timeout never
charges twice. A payment is pending until the processor settles it; settling posts it
to the case ledger, distributed current support first and then the oldest arrears, and
updates the balances in the same transaction. A return reverses it."""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from chalicelib.dal import bank_accounts
from chalicelib.dal import payments as store
from chalicelib.dal.agency import CaseItem
from chalicelib.dal.payments import Payment
from chalicelib.domain.money import display
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import (Conflict, Declined, Forbidden, InvalidInput, NotFound)
from chalicelib.integrations.payments import ProcessorTimeout, processor
from chalicelib.services import activity, case_ledger, cases, notices, profile
from chalicelib.services.sessions import Caller
from chalicelib.settings import get_settings

KEY_LIFETIME = timedelta(days=1)
MIN_CENTS = 100


def pay(caller: Caller, idempotency_key: str, case_id: str, bank_account_id: str,
        amount_cents: int, now: datetime) -> Payment:
    user = profile.current_user(caller)
    return pay_for(user, idempotency_key, case_id, bank_account_id, amount_cents, now,
                   client=caller.client)


def pay_for(user, idempotency_key: str, case_id: str, bank_account_id: str, amount_cents: int,
            now: datetime, client=None, made_by: str = "payment_made") -> Payment:
    """A payment by `user` (the parent, or their automatic payment schedule)."""
    limit = get_settings().payment_limit_cents
    if not MIN_CENTS <= amount_cents <= limit:
        raise InvalidInput(f"Pay from $1.00 to {display(limit)}.", code="invalid_amount",
                           fields={"amount_cents": f"From 100 to {limit} cents."})
    case, account = obligors_case_and_account(user, case_id, bank_account_id,
                                              "make a payment")
    key = token_hash(f"{user.user_id}:{idempotency_key}")
    body = hashlib.sha256(json.dumps([case_id, bank_account_id, amount_cents]).encode()).hexdigest()
    earlier = store.claim(key, body, now, now + KEY_LIFETIME)
    if earlier is not None:
        return _earlier_result(user.user_id, earlier, body)
    try:
        payment = _charge(user.user_id, user.member_id, case, account, amount_cents, key, now)
    except BaseException:
        store.release(key)
        raise
    activity.record(user.user_id, made_by, now, client=client,
                    case_id=case_id, amount=display(amount_cents))
    notices.send_notice(user, "payment_receipt", now, amount=display(amount_cents),
                        case_id=case_id, last4=account.last4, payment_id=payment.payment_id,
                        made_at=now)
    return payment


def obligors_case_and_account(user, case_id: str, bank_account_id: str, doing: str):
    """The case, if the user is its obligor, and their saved bank account; else 403/404."""
    case, role = cases.case_of(user, case_id)
    if role != "obligor":
        raise Forbidden(f"Only the paying parent can {doing} on this case.",
                        code="not_the_obligor")
    account = bank_accounts.get(user.user_id, bank_account_id)
    if account is None:
        raise NotFound("That bank account was not found.", code="bank_account_not_found")
    return case, account


def _earlier_result(user_id: str, earlier, body: str) -> Payment:
    if earlier.body_hash != body:
        raise InvalidInput("This Idempotency-Key was already used for a different payment.",
                           code="idempotency_key_reused")
    if earlier.status != "done":
        raise Conflict("This payment is still being processed. Check your payments in a "
                       "moment.", code="payment_in_progress")
    return store.get(user_id, earlier.result_id)


def _charge(user_id: str, member_id: str, case: CaseItem, account, amount: int, key: str,
            now: datetime) -> Payment:
    try:
        charge = processor().debit(account.token, amount, key, now)
    except ProcessorTimeout:
        charge = None  # it may exist: the payment stays pending until status tells
    if charge is not None and charge.status == "declined":
        raise Declined(f"The bank declined the payment ({charge.reason}).",
                       code="payment_declined", reason=charge.reason)
    payment = Payment(user_id, f"{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}",
                      member_id=member_id, case_id=case.case_id,
                      bank_account_id=account.account_id, last4=account.last4,
                      amount_cents=amount, status="pending", processor_key=key,
                      reference=charge.reference if charge else None, created_at=now)
    store.create(payment, key)
    return payment


def refresh(payment: Payment, now: datetime) -> Payment:
    """Asks the processor how a payment stands and records a settlement or a return."""
    if payment.status not in ("pending", "posted"):
        return payment
    charge = processor().status(payment.processor_key, now)
    if charge is None:
        return payment
    if payment.status == "pending" and charge.status in ("posted", "returned"):
        _settle(payment, "posted", now)
        payment = store.get(payment.user_id, payment.payment_id)
    if payment.status == "posted" and charge.status == "returned":
        _settle(payment, "returned", now, reason=charge.reason)
        payment = store.get(payment.user_id, payment.payment_id)
    return payment


def _settle(payment: Payment, status: str, now: datetime, reason: str | None = None) -> None:
    paid_on = cases.today(payment.created_at)

    def done() -> bool:  # someone else settled it meanwhile
        current = store.get(payment.user_id, payment.payment_id)
        return current is None or current.status == status

    if status == "posted":
        def alongside(posted):
            return [store.settle_actions(payment, "posted", now, posted.applied, posted.credit)]
        case_ledger.post_payment(
            payment.case_id, f"LEDGER#portal-{payment.payment_id}", int(payment.amount_cents),
            paid_on, "Payment by bank account ending " + payment.last4, now, source="portal",
            reference=payment.payment_id, alongside=alongside, done=done)
    else:
        case_ledger.reverse_payment(
            payment.case_id, f"LEDGER#portal-{payment.payment_id}-returned",
            int(payment.amount_cents), paid_on, cases.today(now),
            f"Payment returned by the bank ({reason})", now, source="portal",
            alongside=[store.settle_actions(payment, "returned", now, reason=reason)],
            done=done)


def history(caller: Caller, now: datetime, case_id: str | None,
            status: str | None) -> list[Payment]:
    found = [refresh(p, now) for p in store.of_user(caller.user_id)]
    return sorted((p for p in found if (not case_id or p.case_id == case_id)
                   and (not status or p.status == status)),
                  key=lambda p: p.created_at, reverse=True)


def detail(caller: Caller, payment_id: str, now: datetime) -> Payment:
    payment = store.get(caller.user_id, payment_id)
    if payment is None:
        raise NotFound("That payment was not found.", code="payment_not_found")
    return refresh(payment, now)

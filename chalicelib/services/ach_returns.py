"""What the bank sends back: a file of returned entries and notifications of change,
left in the bank bucket's inbound/ (the bucket tells the bank queue, whose function
calls `receive`). Each entry is found by its trace number and:

- a returned debit is recorded as returned with its code, its ledger distribution
  reversed (services/payments.py, in one transaction with the parent's notice in their
  language); on a code that says the account cannot be debited (R02, R03, R04, R07,
  R10...) the saved account is blocked and its automatic payments stopped; on R01 or
  R09 it is presented again while NACHA 2.12.4 and the state's data allow (at most twice,
  within 180 days of settlement), as a payment of its own;
- a returned prenote fails the account's validation and the debits that waited for it;
- a notice of change (C01 account number, C02 routing number, C05 account type...)
  corrects the account the rail debits, and the parent's saved account with it.

A file read twice (the queue delivers at least once) changes nothing the second time:
each entry moves on once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import unquote_plus

from chalicelib.clock import agency_date
from chalicelib.dal import ach as store
from chalicelib.dal import bank_accounts
from chalicelib.dal.ach import AchItem
from chalicelib.dal.payments import Payment
from chalicelib.domain import ach_codes, nacha
from chalicelib.domain.confirmations import payment_reference
from chalicelib.domain.secrets import token_hash
from chalicelib.integrations import bank_files, kms
from chalicelib.integrations.payments.ach import AchProcessor, account_context
from chalicelib.observability import logger, metrics
from chalicelib.services import activity, autopay, payments
from chalicelib.services.processors import ach_rules
from chalicelib.settings import get_settings


def files_named(message: str) -> list[str]:
    """The inbound files an S3 notification (the bank queue's message) names; none for
    S3's test event or anything else."""
    try:
        records = json.loads(message).get("Records", [])
    except (ValueError, AttributeError):
        logger.warning("bank queue message is not an S3 notification")
        return []
    keys = [unquote_plus(str(r.get("s3", {}).get("object", {}).get("key", "")))
            for r in records if isinstance(r, dict)
            and str(r.get("eventName", "")).startswith("ObjectCreated")]
    return [key for key in keys if key.startswith(bank_files.INBOUND)]


@dataclass
class Received:
    returns: int = 0
    changes: int = 0
    unmatched: int = 0
    repeated: int = 0  # moved on already (the file read before)


def receive(key: str, now: datetime) -> Received:
    """Reads a file the bank left and acts on each entry in it."""
    text = bank_files.read(key)
    received = Received()
    if text is None:
        logger.warning("bank file not found", extra={"key": key})
        return received
    for entry in nacha.returns(text):  # ValueError: not a NACHA file (the queue retries,
        outcome = handle(entry, now)     # then parks it on its dead letters)
        setattr(received, outcome, getattr(received, outcome) + 1)
    logger.info("bank file read", extra={"key": key, "returns": received.returns,
                                         "changes": received.changes,
                                         "unmatched": received.unmatched})
    metrics.add_metric(name="AchReturns", unit="Count", value=received.returns)
    return received


def handle(entry: nacha.Return, now: datetime) -> str:
    item = store.by_trace(entry.trace)
    if item is None:
        logger.warning("bank return matches no entry", extra={"code": entry.code})
        return "unmatched"
    if entry.code.startswith("C"):
        return "changes" if _change(item, entry, now) else "repeated"
    if item.status == "returned" or not store.move(
            item, [AchItem.status.set("returned"), AchItem.reason.set(entry.code),
                   AchItem.returned_at.set(now), *store.leave_queue()],
            status=str(item.status)):
        return "repeated"
    code = ach_codes.return_code(entry.code)
    if item.entry == "prenote":
        _failed_validation(item, code, now)
    else:
        _returned_debit(item, code, now)
    return "returns"


def _stop_account(token: str, code: str, now: datetime,
                  validation: str | None = None) -> payments.FollowUp:
    """No further debit from the account: the rail's record and the parent's saved
    account blocked with the code, its automatic payments stopped."""
    store.change_account(token, [AchItem.blocked.set(code), *(
        [AchItem.validation.set(validation)] if validation else [])])
    account = bank_accounts.of_token(token)
    if account is None:  # removed by the parent since
        return payments.FollowUp(account_blocked=True)
    bank_accounts.change(account.user_id, account.account_id, blocked=code)
    stopped = autopay.stop_for_account(account.user_id, account.account_id, code, now)
    return payments.FollowUp(account_blocked=True, autopay_stopped=stopped > 0)


def _failed_validation(prenote: AchItem, code: ach_codes.ReturnCode, now: datetime) -> None:
    """The account did not take the prenote: it can no longer be debited as saved, and
    the debits that waited for it fail (their payers told)."""
    token = str(prenote.token)
    _stop_account(token, code.code, now, validation="failed")
    for debit in store.waiting(f"waiting#{token}"):
        if store.move(debit, [AchItem.status.set("declined"), AchItem.reason.set(code.code),
                              *store.leave_queue()], status="waiting"):
            payment = payments.of_processor_key(store.entry_id(debit))
            if payment is not None:
                payments.check(payment, now)


def _returned_debit(item: AchItem, code: ach_codes.ReturnCode, now: datetime) -> None:
    payment = payments.of_processor_key(store.entry_id(item))
    if payment is None:
        logger.warning("returned entry has no payment", extra={"code": code.code})
        return
    follow_up = payments.FollowUp()
    if code.blocks_account:
        follow_up = _stop_account(str(item.token), code.code, now)
    elif code.unauthorized and payment.bank_account_id:  # the authorization is revoked
        stopped = autopay.stop_for_account(payment.user_id, payment.bank_account_id,
                                           code.code, now)
        follow_up = payments.FollowUp(autopay_stopped=stopped > 0)
    again = _present_again(item, payment, code, now)
    if again is not None:
        follow_up = payments.FollowUp(presented_again_on=again.isoformat())
    payments.check(payment, now, follow_up)


def _present_again(item: AchItem, payment: Payment, code: ach_codes.ReturnCode,
                   now: datetime) -> date | None:
    """Presents an R01/R09 return again, if the rule and the state's data allow: the
    effective date of the new entry (the day before it settles), else None."""
    rules = ach_rules(get_settings().agency_state)
    presented = int(item.presented or 1)
    settled = date.fromisoformat(str(item.effective)) if item.effective else agency_date(now)
    if presented > rules.reinitiations or not ach_codes.may_reinitiate(
            code.code, presented, (agency_date(now) - settled).days):
        return None
    key = token_hash(f"{store.entry_id(item)}:again")
    payment_id = payments.new_payment_id(now, key)
    charge = AchProcessor(rules).reinitiate(item, key, now, payment_reference(payment_id))
    again = payments.present_again(payment, payment_id, key, charge, presented + 1, now)
    if again.settles_at is None:
        return None
    return again.settles_at.astimezone(rules.zone).date() - timedelta(days=1)


def _change(item: AchItem, entry: nacha.Return, now: datetime) -> bool:
    """Applies a notice of change to the account the rail debits and the parent's saved
    account (NACHA 2.11.1: before the next entry, within six banking days); False if
    the rail's account is gone."""
    token = str(item.token)
    account = store.account(token)
    if account is None:
        return False
    try:
        change = ach_codes.change(entry.code, entry.corrected)
    except ValueError:  # C04, C09 (the name, the id): the agency's own records
        logger.warning("notice of change not applied", extra={"code": entry.code})
        return True
    actions = [AchItem.changed_at.set(now), AchItem.change_code.set(entry.code)]
    if change.routing:
        actions.append(AchItem.routing.set(change.routing))
    if change.account:
        actions.append(AchItem.account_number.set(
            kms.encrypt(change.account.encode(), account_context(token))))
    if change.account_type:
        actions.append(AchItem.kind.set(change.account_type))
    store.change_account(token, actions)
    parents = bank_accounts.of_token(token)
    if parents is not None:
        saved = {"routing_number": change.routing, "kind": change.account_type,
                 "last4": change.account[-4:] if change.account else None}
        bank_accounts.change(parents.user_id, parents.account_id,
                             **{k: v for k, v in saved.items() if v})
        activity.record(parents.user_id, "bank_account_corrected", now, code=entry.code,
                        last4=saved["last4"] or parents.last4)
    return True

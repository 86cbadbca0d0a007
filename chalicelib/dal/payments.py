"""Payments a parent makes in the portal, the idempotency records that make a retried
request return the first result instead of paying twice, and the totals of each
payer's pending payments.

A payer's pending total on a case, on all their cases or on a fee account is a counter
(the counters table: `pending#<user>#case#<id>`, `...#cases`, `...#fee#<account>`),
added to in the transaction that makes a pending payment and taken from in the one that
moves it on (posted, or failed), so a payment counts what is still pending on what it
pays with a read of one item, not a Query of the payer's payments (issue #27: at 300
pending, that Query made a payment 160 ms in-process). A payment made before the
totals were kept (no `counted`) is in none, and taken from none."""
from __future__ import annotations

import functools
import operator
from datetime import datetime
from typing import Sequence

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError
from pynamodb.expressions.update import Action
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal.agency import Allocation, MemberItem
from chalicelib.dal.base import (
    Maps,
    TableMeta,
    Together,
    Update,
    Wanted,
    guarded,
    is_condition_failure,
    newest_first,
    page,
    table_name,
    transaction,
    updated,
    written,
)
from chalicelib.dal.counters import Counter
from chalicelib.dal.errors import InProgress
from chalicelib.dal.outbox import Mail


class ByCheckDay(GlobalSecondaryIndex):
    """Payments to ask the processor about on a day (sparse: only while one may move),
    whole: the settlement job reads each once, here (issue #27)."""
    class Meta:
        index_name = "by_check_day"
        projection = AllProjection()

    check_on = UnicodeAttribute(hash_key=True)  # ISO date
    payment_id = UnicodeAttribute(range_key=True)


class ByProcessorKey(GlobalSecondaryIndex):
    """The payment a processor knows by its key (a processor that tells of a return)."""
    class Meta:
        index_name = "by_processor_key"
        projection = KeysOnlyProjection()

    processor_key = UnicodeAttribute(hash_key=True)


class Payment(Model):
    class Meta(TableMeta):
        table_name = table_name("payments")

    user_id = UnicodeAttribute(hash_key=True)
    payment_id = UnicodeAttribute(range_key=True)
    member_id = UnicodeAttribute()
    case_id = UnicodeAttribute(null=True)  # what it pays: a case,
    case_ids = ListAttribute(of=UnicodeAttribute, null=True)  # or all the payer's cases,
    fee_account = UnicodeAttribute(null=True)  # or a fee account
    method = UnicodeAttribute(default="bank")  # bank | card
    bank_account_id = UnicodeAttribute(null=True)
    card_brand = UnicodeAttribute(null=True)
    last4 = UnicodeAttribute()
    amount_cents = NumberAttribute()
    status = UnicodeAttribute()  # pending | posted | returned | failed (no charge behind it)
    processor_key = UnicodeAttribute()  # the idempotency key the processor knows it by
    reference = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    posted_at = UTCDateTimeAttribute(null=True)
    returned_at = UTCDateTimeAttribute(null=True)
    failed_at = UTCDateTimeAttribute(null=True)
    distribution = Maps(of=Allocation, null=True)
    credit_cents = NumberAttribute(null=True)
    check_on = UnicodeAttribute(null=True)
    settles_at = UTCDateTimeAttribute(null=True)  # when the processor expects it to settle
    # a bank payment's authorization, in the words the parent accepted (NACHA 2.3.2)
    authorization = UnicodeAttribute(null=True)
    presented = NumberAttribute(null=True)  # a re-presentment's count (2, 3): R01/R09
    represents = UnicodeAttribute(null=True)  # the returned payment it presents again
    counted = BooleanAttribute(null=True)  # in its payer's pending total (pending_key)
    by_check_day = ByCheckDay()
    by_processor_key = ByProcessorKey()


class IdempotencyRecord(Model):
    class Meta(TableMeta):
        table_name = table_name("idempotency")

    key = UnicodeAttribute(hash_key=True)  # SHA-256 of user and Idempotency-Key
    body_hash = UnicodeAttribute()
    status = UnicodeAttribute()  # in_progress | done
    result_id = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    ttl = TTLAttribute()


@guarded
def claim(key: str, body_hash: str, now: datetime, expires: datetime) -> IdempotencyRecord | None:
    """Takes the key for this request; returns the earlier record when it was taken."""
    for _ in range(3):  # the earlier one may be released between the two requests
        record = IdempotencyRecord(key, body_hash=body_hash, status="in_progress",
                                   created_at=now, ttl=expires)
        try:
            record.save(condition=IdempotencyRecord.key.does_not_exist())
            return None
        except PutError as error:
            if not is_condition_failure(error):
                raise
        try:
            return IdempotencyRecord.get(key, consistent_read=True)
        except IdempotencyRecord.DoesNotExist:
            continue
    raise InProgress(key)


@guarded
def release(key: str) -> None:
    """Frees a key whose request failed before it finished, so it can be retried."""
    try:
        IdempotencyRecord(key).delete(condition=IdempotencyRecord.status == "in_progress")
    except DeleteError as error:
        if not is_condition_failure(error):
            raise


def pending_key(user_id: str, case_id: str | None = None, fee_account: str | None = None,
                all_cases: bool = False) -> Wanted:
    """The key of a payer's pending total on a case, on all their cases (the payments
    for all of them) or on a fee account, for get_together."""
    return Counter, _pending_name(user_id, case_id, fee_account, all_cases)


def _pending_name(user_id: str, case_id: str | None, fee_account: str | None,
                  all_cases: bool) -> str:
    what = (f"fee#{fee_account}" if fee_account else "cases" if all_cases
            else f"case#{case_id}")
    return f"pending#{user_id}#{what}"


def pending_cents(total: Model | None) -> int:
    """A pending total as read (None: there is none), never below nothing."""
    return max(int(total.value), 0) if isinstance(total, Counter) else 0


def _pending_change(payment: Payment, sign: int) -> Update:
    """The update of the pending total the payment is in, by its amount."""
    name = _pending_name(payment.user_id, payment.case_id, payment.fee_account,
                         bool(payment.case_ids))
    return Counter(name), [Counter.value.add(sign * int(payment.amount_cents))], None


def _save_pending(t: TransactWrite, payment: Payment) -> None:
    """Saves a new payment and, while it is pending, adds it to its pending total."""
    payment.counted = payment.status == "pending" or None
    t.save(payment, condition=Payment.payment_id.does_not_exist())
    if payment.counted:
        item, actions, _ = _pending_change(payment, 1)
        t.update(item, actions=actions)


@guarded
def create(payment: Payment, key: str, alongside: tuple[Model, ...] = ()) -> None:
    """Saves the new payment and completes its idempotency record, together (with what
    is saved alongside: its activity event, and its pending total)."""
    with transaction() as t:
        for item in alongside:
            t.save(item)
        _save_pending(t, payment)
        t.update(IdempotencyRecord(key), actions=[IdempotencyRecord.status.set("done"),
                                                  IdempotencyRecord.result_id.set(payment.payment_id)],
                 condition=IdempotencyRecord.status == "in_progress")


@guarded
def add(payment: Payment, alongside: tuple[Model, ...] = ()) -> None:
    """Saves a payment the processor made of itself (a re-presentment), once (saved
    before, nothing is written again)."""

    def writes(t: TransactWrite) -> None:
        for item in alongside:
            t.save(item)
        _save_pending(t, payment)

    written(writes)


@guarded
def get(user_id: str, payment_id: str) -> Payment | None:
    try:
        return Payment.get(user_id, payment_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def of_user(user_id: str) -> list[Payment]:
    return list(Payment.query(user_id, consistent_read=True))


@guarded
def page_of_user(user_id: str, limit: int, cursor: str | None, case_id: str | None = None,
                 status: str | None = None) -> tuple[list[Payment], str | None]:
    """A page of the user's payments, newest first (a payment's id begins with the time
    it was made), of the case and status asked for, and the cursor to the next; ValueError
    for a cursor not from this list."""
    asked = [attribute == value for attribute, value in ((Payment.case_id, case_id),
                                                        (Payment.status, status))
             if value is not None]
    where = functools.reduce(operator.and_, asked) if asked else None
    return newest_first(Payment, user_id, "user_id", "payment_id", limit, cursor, where=where,
                        consistent=True)


KEEP = "keep"  # settle_actions' check_on: as it is


@guarded
def settle_actions(payment: Payment, status: str, now: datetime,
                   distribution: list[Allocation] | None = None, credit: int | None = None,
                   reason: str | None = None, check_on: str | None = KEEP) -> list[Update]:
    """The updates that move a payment on (pending -> posted, posted -> returned), for the
    transaction that also writes its ledger entry: the payment's (with the day to check
    it next, None: never; the condition that it still stands as it did) and, as it leaves
    pending, its pending total's."""
    previous = "pending" if status == "posted" else "posted"
    fields = _settled_fields(status, now, distribution, credit, reason)
    actions: list[Action] = [getattr(Payment, name).set(value) for name, value in fields.items()]
    if check_on != KEEP:
        actions.append(Payment.check_on.set(check_on) if check_on else Payment.check_on.remove())
    moved: Update = (Payment(payment.user_id, payment.payment_id), actions,
                     Payment.status == previous)
    return [moved, *_leaving_pending(payment, previous)]


def _leaving_pending(payment: Payment, previous: str) -> list[Update]:
    return [_pending_change(payment, -1)] if previous == "pending" and payment.counted else []


def as_settled(payment: Payment, status: str, now: datetime,
               distribution: list[Allocation] | None = None, credit: int | None = None,
               reason: str | None = None) -> Payment:
    """The payment as it stands once `settle_actions` moved it (a copy, not read again)."""
    settled = Payment.from_raw_data(payment.serialize())
    for name, value in _settled_fields(status, now, distribution, credit, reason).items():
        setattr(settled, name, value)
    return settled


def _settled_fields(status: str, now: datetime, distribution: list[Allocation] | None,
                    credit: int | None, reason: str | None) -> dict[str, object]:
    if status == "posted":
        return {"status": status, "posted_at": now, "credit_cents": credit or 0,
                "distribution": distribution or []}
    return {"status": status, "returned_at": now, "reason": reason or "returned"}


@guarded
def settle_fee_payment(payment: Payment, status: str, now: datetime,
                       reason: str | None = None, mail: Sequence[Mail] = ()) -> bool:
    """Moves a fee payment on and its fee account's balance with it (down when it posts,
    back up when it is returned), together. False when the payment had already moved on or
    the fee account is gone (the caller then settles the payment alone)."""
    change = -int(payment.amount_cents) if status == "posted" else int(payment.amount_cents)
    fees: Update = (MemberItem(payment.member_id, f"FEE#{payment.fee_account}"),
                    [MemberItem.balance_cents.add(change), MemberItem.updated_at.set(now)],
                    MemberItem.item.exists())
    return written(Together(updates=[*settle_actions(payment, status, now, reason=reason),
                                     fees], new=list(mail)).add_to)


@guarded
def settle(payment: Payment, status: str, now: datetime, reason: str | None = None,
           mail: Sequence[Mail] = ()) -> bool:
    """Moves a payment on by itself (with the messages about it, and its pending total);
    False if it had already moved on."""
    return written(Together(updates=settle_actions(payment, status, now, reason=reason),
                            new=list(mail)).add_to)


@guarded
def fail(payment: Payment, now: datetime, reason: str, mail: Sequence[Mail] = ()) -> bool:
    """A pending payment with no charge behind it: failed, no longer checked, its
    idempotency key freed (so the parent may use it again), out of its pending total,
    and the parent's notice, all together. False if it had moved on meanwhile (a charge
    was found after all)."""
    failed: Update = (Payment(payment.user_id, payment.payment_id),
                      [Payment.status.set("failed"), Payment.failed_at.set(now),
                       Payment.reason.set(reason), Payment.check_on.remove()],
                      Payment.status == "pending")
    key = IdempotencyRecord(payment.processor_key)
    # the key's record, unless it already expired or now names another payment
    freed = key, (IdempotencyRecord.key.does_not_exist()
                  | (IdempotencyRecord.result_id == payment.payment_id))
    return written(Together(updates=[failed, *_leaving_pending(payment, "pending")],
                            deletions=[freed], new=list(mail)).add_to)


@guarded
def to_check_on(day: str, cursor: dict | None = None, limit: int = 100):
    return page(Payment.by_check_day, day, cursor, limit)


@guarded
def of_processor_key(key: str) -> Payment | None:
    found = list(Payment.by_processor_key.query(key, limit=1))
    return get(found[0].user_id, found[0].payment_id) if found else None


@guarded
def set_check_on(payment: Payment, day: str | None, reference: str | None = None,
                 settles_at: datetime | None = None) -> None:
    """When to ask the processor next (never: None), the charge's reference once the
    processor names it (a payment whose answer timed out had none), and when it settles
    once the processor knows (an entry that waited for its account's validation). Only
    while the payment stands as `payment` says (the settlement job reads it from its
    index, which may lag the item a moment): one that moved meanwhile keeps its own."""
    actions: list[Action] = [Payment.check_on.set(day) if day else Payment.check_on.remove()]
    if reference:
        actions.append(Payment.reference.set(reference))
    if settles_at:
        actions.append(Payment.settles_at.set(settles_at))
    updated(Payment(payment.user_id, payment.payment_id), actions=actions,
            condition=Payment.payment_id.exists() & (Payment.status == payment.status))

"""Payments a parent makes in the portal, and the idempotency records that make a
retried request return the first result instead of paying twice."""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import (ListAttribute, MapAttribute, NumberAttribute, TTLAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute)
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError
from pynamodb.models import Model

from chalicelib.dal.agency import CASE, CaseItem, LastPayment
from chalicelib.dal.base import TableMeta, is_condition_failure, table_name, transaction


class Allocation(MapAttribute):
    period = UnicodeAttribute()
    cents = NumberAttribute()


class Payment(Model):
    class Meta(TableMeta):
        table_name = table_name("payments")

    user_id = UnicodeAttribute(hash_key=True)
    payment_id = UnicodeAttribute(range_key=True)
    member_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    bank_account_id = UnicodeAttribute()
    last4 = UnicodeAttribute()
    amount_cents = NumberAttribute()
    status = UnicodeAttribute()  # pending | posted | returned
    processor_key = UnicodeAttribute()  # the idempotency key the processor knows it by
    reference = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    posted_at = UTCDateTimeAttribute(null=True)
    returned_at = UTCDateTimeAttribute(null=True)
    distribution = ListAttribute(of=Allocation, null=True)
    credit_cents = NumberAttribute(null=True)


class IdempotencyRecord(Model):
    class Meta(TableMeta):
        table_name = table_name("idempotency")

    key = UnicodeAttribute(hash_key=True)  # SHA-256 of user and Idempotency-Key
    body_hash = UnicodeAttribute()
    status = UnicodeAttribute()  # in_progress | done
    result_id = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    ttl = TTLAttribute()


def claim(key: str, body_hash: str, now: datetime, expires: datetime) -> IdempotencyRecord | None:
    """Takes the key for this request; returns the earlier record when it was taken."""
    record = IdempotencyRecord(key, body_hash=body_hash, status="in_progress", created_at=now,
                               ttl=expires)
    try:
        record.save(condition=IdempotencyRecord.key.does_not_exist())
        return None
    except PutError as error:
        if not is_condition_failure(error):
            raise
    return IdempotencyRecord.get(key, consistent_read=True)


def release(key: str) -> None:
    """Frees a key whose request failed before it finished, so it can be retried."""
    try:
        IdempotencyRecord(key).delete(condition=IdempotencyRecord.status == "in_progress")
    except DeleteError as error:
        if not is_condition_failure(error):
            raise


def create(payment: Payment, key: str) -> None:
    """Saves the new payment and completes its idempotency record, together."""
    with transaction() as t:
        t.save(payment, condition=Payment.payment_id.does_not_exist())
        t.update(IdempotencyRecord(key), actions=[IdempotencyRecord.status.set("done"),
                                                  IdempotencyRecord.result_id.set(payment.payment_id)],
                 condition=IdempotencyRecord.status == "in_progress")


def get(user_id: str, payment_id: str) -> Payment | None:
    try:
        return Payment.get(user_id, payment_id, consistent_read=True)
    except DoesNotExist:
        return None


def of_user(user_id: str) -> list[Payment]:
    return list(Payment.query(user_id, consistent_read=True))


def settle(payment: Payment, status: str, ledger_entry: CaseItem, case: CaseItem,
           periods: dict, last_payment: dict | None, now: datetime,
           distribution: list[tuple[str, int]] | None = None, credit: int | None = None,
           reason: str | None = None) -> bool:
    """Moves a payment on (pending -> posted, posted -> returned) together with its ledger
    entry and the case's balance totals. False if anything changed meanwhile."""
    previous = "pending" if status == "posted" else "posted"
    actions = [Payment.status.set(status)]
    if status == "posted":
        actions += [Payment.posted_at.set(now), Payment.credit_cents.set(credit or 0),
                    Payment.distribution.set([Allocation(period=p, cents=c)
                                              for p, c in distribution or []])]
    else:
        actions += [Payment.returned_at.set(now), Payment.reason.set(reason or "returned")]
    last = (CaseItem.last_payment.set(LastPayment(**last_payment)) if last_payment
            else CaseItem.last_payment.remove())
    try:
        with transaction() as t:
            t.update(Payment(payment.user_id, payment.payment_id), actions=actions,
                     condition=Payment.status == previous)
            t.save(ledger_entry, condition=CaseItem.item.does_not_exist())
            t.update(CaseItem(case.case_id, CASE),
                     actions=[CaseItem.periods.set(periods), last, CaseItem.updated_at.set(now)],
                     condition=CaseItem.updated_at == case.updated_at)
    except TransactWriteError as error:
        if is_condition_failure(error):
            return False
        raise
    return True

"""The ACH rail's own records, as a processor keeps them on its side: the accounts it
debits (the number encrypted under the data key), each entry it originates (a debit, a
prenote, a re-presentment), and each day's file.

    ACCOUNT#<token>   routing, encrypted number, type, holder, validation, blocked code
    ENTRY#<id>        a debit (its id is the portal's idempotency key) or a prenote
    FILE#<day>        the file sent that banking day: where it is, its totals

An entry waiting for something is in the sparse index by_queue under what it waits for:
"file" (the next file, by the day whose file it goes in), "validating" (a prenote in its
quiet period, by the day it passes), "waiting#<token>" (a debit waiting for its
account's validation). The bank's returns find entries by trace number (by_trace)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterator, Sequence

from pynamodb.attributes import (
    BinaryAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.expressions.update import Action
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, is_condition_failure, table_name, updated

FILE_QUEUE = "file"
VALIDATING = "validating"


class ByQueue(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_queue"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
    due = UnicodeAttribute(range_key=True)  # ISO date (then the entry's id, for order)


class ByTrace(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_trace"
        projection = KeysOnlyProjection()

    trace = UnicodeAttribute(hash_key=True)


class AchItem(Model):
    class Meta(TableMeta):
        table_name = table_name("ach")

    key = UnicodeAttribute(hash_key=True)
    created_at = UTCDateTimeAttribute()
    # an account's
    routing = UnicodeAttribute(null=True)
    account_number = BinaryAttribute(null=True, legacy_encoding=False)  # KMS ciphertext
    kind = UnicodeAttribute(null=True)  # checking | savings
    holder = UnicodeAttribute(null=True)  # as the entry carries it (22)
    validation = UnicodeAttribute(null=True)  # pending | valid | failed
    blocked = UnicodeAttribute(null=True)  # the return code that stopped its debits
    changed_at = UTCDateTimeAttribute(null=True)  # a notice of change applied
    change_code = UnicodeAttribute(null=True)
    # an entry's
    entry = UnicodeAttribute(null=True)  # debit | prenote
    token = UnicodeAttribute(null=True)
    amount_cents = NumberAttribute(null=True)
    sec = UnicodeAttribute(null=True)  # WEB | PPD
    recurring = UnicodeAttribute(null=True)  # R (recurring) | S (single): WEB's 6 record
    description = UnicodeAttribute(null=True)
    individual_id = UnicodeAttribute(null=True)  # the payment's number: P-C693-E18F
    trace = UnicodeAttribute(null=True)
    file_day = UnicodeAttribute(null=True)
    effective = UnicodeAttribute(null=True)  # ISO date, once in a file
    status = UnicodeAttribute(null=True)  # waiting | queued | sent | returned | declined
    reason = UnicodeAttribute(null=True)  # a return's code
    returned_at = UTCDateTimeAttribute(null=True)
    presented = NumberAttribute(null=True)  # 1, then 2 and 3 for R01/R09 re-presentments
    first = UnicodeAttribute(null=True)  # a re-presentment's first entry
    queue = UnicodeAttribute(null=True)
    due = UnicodeAttribute(null=True)
    # a file's
    s3_key = UnicodeAttribute(null=True)
    entries = NumberAttribute(null=True)
    total_cents = NumberAttribute(null=True)
    by_queue = ByQueue()
    by_trace = ByTrace()


def account_key(token: str) -> str:
    return f"ACCOUNT#{token}"


def entry_key(entry_id: str) -> str:
    return f"ENTRY#{entry_id}"


def entry_id(item: AchItem) -> str:
    return item.key.split("#", 1)[1]


def _get(key: str) -> AchItem | None:
    try:
        return AchItem.get(key, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save_account(token: str, routing: str, ciphertext: bytes, kind: str, holder: str,
                 validation: str, now: datetime) -> None:
    AchItem(account_key(token), created_at=now, routing=routing, account_number=ciphertext,
            kind=kind, holder=holder, validation=validation).save()


@guarded
def account(token: str) -> AchItem | None:
    return _get(account_key(token))


@guarded
def entry(entry_id: str) -> AchItem | None:
    return _get(entry_key(entry_id))


@guarded
def add_entry(item: AchItem) -> AchItem:
    """Saves a new entry once by its id; a twin (a retry) gets the first one."""
    try:
        item.save(condition=AchItem.key.does_not_exist())
    except PutError as error:
        if not is_condition_failure(error):
            raise
        first = _get(item.key)
        if first is None:
            raise
        return first
    return item


def queued_for(queue: str, due: str, entry_id: str) -> list[Action]:
    return [AchItem.queue.set(queue), AchItem.due.set(f"{due}#{entry_id}")]


@guarded
def waiting(queue: str, up_to: str | None = None) -> Iterator[AchItem]:
    """The entries waiting in a queue (due on or before `up_to`, an ISO date), in order."""
    condition = AchItem.due <= f"{up_to}#~" if up_to else None
    return iter(AchItem.by_queue.query(queue, range_key_condition=condition))


@guarded
def move(item: AchItem, actions: Sequence[Action], status: str | None = None) -> bool:
    """Moves an entry on (from `status`, when given); False if it had moved already."""
    condition = (AchItem.status == status) if status else AchItem.key.exists()
    return updated(AchItem(item.key), actions=actions, condition=condition)


def leave_queue() -> list[Action]:
    return [AchItem.queue.remove(), AchItem.due.remove()]


@guarded
def by_trace(trace: str) -> AchItem | None:
    """The entry with the trace number (the latest, should a sequence ever come round)."""
    keys = list(AchItem.by_trace.query(trace))
    found = [item for item in (_get(k.key) for k in keys) if item is not None]
    return max(found, key=lambda item: item.created_at) if found else None


@guarded
def change_account(token: str, actions: Sequence[Action]) -> bool:
    return updated(AchItem(account_key(token)), actions=actions,
                   condition=AchItem.key.exists())


@guarded
def file(day: date) -> AchItem | None:
    return _get(f"FILE#{day.isoformat()}")


@guarded
def save_file(day: date, s3_key: str, entries: int, total_cents: int, now: datetime) -> None:
    AchItem(f"FILE#{day.isoformat()}", created_at=now, s3_key=s3_key, entries=entries,
            total_cents=total_cents).save()

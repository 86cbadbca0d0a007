"""Letters the agency posts to a member (a PDF in S3), newest first; unread until opened.
A letter for a member who takes paper (or has no logon) waits in the sparse `by_mailing`
index until staff mark it printed and mailed."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal import attention, outbox
from chalicelib.dal.base import (
    TableMeta,
    decode_cursor,
    encode_cursor,
    guarded,
    page,
    table_name,
    transaction,
    updated,
    written,
)
from chalicelib.dal.outbox import Mail


class ByDigestDay(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_digest_day"
        projection = KeysOnlyProjection()

    digest_day = UnicodeAttribute(hash_key=True)  # the day it was posted
    member_id = UnicodeAttribute(range_key=True)


TO_MAIL = "waiting"


class ByMailing(GlobalSecondaryIndex):
    class Meta:  # whole items: the print-and-mail list shows each
        index_name = "by_mailing"
        projection = AllProjection()

    to_mail = UnicodeAttribute(hash_key=True)  # TO_MAIL while it waits to be mailed
    letter_id = UnicodeAttribute(range_key=True)  # oldest first: it starts with its time


class Letter(Model):
    class Meta(TableMeta):
        table_name = table_name("letters")

    member_id = UnicodeAttribute(hash_key=True)
    letter_id = UnicodeAttribute(range_key=True)  # <posted YYYYmmddHHMMSS>-<random>
    title = UnicodeAttribute()
    document_id = UnicodeAttribute()
    case_id = UnicodeAttribute(null=True)
    fee_account = UnicodeAttribute(null=True)  # a letter about one of the member's fee accounts
    posted_at = UTCDateTimeAttribute()
    posted_by = UnicodeAttribute()
    read_at = UTCDateTimeAttribute(null=True)
    digest_day = UnicodeAttribute(null=True)
    to_mail = UnicodeAttribute(null=True)
    mailed_at = UTCDateTimeAttribute(null=True)
    mailed_by = UnicodeAttribute(null=True)  # the staff user id
    by_digest_day = ByDigestDay()
    by_mailing = ByMailing()


@guarded
def post(letter: Letter, mail: Sequence[Mail] = (), reader: str | None = None) -> None:
    """A new letter, with the email that tells of it and its Action Center mark for the
    member's logon (`reader`), if it has one."""
    with transaction() as t:
        t.save(letter, condition=Letter.letter_id.does_not_exist())
        if reader:
            attention.put_in(t, [unread_mark(reader, letter)])
        outbox.add_to(t, mail)


def unread_mark(reader: str, letter: Letter) -> attention.Mark:
    """A letter's Action Center mark, for the logon linked to its member, until opened."""
    return attention.mark(reader, attention.letter_key(letter.letter_id), "letter",
                          case_id=letter.case_id)


@guarded
def of_member(member_id: str) -> list[Letter]:
    return list(Letter.query(member_id, scan_index_forward=False, consistent_read=True))


@guarded
def get(member_id: str, letter_id: str) -> Letter | None:
    try:
        return Letter.get(member_id, letter_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def mark_read(letter: Letter, now: datetime, reader: str) -> None:
    """Opened, by the logon `reader`: its Action Center mark goes (nothing is written if it
    was opened already)."""
    def writes(t: TransactWrite) -> None:
        t.update(letter, actions=[Letter.read_at.set(now)],
                 condition=Letter.read_at.does_not_exist())
        attention.delete_in(t, reader, [attention.letter_key(letter.letter_id)])

    written(writes)


@guarded
def posted_on(day: str, cursor: dict | None = None, limit: int = 100):
    return page(Letter.by_digest_day, day, cursor, limit)


@guarded
def waiting_to_mail(limit: int, cursor: str | None = None) -> tuple[list[Letter], str | None]:
    """A page of the letters to print and mail, oldest first (ValueError for a foreign
    cursor)."""
    start = decode_cursor(cursor, "to_mail", TO_MAIL, "letter_id",
                          table_keys=("member_id", "letter_id"))
    results = Letter.by_mailing.query(TO_MAIL, limit=limit, last_evaluated_key=start)
    return list(results), encode_cursor(results.last_evaluated_key)


@guarded
def mark_mailed(member_id: str, letter_id: str, staff_id: str, now: datetime) -> bool:
    """Out of the list, by whom and when; False when it was not waiting (mailed already)."""
    return updated(Letter(member_id, letter_id),
                   actions=[Letter.to_mail.remove(), Letter.mailed_at.set(now),
                            Letter.mailed_by.set(staff_id)],
                   condition=Letter.to_mail.exists())

"""What needs a parent's attention (the Action Center's items), one mark for each thing
in the logon's partition, so that the tab's number is one Query, not a recount of ten
sources. The write that makes or ends a thing puts or deletes its mark, in the same
transaction where it has one (a mark is put or deleted, never counted up or down, so a
retried write cannot make the number drift).

user_id + mark   LINK                        a logon not linked to its case yet
                 MESSAGE#<thread id>         a thread with the agency's messages unread
                 LETTER#<letter id>          a letter not opened yet
                 REQUEST#<submission id>     a draft (until it expires), or a request the
                                             agency changed that the parent has not seen
                 CODE#<code key>             a request code not used (until it expires)
                 CASE#<case id>#OWING        a balance due (from the month it falls due)
                 CASE#<case id>#EVENT#<key>  a court date or appointment (from 14 days before)

A mark counts from `shown_from` (when set) until `until` (when set); TTL removes it a
while after `until`. It carries what the Action Center shows of its thing (`shows`: a
request's type and status, a code's request type, a court date's description and place),
so that the list is the same one Query as the number (and the cases owed on, read
together)."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from pynamodb.attributes import (
    JSONAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal.base import TableMeta, guarded, table_name, ttl_after


class Mark(Model):
    class Meta(TableMeta):
        table_name = table_name("attention")

    user_id = UnicodeAttribute(hash_key=True)
    mark = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # link_case | message | letter | draft | request_updated |
    # code_waiting | balance_due | court_date | appointment (the Action Center's kinds)
    case_id = UnicodeAttribute(null=True)  # what it is about, for a delegate's scope
    shown_from = UTCDateTimeAttribute(null=True)
    until = UTCDateTimeAttribute(null=True)
    expires = TTLAttribute(null=True)
    shows = JSONAttribute(null=True)  # what the Action Center shows of it: strings by name


def mark(user_id: str, key: str, kind: str, *, case_id: str | None = None,
         shown_from: datetime | None = None, until: datetime | None = None,
         shows: dict[str, str | None] | None = None) -> Mark:
    return Mark(user_id, key, kind=kind, case_id=case_id, shown_from=shown_from, until=until,
                expires=ttl_after(until) if until else None,
                shows={k: v for k, v in shows.items() if v is not None} if shows else None)


LINK = "LINK"


def link_mark(user_id: str) -> Mark:
    return mark(user_id, LINK, "link_case")


def message_key(thread_id: str) -> str:
    return f"MESSAGE#{thread_id}"


def letter_key(letter_id: str) -> str:
    return f"LETTER#{letter_id}"


def request_key(submission_id: str) -> str:
    return f"REQUEST#{submission_id}"


def code_key(code_item: str) -> str:
    return code_item  # CODE#<the code's hash>, as the member's item is keyed


def case_prefix(case_id: str) -> str:
    return f"CASE#{case_id}#"


def owing_key(case_id: str) -> str:
    return f"{case_prefix(case_id)}OWING"


# what a logon has from its member (and, while it has none, the mark that says so)
MEMBER_PREFIXES = (LINK, "LETTER#", "CODE#", "CASE#")


def put_in(t: TransactWrite, marks: Iterable[Mark]) -> None:
    for item in marks:
        t.save(item)


def delete_in(t: TransactWrite, user_id: str, keys: Iterable[str]) -> None:
    for key in keys:
        t.delete(Mark(user_id, key))


@guarded
def marks_of(user_id: str, prefix: str | None = None) -> list[Mark]:
    """The logon's marks (those under a prefix): one Query."""
    condition = Mark.mark.startswith(prefix) if prefix else None
    return list(Mark.query(user_id, condition, consistent_read=True))


@guarded
def replace(user_id: str, prefixes: tuple[str, ...], marks: Iterable[Mark]) -> None:
    """The logon's marks under these prefixes become `marks`: the others there are
    deleted (a batch write; each put or delete is idempotent, so a retry is harmless)."""
    wanted = {m.mark: m for m in marks}
    stale = [m for m in marks_of(user_id) if m.mark.startswith(prefixes)
             and m.mark not in wanted]
    with Mark.batch_write() as batch:
        for item in stale:
            batch.delete(item)
        for item in wanted.values():
            batch.save(item)


@guarded
def put_or_delete(user_id: str, key: str, item: Mark | None) -> None:
    """The mark under `key` becomes `item`, or goes (one write either way)."""
    if item is None:
        Mark(user_id, key).delete()
    else:
        item.save()


@guarded
def forget(user_id: str) -> None:
    """A deleted logon's marks."""
    with Mark.batch_write() as batch:
        for item in marks_of(user_id):
            batch.delete(item)

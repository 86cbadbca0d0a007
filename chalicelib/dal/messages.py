"""Messages between a parent and the agency, in threads, in the parent's partition:

user_id + item   T#<thread id>                       the thread: subject, unread count
                 M#<thread id>#<time>-<random>       a message

Sparse indexes on thread items: `by_agency_queue` holds a thread while it awaits the
agency's reply (the parent wrote last), oldest first; `by_assignee` holds the same
threads about a case with an assigned caseworker, under that caseworker (Kentucky: their
queue first); `by_thread` finds a thread by its id for staff."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
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
    strings,
    table_name,
    transaction,
    written,
)
from chalicelib.dal.outbox import Mail

AWAITING = "awaiting"


class ByAgencyQueue(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_agency_queue"
        projection = AllProjection()

    agency_queue = UnicodeAttribute(hash_key=True)
    waiting_since = UnicodeAttribute(range_key=True)  # <ISO time>#<thread id>


class ByAssignee(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_assignee"
        projection = AllProjection()

    waiting_for = UnicodeAttribute(hash_key=True)  # the assigned caseworker's email
    waiting_since = UnicodeAttribute(range_key=True)


class ByThread(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_thread"
        projection = KeysOnlyProjection()

    thread_id = UnicodeAttribute(hash_key=True)


class ByDigestDay(GlobalSecondaryIndex):
    """Threads the agency wrote in on a day (for the next day's unread-mail digest)."""
    class Meta:
        index_name = "by_digest_day"
        projection = KeysOnlyProjection()

    digest_day = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute(range_key=True)


class MessageItem(Model):
    class Meta(TableMeta):
        table_name = table_name("messages")

    user_id = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)
    thread_id = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    # T#
    subject = UnicodeAttribute(null=True)
    case_id = UnicodeAttribute(null=True)
    last_at = UTCDateTimeAttribute(null=True)
    unread = NumberAttribute(null=True)  # the agency's messages the parent has not opened
    agency_queue = UnicodeAttribute(null=True)
    waiting_since = UnicodeAttribute(null=True)
    assignee = UnicodeAttribute(null=True)  # the case's caseworker when the thread began
    waiting_for = UnicodeAttribute(null=True)  # the assignee, while it awaits the agency
    digest_day = UnicodeAttribute(null=True)  # the last day the agency wrote in it
    # M#
    sender = UnicodeAttribute(null=True)  # parent | agency
    staff_id = UnicodeAttribute(null=True)
    body = UnicodeAttribute(null=True)
    documents: ListAttribute[str] = strings(null=True)
    by_agency_queue = ByAgencyQueue()
    by_assignee = ByAssignee()
    by_thread = ByThread()
    by_digest_day = ByDigestDay()


@guarded
def thread_key(thread_id: str) -> str:
    return f"T#{thread_id}"


@guarded
def message(user_id: str, thread_id: str, stamp: str, sender: str, body: str, at: datetime,
            documents: list[str], staff_id: str | None = None) -> MessageItem:
    return MessageItem(user_id, f"M#{thread_id}#{stamp}", thread_id=thread_id, at=at,
                       sender=sender, body=body, documents=documents or None,
                       staff_id=staff_id)


@guarded
def start_thread(thread: MessageItem, first: MessageItem, mail: Sequence[Mail] = ()) -> None:
    """A thread and its first message (and the email that tells of it), together."""
    with transaction() as t:
        t.save(thread, condition=MessageItem.item.does_not_exist())
        t.save(first, condition=MessageItem.item.does_not_exist())
        if thread.unread:
            attention.put_in(t, [unread_mark(thread.user_id, thread.thread_id, thread.case_id)])
        outbox.add_to(t, mail)


def unread_mark(user_id: str, thread_id: str, case_id: str | None) -> attention.Mark:
    """A thread's Action Center mark while the agency's messages in it are unread."""
    return attention.mark(user_id, attention.message_key(thread_id), "message", case_id=case_id)


@guarded
def add(msg: MessageItem, now: datetime, mail: Sequence[Mail] = (),
        assignee: str | None = None, case_id: str | None = None) -> None:
    """Adds a message and moves its thread: a parent's puts the thread in the agency's
    queue (keeping how long it has waited; and in its `assignee`'s), the agency's takes
    it out and counts unread (and marks it for the Action Center; `case_id`, the
    thread's)."""
    thread = MessageItem(msg.user_id, thread_key(msg.thread_id))
    moves: list[Action]
    if msg.sender == "parent":
        moves = [MessageItem.agency_queue.set(AWAITING),
                 MessageItem.waiting_since.set(MessageItem.waiting_since | (
                     f"{now.isoformat()}#{msg.thread_id}"))]
        moves += [MessageItem.waiting_for.set(assignee)] if assignee else []
    else:
        moves = [MessageItem.agency_queue.remove(), MessageItem.waiting_since.remove(),
                 MessageItem.waiting_for.remove(), MessageItem.unread.add(1),
                 MessageItem.digest_day.set(now.date().isoformat())]
    with transaction() as t:
        t.save(msg, condition=MessageItem.item.does_not_exist())
        t.update(thread, actions=[MessageItem.last_at.set(now), *moves],
                 condition=MessageItem.item.exists())
        if msg.sender != "parent":
            attention.put_in(t, [unread_mark(msg.user_id, msg.thread_id, case_id)])
        outbox.add_to(t, mail)


@guarded
def threads(user_id: str) -> list[MessageItem]:
    return list(MessageItem.query(user_id, MessageItem.item.startswith("T#"),
                                  consistent_read=True))


@guarded
def thread(user_id: str, thread_id: str) -> MessageItem | None:
    try:
        return MessageItem.get(user_id, thread_key(thread_id), consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def messages_of(user_id: str, thread_id: str) -> list[MessageItem]:
    return list(MessageItem.query(user_id, MessageItem.item.startswith(f"M#{thread_id}#"),
                                  consistent_read=True))


@guarded
def mark_read(user_id: str, thread_id: str) -> None:
    """Read, with its Action Center mark gone (nothing written if it was read already)."""
    def writes(t: TransactWrite) -> None:
        t.update(MessageItem(user_id, thread_key(thread_id)),
                 actions=[MessageItem.unread.set(0)], condition=MessageItem.unread > 0)
        attention.delete_in(t, user_id, [attention.message_key(thread_id)])

    written(writes)


@guarded
def owner_of(thread_id: str) -> str | None:
    keys = list(MessageItem.by_thread.query(thread_id, limit=1))
    return keys[0].user_id if keys else None


@guarded
def awaiting(limit: int, cursor: str | None) -> tuple[list[MessageItem], str | None]:
    start = decode_cursor(cursor, "agency_queue", AWAITING, "waiting_since",
                          table_keys=("user_id", "item"))
    results = MessageItem.by_agency_queue.query(AWAITING, limit=limit, last_evaluated_key=start)
    return list(results), encode_cursor(results.last_evaluated_key)


@guarded
def awaiting_for(assignee: str, limit: int,
                 cursor: str | None) -> tuple[list[MessageItem], str | None]:
    """The threads about the caseworker's cases that await the agency, oldest first."""
    start = decode_cursor(cursor, "waiting_for", assignee, "waiting_since",
                          table_keys=("user_id", "item"))
    results = MessageItem.by_assignee.query(assignee, limit=limit, last_evaluated_key=start)
    return list(results), encode_cursor(results.last_evaluated_key)


@guarded
def written_on(day: str, cursor: dict | None = None, limit: int = 100):
    return page(MessageItem.by_digest_day, day, cursor, limit)

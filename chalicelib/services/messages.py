"""Messages: a parent writes to the agency about a case or the portal, with documents if
they like; the agency answers in the thread (or writes first). The parent sees unread
counts; the agency works the threads waiting for a reply, oldest first. A parent who
subscribed to "messages" is emailed when the agency writes."""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from chalicelib.dal import agency, users
from chalicelib.dal import messages as store
from chalicelib.dal.messages import MessageItem
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.errors import NotFound, invalid_cursor
from chalicelib.services import cases, documents, notices
from chalicelib.services.scope import Caller, current_user, in_scope


@dataclass(frozen=True)
class Thread:
    thread: MessageItem
    messages: list[MessageItem]


@dataclass(frozen=True)
class Parent:
    """Who a thread is with, for the caseworker reading it."""
    name: str
    member_id: str | None


def _parent(user: User | None) -> Parent:
    if user is None:  # the profile was deleted since
        return Parent("", None)
    return Parent(f"{user.first_name} {user.last_name}".strip(), user.member_id)


def parent_of(found: Thread) -> Parent:
    return _parent(users.get(found.thread.user_id))


def parents_of(threads: list[MessageItem]) -> dict[str, Parent]:
    """Who each thread of a list is with, by logon id: one BatchGet."""
    found = {u.user_id: u for u in users.get_many([t.user_id for t in threads])}
    return {t.user_id: _parent(found.get(t.user_id)) for t in threads}


def _stamp(now: datetime) -> str:
    """Sorts by time, then by this process's monotonic clock (two messages of one
    instant keep their order), then noise."""
    return f"{now.strftime('%Y%m%d%H%M%S%f')}-{time.monotonic_ns():020d}-{secrets.token_hex(2)}"


def inbox(caller: Caller) -> list[MessageItem]:
    return sorted((t for t in store.threads(caller.user_id) if in_scope(t.case_id)),
                  key=lambda t: t.last_at, reverse=True)


def send(caller: Caller, subject: str, body: str, case_id: str | None,
         document_ids: list[str], now: datetime) -> Thread:
    """A new thread from the parent."""
    assignee = None
    if case_id:
        case, _ = cases.case_of(current_user(caller), case_id)  # 404 unless it is theirs
        assignee = case.caseworker_email  # Kentucky: the case's caseworker's queue first
    return _new_thread(caller.user_id, subject, case_id, "parent", body, document_ids,
                       caller.user_id, now, assignee=assignee)


def reply(caller: Caller, thread_id: str, body: str, document_ids: list[str],
          now: datetime) -> Thread:
    thread = _thread(caller.user_id, thread_id)
    _add(thread, "parent", body, document_ids, caller.user_id, None, now,
         assignee=thread.assignee)
    return read(caller, thread_id)


def read(caller: Caller, thread_id: str) -> Thread:
    """A thread and its messages; opening it marks the agency's messages read."""
    thread = _thread(caller.user_id, thread_id)
    if thread.unread:
        store.mark_read(caller.user_id, thread_id)
        thread.unread = 0
    return Thread(thread, store.messages_of(caller.user_id, thread_id))


# -- agency side ----------------------------------------------------------------------

def awaiting_reply(limit: int, cursor: str | None,
                   assignee: str | None = None) -> tuple[list[MessageItem], str | None]:
    """Every thread awaiting the agency, or those about the cases assigned to one
    caseworker (by their email)."""
    try:
        if assignee is not None:
            return store.awaiting_for(assignee.lower(), limit, cursor)
        return store.awaiting(limit, cursor)
    except ValueError:
        raise invalid_cursor() from None


def staff_read(thread_id: str) -> Thread:
    owner = store.owner_of(thread_id)
    if owner is None:
        raise NotFound("That thread was not found.", code="thread_not_found")
    thread = store.thread(owner, thread_id)
    if thread is None:
        raise NotFound("That thread was not found.", code="thread_not_found")
    return Thread(thread, store.messages_of(owner, thread_id))


def staff_reply(staff: Caller, thread_id: str, body: str, document_ids: list[str],
                now: datetime) -> Thread:
    found = staff_read(thread_id)
    _add(found.thread, "agency", body, document_ids, staff.user_id, staff.user_id, now,
         mail=_notice(found.thread.user_id, found.thread.subject, now))
    return staff_read(thread_id)


def staff_write(staff: Caller, member_id: str, subject: str, body: str,
                case_id: str | None, document_ids: list[str], now: datetime) -> Thread:
    """The agency writes first, to the logon linked to a member."""
    member = agency.member(member_id)
    if member is None or not member.linked_user_id:
        raise NotFound("No portal logon is linked to that member.", code="member_not_linked")
    return _new_thread(member.linked_user_id, subject, case_id, "agency", body, document_ids,
                       staff.user_id, now, staff_id=staff.user_id,
                       mail=_notice(member.linked_user_id, subject, now))


# -- shared -----------------------------------------------------------------------------

def _new_thread(user_id: str, subject: str, case_id: str | None, sender: str, body: str,
                document_ids: list[str], uploader: str, now: datetime,
                staff_id: str | None = None, mail: Sequence[Mail] = (),
                assignee: str | None = None) -> Thread:
    thread_id = _stamp(now)
    if document_ids:
        documents.attach(uploader, document_ids, f"message:{user_id}:{thread_id}")
    by_parent = sender == "parent"
    thread = MessageItem(user_id, store.thread_key(thread_id), thread_id=thread_id, at=now,
                         subject=subject, case_id=case_id, last_at=now,
                         unread=0 if by_parent else 1,
                         agency_queue=store.AWAITING if by_parent else None,
                         digest_day=None if by_parent else now.date().isoformat(),
                         waiting_since=f"{now.isoformat()}#{thread_id}" if by_parent else None,
                         assignee=assignee, waiting_for=assignee if by_parent else None)
    first = store.message(user_id, thread_id, _stamp(now), sender, body, now, document_ids,
                          staff_id)
    store.start_thread(thread, first, mail)
    return Thread(thread, [first])


def _add(thread: MessageItem, sender: str, body: str, document_ids: list[str], uploader: str,
         staff_id: str | None, now: datetime, mail: Sequence[Mail] = (),
         assignee: str | None = None) -> None:
    if document_ids:
        documents.attach(uploader, document_ids, f"message:{thread.user_id}:{thread.thread_id}")
    store.add(store.message(thread.user_id, thread.thread_id, _stamp(now), sender, body, now,
                            document_ids, staff_id), now, mail, assignee=assignee,
              case_id=thread.case_id)


def _thread(user_id: str, thread_id: str) -> MessageItem:
    thread = store.thread(user_id, thread_id)
    if thread is None or not in_scope(thread.case_id):
        raise NotFound("That thread was not found.", code="thread_not_found")
    return thread


def _notice(user_id: str, subject: str, now: datetime) -> list[Mail]:
    """The email that tells a parent of the agency's message, if they asked for it."""
    user = users.get(user_id)
    if user is not None and "messages" in (user.subscriptions or []):
        return notices.notice(user, "new_message", now, subject=subject)
    return []

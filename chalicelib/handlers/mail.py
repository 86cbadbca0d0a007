"""Messages with the agency, and letters from it."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import letters, messages
from chalicelib.services.scope import Caller, current_user

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import mail as m
else:
    m = lazy("mail")

bp = Routes(__name__)
TAG = "Messages and letters"


def row(t, model=None, **extra):
    return (model or m.ThreadRow)(thread_id=t.thread_id, subject=t.subject, case_id=t.case_id,
                                  started_at=t.at, last_at=t.last_at, unread=int(t.unread or 0),
                                  **extra)


def thread_out(found, model=None, **extra):
    return row(found.thread, model or m.ThreadOut, messages=[
        m.MessageOut(sender=x.sender, body=x.body, at=x.at, document_ids=x.documents or [])
        for x in found.messages], **extra)


def staff_thread_out(found):
    """A thread as a caseworker reads it: with the parent it is with."""
    parent = messages.parent_of(found)
    return thread_out(found, m.StaffThreadOut, parent_name=parent.name,
                      member_id=parent.member_id)


@route(bp, "/messages", summary="My message threads with the agency, and unread count",
       tag=TAG, response=m.InboxOut,
       permission="messages")
def inbox(caller: Caller):
    threads = messages.inbox(caller)
    return m.InboxOut(unread=sum(int(t.unread or 0) for t in threads),
                      threads=[row(t) for t in threads])


@route(bp, "/messages", "POST", summary="Send the agency a message", tag=TAG,
       body=m.MessageIn, response=m.ThreadOut, status=201, errors_=(404,), rate=(30, 3600),
       permission="messages")
def send(caller: Caller, body):
    return thread_out(messages.send(caller, body.subject, body.body, body.case_id,
                                    body.document_ids, utc_now()))


@route(bp, "/messages/{thread_id}", summary="A thread (opening it marks it read)", tag=TAG,
       response=m.ThreadOut, errors_=(404,),
       permission="messages")
def read(caller: Caller, thread_id: str):
    return thread_out(messages.read(caller, thread_id))


@route(bp, "/messages/{thread_id}", "POST", summary="Reply in a thread", tag=TAG,
       body=m.ReplyIn, response=m.ThreadOut, status=201, errors_=(404,), rate=(60, 3600),
       permission="messages")
def reply(caller: Caller, thread_id: str, body):
    return thread_out(messages.reply(caller, thread_id, body.body, body.document_ids,
                                     utc_now()))


def letter_out(x, model=None, **extra):
    return (model or m.LetterOut)(letter_id=x.letter_id, title=x.title, case_id=x.case_id,
                                  posted_at=x.posted_at, read_at=x.read_at,
                                  mailed_at=x.mailed_at, **extra)


@route(bp, "/letters", summary="Letters from the agency, newest first", tag=TAG,
       response=m.LettersOut,
       permission="messages")
def list_letters(caller: Caller):
    found = letters.listed(caller)
    return m.LettersOut(unread=sum(1 for x in found if x.read_at is None),
                        letters=[letter_out(x) for x in found])


@route(bp, "/letters/{letter_id}", summary="Open a letter (a one-minute link to the PDF)",
       tag=TAG, response=m.OpenedLetterOut, errors_=(404,),
       permission="messages")
def open_letter(caller: Caller, letter_id: str):
    letter, url = letters.open_letter(caller, letter_id, utc_now())
    return letter_out(letter, m.OpenedLetterOut, download_url=url)


# -- agency side --------------------------------------------------------------------------

@route(bp, "/agency/messages", summary="Threads waiting for the agency's reply, oldest first",
       tag="Agency", query=m.AwaitingQuery, response=m.AwaitingOut, auth="staff", duty="casework")
def awaiting(caller: Caller, query):
    mine = current_user(caller).email if query.mine else None
    found, cursor = messages.awaiting_reply(query.limit, query.cursor, mine)
    parents = messages.parents_of(found)
    return m.AwaitingOut(threads=[row(t, m.AwaitingRow, user_id=t.user_id, waiting_since=(
        datetime.fromisoformat(t.waiting_since.split("#", 1)[0])),
        parent_name=parents[t.user_id].name, member_id=parents[t.user_id].member_id)
        for t in found], next_cursor=cursor)


@route(bp, "/agency/messages/{thread_id}", summary="A thread, with the parent it is with",
       tag="Agency", response=m.StaffThreadOut, auth="staff", duty="casework", errors_=(404,))
def staff_read(caller: Caller, thread_id: str):
    return staff_thread_out(messages.staff_read(thread_id))


@route(bp, "/agency/messages/{thread_id}", "POST", summary="Reply to a parent", tag="Agency",
       body=m.ReplyIn, response=m.StaffThreadOut, status=201, auth="staff", duty="casework", errors_=(404,))
def staff_reply(caller: Caller, thread_id: str, body):
    return staff_thread_out(messages.staff_reply(caller, thread_id, body.body,
                                                 body.document_ids, utc_now()))


@route(bp, "/agency/members/{member_id}/messages", "POST",
       summary="Write to a member's portal logon", tag="Agency", body=m.StaffMessageIn,
       response=m.ThreadOut, status=201, auth="staff", duty="casework", errors_=(404,))
def staff_write(caller: Caller, member_id: str, body):
    return thread_out(messages.staff_write(caller, member_id, body.subject, body.body,
                                           body.case_id, body.document_ids, utc_now()))


@route(bp, "/agency/members/{member_id}/letters", "POST",
       summary="Post a letter (a PDF you uploaded) to a member", tag="Agency",
       body=m.LetterIn, response=m.LetterOut, status=201, auth="staff", duty="casework", errors_=(404,))
def post_letter(caller: Caller, member_id: str, body):
    return letter_out(letters.post(caller, member_id, body.title, body.document_id,
                                   body.case_id, utc_now(), fee_account=body.fee_account))


@route(bp, "/agency/letters/to-mail", summary="Letters to print and mail, oldest first: to "
       "members who take paper or have no logon, with the mailing address on record",
       tag="Agency", query=m.PageQuery, response=m.MailingOut, auth="staff",
       duty="casework")
def letters_to_mail(caller: Caller, query):
    found, cursor = letters.to_mail(query.limit, query.cursor)
    return m.MailingOut(letters=[letter_out(
        x, m.MailingRow, member_id=x.member_id, document_id=x.document_id,
        name=member.full_name if member else None,
        mailing_address=m.AddressOut(**member.mailing_address.as_dict())
        if member and member.mailing_address else None) for x, member in found],
        next_cursor=cursor)


@route(bp, "/agency/members/{member_id}/letters/{letter_id}/mailed", "POST",
       summary="A letter printed and mailed: it leaves the list", tag="Agency",
       response=m.LetterOut, auth="staff", duty="casework", errors_=(404, 409))
def letter_mailed(caller: Caller, member_id: str, letter_id: str):
    return letter_out(letters.mailed(caller, member_id, letter_id, utc_now()))

"""Letters: the agency posts a PDF to a member; the linked parent lists and opens it
(unread until opened). A parent who takes mail electronically and asked to be told of
new mail is emailed that a letter is waiting."""
from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib.dal import agency, users
from chalicelib.dal import letters as store
from chalicelib.dal.letters import Letter
from chalicelib.errors import NotFound
from chalicelib.services import documents, notices
from chalicelib.services.scope import Caller, current_user, in_scope


def _member_id(caller: Caller) -> str | None:
    return current_user(caller).member_id


def listed(caller: Caller) -> list[Letter]:
    member_id = _member_id(caller)
    return [x for x in store.of_member(member_id) if in_scope(x.case_id)] if member_id else []


def unread_count(member_id: str | None) -> int:
    return store.unread_count(member_id) if member_id else 0


def open_letter(caller: Caller, letter_id: str, now: datetime) -> tuple[Letter, str]:
    """The letter and a one-minute link to its PDF; it is read from now on."""
    member_id = _member_id(caller)
    letter = store.get(member_id, letter_id) if member_id else None
    if letter is None or not in_scope(letter.case_id):
        raise NotFound("That letter was not found.", code="letter_not_found")
    _, url = documents.open_link(caller, letter.document_id)
    if letter.read_at is None:
        store.mark_read(letter, now)
        letter.read_at = now
    return letter, url


def post(staff: Caller, member_id: str, title: str, document_id: str, case_id: str | None,
         now: datetime) -> Letter:
    """Posts a PDF the staff member uploaded as a letter to the member."""
    member = agency.member(member_id)
    if member is None:
        raise NotFound("No member has that number.", code="member_not_found")
    letter = Letter(member_id, f"{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}",
                    title=title, document_id=document_id, case_id=case_id, posted_at=now,
                    posted_by=staff.user_id, digest_day=now.date().isoformat())
    documents.attach(staff.user_id, [document_id], f"letter:{member_id}:{letter.letter_id}",
                     only=("application/pdf",))
    user = users.get(member.linked_user_id) if member.linked_user_id else None
    told = user is not None and user.mail_delivery == "electronic" and user.notify_new_mail
    store.post(letter, notices.notice(user, "letter_waiting", now, title=title)
               if user is not None and told else ())
    return letter

"""Letters: the agency posts a PDF to a member; the linked parent lists and opens it
(unread until opened). A parent who takes mail electronically and asked to be told of
new mail is emailed that a letter is waiting; a letter to a member who takes paper, or
has no logon, waits in the staff's print-and-mail list until it is marked mailed."""
from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib.dal import agency, users
from chalicelib.dal import letters as store
from chalicelib.dal.agency import MemberItem
from chalicelib.dal.letters import Letter
from chalicelib.dal.users import User
from chalicelib.errors import Conflict, NotFound, invalid_cursor
from chalicelib.services import documents, notices
from chalicelib.services.scope import Caller, current_user, in_scope


def _member_id(caller: Caller) -> str | None:
    return current_user(caller).member_id


def listed(caller: Caller) -> list[Letter]:
    member_id = _member_id(caller)
    return [x for x in store.of_member(member_id) if in_scope(x.case_id)] if member_id else []


def open_letter(caller: Caller, letter_id: str, now: datetime) -> tuple[Letter, str]:
    """The letter and a one-minute link to its PDF; it is read from now on."""
    member_id = _member_id(caller)
    letter = store.get(member_id, letter_id) if member_id else None
    if letter is None or not in_scope(letter.case_id):
        raise NotFound("That letter was not found.", code="letter_not_found")
    _, url = documents.open_link(caller, letter.document_id)
    if letter.read_at is None:
        store.mark_read(letter, now, current_user(caller).user_id)
        letter.read_at = now
    return letter, url


def delivery(user: User | None, fee_account: str | None) -> tuple[bool, bool]:
    """(on paper, emailed a notice): the individual's settings, or a fee account's own
    where it set them (Alaska's Settings, Fees); paper for a member with no logon."""
    if user is None:
        return True, False
    paper, notify = user.mail_delivery == "paper", bool(user.notify_new_mail)
    own = next((f for f in user.fee_settings or [] if f.account == fee_account),
               None) if fee_account else None
    if own is not None and own.mail_delivery != "default":
        paper = own.mail_delivery == "paper"
    if own is not None and own.notify_new_mail != "default":
        notify = own.notify_new_mail == "on"
    return paper, notify and not paper


def post(staff: Caller, member_id: str, title: str, document_id: str, case_id: str | None,
         now: datetime, fee_account: str | None = None) -> Letter:
    """Posts a PDF the staff member uploaded as a letter to the member (about one of its
    fee accounts, when named: that account's mail settings apply)."""
    member = agency.member(member_id)
    if member is None:
        raise NotFound("No member has that number.", code="member_not_found")
    if fee_account and agency.fee_account(member_id, fee_account) is None:
        raise NotFound("The member has no such fee account.", code="fee_account_not_found")
    letter = Letter(member_id, f"{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}",
                    title=title, document_id=document_id, case_id=case_id, posted_at=now,
                    posted_by=staff.user_id, digest_day=now.date().isoformat())
    documents.attach(staff.user_id, [document_id], f"letter:{member_id}:{letter.letter_id}",
                     only=("application/pdf",))
    user = users.get(member.linked_user_id) if member.linked_user_id else None
    paper, told = delivery(user, fee_account)
    letter.to_mail = store.TO_MAIL if paper else None
    letter.fee_account = fee_account
    store.post(letter, notices.notice(user, "letter_waiting", now, title=title)
               if user is not None and told else (), reader=user.user_id if user else None)
    return letter


def to_mail(limit: int, cursor: str | None) -> tuple[list[tuple[Letter, MemberItem | None]],
                                                     str | None]:
    """The print-and-mail list, oldest first: each letter with its member (the name and
    the mailing address on record now, read together)."""
    try:
        found, cursor = store.waiting_to_mail(limit, cursor)
    except ValueError:
        raise invalid_cursor() from None
    members = {m.member_id: m for m in agency.members({x.member_id for x in found})}
    return [(x, members.get(x.member_id)) for x in found], cursor


def mailed(staff: Caller, member_id: str, letter_id: str, now: datetime) -> Letter:
    """A letter printed and mailed: out of the list, by whom and when."""
    letter = store.get(member_id, letter_id)
    if letter is None:
        raise NotFound("That letter was not found.", code="letter_not_found")
    if not store.mark_mailed(member_id, letter_id, staff.user_id, now):
        raise Conflict("That letter is not waiting to be mailed.", code="letter_not_to_mail")
    letter.to_mail, letter.mailed_at, letter.mailed_by = None, now, staff.user_id
    return letter

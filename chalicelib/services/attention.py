"""The Action Center's number on its tab: how many things need the parent now, read from
the logon's marks (dal/attention.py) in one Query. Messages, letters, requests and codes
keep their marks in the dal, in the writes that change them; the cases' marks (a balance
due, a court date or appointment) are kept here, when a load or a posting changes a
case; a logon that links to a member takes the member's marks with the link. It reads
only the dal, so any service may call it."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable, Mapping

from chalicelib.clock import agency_month_start
from chalicelib.dal import agency, letters, messages, submissions
from chalicelib.dal import attention as store
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.dal.attention import Mark
from chalicelib.dal.users import User
from chalicelib.domain import ledger
from chalicelib.domain.identity import is_iv_d

SOON = timedelta(days=14)  # a court date or appointment shows this long before
ONE_ITEM = {"message", "letter"}  # the Action Center says "3 unread messages" once


def count(user_id: str, now: datetime) -> int:
    """The number of Action Center items (services/action_center.py lists them)."""
    kinds = [m.kind for m in showing_marks(user_id, now)]
    return len(ONE_ITEM & set(kinds)) + sum(1 for k in kinds if k not in ONE_ITEM)


def unread(user_id: str, now: datetime) -> tuple[int, int]:
    """(threads with the agency's messages unread, letters not opened), as the Action
    Center counts them: one Query of the logon's marks."""
    kinds = [m.kind for m in showing_marks(user_id, now)]
    return kinds.count("message"), kinds.count("letter")


def showing_marks(user_id: str, now: datetime) -> list[Mark]:
    """The logon's marks that count now: one Query."""
    return [m for m in store.marks_of(user_id) if showing(m, now)]


def showing(item: Mark, now: datetime) -> bool:
    return ((item.shown_from is None or item.shown_from <= now)
            and (item.until is None or now < item.until))


# -- a case's marks -------------------------------------------------------------------

def case_marks(case: CaseItem, user_id: str, role: str, events: Iterable[CaseItem],
               now: datetime) -> list[Mark]:
    """What a case asks of one of its members' logons: the obligor's balance due and the
    hearings and appointments to come."""
    if not is_iv_d(case.case_type):
        return []
    owing = _owing(case, case.book, user_id, role)
    return [*([owing] if owing else []), *(
        store.mark(user_id, store.case_prefix(case.case_id) + e.item, e.kind or "court_date",
                   case_id=case.case_id, shown_from=e.at - SOON, until=e.at,
                   shows={"description": e.description, "location": e.location,
                          "child_id": e.child_id})
        for e in events if e.at and e.at > now)]


def _owing(case: CaseItem, book: str | None, user_id: str, role: str) -> Mark | None:
    """The obligor's balance due on an active IV-D case, from the first month with
    something unpaid in the book; None when nothing is owed, now or later."""
    owed_from = ledger.Book.from_json(book).owed_from()
    if not (owed_from and role == "obligor" and case.status == "active"
            and is_iv_d(case.case_type)):
        return None
    return store.mark(user_id, store.owing_key(case.case_id), "balance_due",
                      case_id=case.case_id, shown_from=agency_month_start(owed_from))


def refresh_case(case: CaseItem, members: Mapping[str, MemberItem | None],
                 now: datetime) -> None:
    """After a load changed a case (its record, ledger or events): each linked member's
    marks for it, anew (`members`: its participants' profiles, as read)."""
    roles = {p.member_id: p.role for p in case.participants or []}
    linked = [m for m in map(members.get, roles) if m is not None and m.linked_user_id]
    if not linked:
        return
    case_id = case.case_id
    events, _ = agency.case_items(case_id, "EVENT#")
    for member in linked:
        user_id = str(member.linked_user_id)
        store.replace(user_id, (store.case_prefix(case_id),),
                      case_marks(case, user_id, roles[member.member_id], events, now))


def owing_changed(case: CaseItem, was: str | None, book: str) -> None:
    """After a posting: the obligor's balance-due mark, when the month it is due from
    moved (a payment that cleared the balance, a return that brought it back) between the
    book it `was` and `book`."""
    before, after = (ledger.Book.from_json(text).owed_from() for text in (was, book))
    if before == after:
        return
    obligor = next((p.member_id for p in case.participants or [] if p.role == "obligor"), None)
    member = agency.member(obligor) if obligor else None
    if member is None or not member.linked_user_id:
        return
    store.put_or_delete(member.linked_user_id, store.owing_key(case.case_id),
                        _owing(case, book, member.linked_user_id, "obligor"))


# -- a logon's marks from what it has -------------------------------------------------------

WITH_A_LINK = 90  # marks written in the link's own transaction (100 items at most)


def member_marks(user_id: str, member_id: str, now: datetime,
                 items: list[MemberItem] | None = None) -> list[Mark]:
    """What a member has waiting for its logon: letters not opened, request codes not
    used, and its cases' marks (for a logon that links to the member; `items`, the
    member's partition when read already)."""
    items = agency.member_partition(member_id) if items is None else items
    roles = {i.item.removeprefix("CASE#"): i.role for i in items if i.item.startswith("CASE#")}
    found = [letters.unread_mark(user_id, x) for x in letters.of_member(member_id)
             if x.read_at is None]
    found += [agency.code_mark(user_id, i) for i in items if i.item.startswith("CODE#")
              and i.used_at is None and i.expires_at and i.expires_at > now]
    for case in agency.cases(sorted(roles)) if roles else []:
        events, _ = agency.case_items(case.case_id, "EVENT#")
        found += case_marks(case, user_id, roles[case.case_id], events, now)
    return found


def recount(user: User, now: datetime) -> None:
    """Every mark of a logon from the records themselves (a maintenance tool's, for logons
    made before the marks were kept; the tests check the kept marks against it)."""
    found = [messages.unread_mark(user.user_id, t.thread_id, t.case_id)
             for t in messages.threads(user.user_id) if t.unread]
    found += [m for m in map(submissions.attention_mark,
                             submissions.open_or_updated(user.user_id, now)) if m]
    if user.member_id:
        found += member_marks(user.user_id, user.member_id, now)
    elif user.status == "active":
        found.append(store.link_mark(user.user_id))
    store.replace(user.user_id, ("",), found)


def keep_member_marks(user_id: str, marks: list[Mark]) -> None:
    store.replace(user_id, store.MEMBER_PREFIXES, marks)


def unlinked(user_id: str) -> None:
    """A logon no longer linked to its member: the member's marks go, and it is asked to
    link a case again."""
    keep_member_marks(user_id, [store.link_mark(user_id)])


def forget(user_id: str) -> None:
    store.forget(user_id)

"""The Action Center: what needs the parent's action now, read from the other services
(unread messages and letters, drafts and updated requests, request codes waiting, a
balance due, court dates and appointments in the next 14 days). A read model: it sits
above the services it reads and nothing imports it but its handler."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from chalicelib import language
from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.users import User
from chalicelib.domain import wording
from chalicelib.domain.money import display
from chalicelib.services import letters, messages, submissions
from chalicelib.services.cases import case_balances, next_due_date, summary


@dataclass(frozen=True)
class ActionItem:
    kind: str
    title: str
    link: str
    detail: str | None = None
    due: date | None = None
    at: datetime | None = None  # a court date's or appointment's time


def _title(type_id: str) -> str:
    return wording.request_type(submissions.request_type(type_id), language.current()).title


def _mail(user: User) -> list[ActionItem]:
    """Unread messages and letters, as the Alaska Action Center words them."""
    items = []
    lang = language.current()
    for count, what, link in ((messages.unread_count(user.user_id), "message", "/messages"),
                              (letters.unread_count(user.member_id), "letter", "/letters")):
        if count:
            title = wording.action("unread_one" if count == 1 else "unread_many", lang,
                                   what=what, count=count)
            items.append(ActionItem(f"unread_{what}s", title, link,
                                    wording.action("unread_detail", lang, what=what)))
    return items


def _requests(user: User, now: datetime) -> list[ActionItem]:
    """Drafts not yet submitted, and requests the agency changed since they were seen."""
    items = []
    lang = language.current()
    for s in submissions.drafts_and_updates(user.user_id, now):
        title = _title(s.type)
        link = f"/submissions/{s.submission_id}"
        if s.status == "draft":
            expires = agency_date(s.expires_at)
            items.append(ActionItem(
                "draft", wording.action("draft", lang, title=title), link,
                wording.action("draft_detail", lang, date=expires.strftime(
                    "%d/%m/%Y" if lang == "es" else "%m/%d/%Y")), expires))
        else:
            status = s.status.replace("_", " ")
            items.append(ActionItem(
                "request_updated", wording.action("request_updated", lang, title=title,
                                                  status=status), link,
                s.note or wording.action("request_updated_detail", lang, status=status,
                                         confirmation=s.confirmation)))
    return items


def items_for(user: User, now: datetime) -> list[ActionItem]:
    """What needs the user's action now (messages, letters and drafts join as they exist)."""
    found = summary(user)
    lang = language.current()
    items = _mail(user) + _requests(user, now)
    if found.member is None:
        return [ActionItem("link_case", wording.action("link_case", lang), "/association",
                           wording.action("link_case_detail", lang)), *items]
    items += [ActionItem("code_waiting",
                         wording.action("code_waiting", lang, title=_title(c.request_type)),
                         "/codes/redeem", wording.action("code_waiting_detail", lang),
                         agency_date(c.expires_at))
              for c in found.codes if c.expires_at > now]
    for case in found.cases:
        owed = case_balances(case, now)
        if found.role_in(case) == "obligor" and case.status == "active" and owed.total > 0:
            items.append(ActionItem(
                "balance_due", wording.action("balance_due", lang, amount=display(owed.total)),
                f"/cases/{case.case_id}",
                wording.action("balance_due_detail", lang, case_id=case.case_id),
                next_due_date(case, now)))
        soon = [e for e in agency.case_items(case.case_id, "EVENT#")[0]
                if e.at and now < e.at <= now + timedelta(days=14)]
        items += [ActionItem(e.kind, e.description, f"/cases/{case.case_id}/events#{e.child_id}",
                             e.location, at=e.at) for e in soon]
    return items

"""The Action Center: what needs the parent's action now (unread messages and letters,
drafts and updated requests, request codes waiting, a balance due, court dates and
appointments in the next 14 days), read from the logon's marks, which the writes that
change each thing keep (services/attention.py). A read model: nothing imports it but its
handler."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from chalicelib import language
from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.agency import CaseItem
from chalicelib.dal.attention import Mark
from chalicelib.dal.users import User
from chalicelib.domain import wording
from chalicelib.domain.money import display
from chalicelib.services import attention, submissions
from chalicelib.services.cases import case_balances, next_due_date


@dataclass(frozen=True)
class ActionItem:
    kind: str
    title: str
    link: str
    detail: str | None = None
    due: date | None = None
    at: datetime | None = None  # a court date's or appointment's time


def _title(type_id: str | None) -> str:
    if not type_id:  # a mark written before marks carried what they show
        return ""
    return wording.request_type(submissions.request_type(type_id), language.current()).title


def _mail(marks: list[Mark]) -> list[ActionItem]:
    """Unread messages and letters, as the Alaska Action Center words them."""
    items = []
    lang = language.current()
    for what, link in (("message", "/messages"), ("letter", "/letters")):
        count = sum(1 for m in marks if m.kind == what)
        if count:
            title = wording.action("unread_one" if count == 1 else "unread_many", lang,
                                   what=what, count=count)
            items.append(ActionItem(f"unread_{what}s", title, link,
                                    wording.action("unread_detail", lang, what=what)))
    return items


def _request(mark: Mark) -> ActionItem:
    """A draft not yet submitted, or a request the agency changed since it was seen."""
    lang = language.current()
    shows = mark.shows or {}
    title = _title(shows.get("type"))
    link = f"/submissions/{mark.mark.removeprefix('REQUEST#')}"
    if mark.kind == "draft" and mark.until:
        expires = agency_date(mark.until)
        return ActionItem("draft", wording.action("draft", lang, title=title), link,
                          wording.action("draft_detail", lang, date=expires.strftime(
                              "%d/%m/%Y" if lang == "es" else "%m/%d/%Y")), expires)
    status = str(shows.get("status", "")).replace("_", " ")
    return ActionItem("request_updated", wording.action("request_updated", lang, title=title,
                                                        status=status), link,
                      shows.get("note") or wording.action(
                          "request_updated_detail", lang, status=status,
                          confirmation=shows.get("confirmation", "")))


def _code(mark: Mark) -> ActionItem:
    lang = language.current()
    return ActionItem("code_waiting", wording.action(
        "code_waiting", lang, title=_title((mark.shows or {}).get("type"))), "/codes/redeem",
        wording.action("code_waiting_detail", lang),
        agency_date(mark.until) if mark.until else None)


def _balance(case: CaseItem | None, now: datetime) -> list[ActionItem]:
    owed = case_balances(case, now).total if case is not None else 0
    if case is None or owed <= 0:
        return []
    lang = language.current()
    return [ActionItem("balance_due", wording.action("balance_due", lang, amount=display(owed)),
                       f"/cases/{case.case_id}",
                       wording.action("balance_due_detail", lang, case_id=case.case_id),
                       next_due_date(case, now))]


def _event(mark: Mark) -> ActionItem:
    shows = mark.shows or {}
    return ActionItem(mark.kind, shows.get("description", ""),
                      f"/cases/{mark.case_id}/events#{shows.get('child_id', '')}",
                      shows.get("location"), at=mark.until)


def _cases(marks: list[Mark], now: datetime) -> list[ActionItem]:
    """Each case's balance due (the case read for the amount: one BatchGet for all) and
    its court dates and appointments in the next 14 days, in order of case."""
    owing = sorted({m.case_id for m in marks if m.kind == "balance_due" and m.case_id})
    read = {c.case_id: c for c in agency.cases(owing)} if owing else {}
    items = []
    for case_id in sorted({m.case_id for m in marks if m.mark.startswith("CASE#") and m.case_id}):
        events = sorted((m for m in marks if m.case_id == case_id and "#EVENT#" in m.mark),
                        key=lambda m: (m.until or now, m.mark))
        items += _balance(read.get(case_id), now) + [_event(m) for m in events]
    return items


def items_for(user: User, now: datetime) -> list[ActionItem]:
    """What needs the user's action now, from the logon's marks (services/attention.py),
    which the writes that change each thing keep: one Query, and one BatchGet of the
    cases a balance is due on."""
    marks = attention.showing_marks(user.user_id, now)
    lang = language.current()
    items = [ActionItem("link_case", wording.action("link_case", lang), "/association",
                        wording.action("link_case_detail", lang))
             for m in marks if m.kind == "link_case"]
    items += _mail(marks)
    items += [_request(m) for m in sorted((m for m in marks if m.mark.startswith("REQUEST#")),
                                          key=lambda m: m.mark, reverse=True)]  # newest first
    items += [_code(m) for m in marks if m.kind == "code_waiting"]
    return items + _cases(marks, now)

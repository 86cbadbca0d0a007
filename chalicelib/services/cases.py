"""What a linked parent sees: the Summary, each case and its details, the Action Center.
Only IV-D cases are shown, and only the caller's: any other case id is "not found"."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from chalicelib import language
from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.dal.users import User
from chalicelib.domain import ledger, wording
from chalicelib.domain.identity import is_iv_d
from chalicelib.errors import invalid_cursor, NotFound

ADDRESS_NOTICE = "You are required to keep your address current with the agency."
today = agency_date  # the agency's calendar date


def periods_of(case: CaseItem) -> dict[str, ledger.PeriodTotal]:
    raw = case.periods.as_dict() if case.periods else {}
    return {p: ledger.PeriodTotal(int(t["charged"]), int(t["paid"])) for p, t in raw.items()}


def case_balances(case: CaseItem, now: datetime) -> ledger.Balances:
    return ledger.balances(periods_of(case), ledger.period_of(today(now)))


@dataclass
class Summary:
    user: User
    member: MemberItem | None
    roles: dict[str, str] = field(default_factory=dict)  # case id -> the member's role
    cases: list[CaseItem] = field(default_factory=list)
    fee_accounts: list[MemberItem] = field(default_factory=list)
    codes: list[MemberItem] = field(default_factory=list)  # request codes not used yet

    def role_in(self, case: CaseItem) -> str:
        return self.roles.get(case.case_id, "")


@dataclass(frozen=True)
class RoleTotals:
    """The obligation summary of the cases where the member has one role."""
    role: str
    monthly_cents: int
    met: bool
    arrears: int
    total: int
    received_this_month: int


def monthly_obligation(case: CaseItem) -> int:
    o = case.obligation
    return int(o.monthly_support_cents + (o.medical_support_cents or 0)) if o else 0


def role_totals(found: "Summary", now: datetime) -> list[RoleTotals]:
    out = []
    for role in ("obligor", "obligee"):
        mine = [c for c in found.cases if found.role_in(c) == role]
        if not mine:
            continue
        owed = [case_balances(c, now) for c in mine]
        out.append(RoleTotals(
            role, sum(monthly_obligation(c) for c in mine if c.status == "active"),
            all(b.obligation_met for b in owed), sum(b.arrears for b in owed),
            sum(b.total for b in owed), sum(b.paid_this_period for b in owed)))
    return out


def payment_method(found: "Summary") -> str:
    withholding = any(c.payment_method == "income_withholding" for c in found.cases
                      if found.role_in(c) == "obligor")
    return "Income Withholding" if withholding else "Self Paid"


def summary(user: User) -> Summary:
    """The member, their IV-D cases and fee accounts: one Query and one BatchGet."""
    if not user.member_id:
        return Summary(user, None)
    items = agency.member_partition(user.member_id)
    profile = next((i for i in items if i.item == agency.PROFILE), None)
    roles = {i.item.removeprefix("CASE#"): i.role for i in items if i.item.startswith("CASE#")}
    from chalicelib.services.access import in_scope

    found = [c for c in agency.cases(sorted(roles)) if is_iv_d(c.case_type)
             and in_scope(c.case_id)] if roles else []
    found.sort(key=lambda c: c.case_id)
    fees = [i for i in items if i.item.startswith("FEE#")]
    codes = [i for i in items if i.item.startswith("CODE#") and i.used_at is None]
    return Summary(user, profile, roles, found, fees, codes)


def case_of(user: User, case_id: str) -> tuple[CaseItem, str]:
    """The case if the user's member is on it and it is IV-D, with their role; else 404."""
    case = agency.case(case_id) if user.member_id else None
    role = next((p.role for p in (case.participants or []) if p.member_id == user.member_id),
                None) if case else None
    from chalicelib.services.access import in_scope

    if case is None or role is None or not is_iv_d(case.case_type) or not in_scope(case_id):
        raise NotFound("That case was not found.", code="case_not_found")
    return case, role


def arrears_by_period(case: CaseItem, now: datetime) -> list[tuple[str, int]]:
    unpaid = ledger.outstanding_by_period(periods_of(case), ledger.period_of(today(now)))
    current = ledger.period_of(today(now))
    return [(p, cents) for p, cents in sorted(unpaid.items()) if cents and p != current]


def next_due_date(case: CaseItem, now: datetime) -> date | None:
    if not case.obligation:
        return None
    day = today(now)
    due = day.replace(day=int(case.obligation.due_day))
    if due < day:
        due = (due.replace(day=1) + timedelta(days=32)).replace(day=int(case.obligation.due_day))
    end = date.fromisoformat(case.obligation.end) if case.obligation.end else None
    return None if end and due > end else due


def actions(user: User, case_id: str, limit: int, cursor: str | None):
    """A page of the case's actions, newest first, and the cursor to the next page."""
    case_of(user, case_id)
    try:
        return agency.case_items(case_id, "ACTION#", newest_first=True, limit=limit,
                                 cursor=cursor)
    except ValueError:
        raise invalid_cursor() from None


def upcoming_events(user: User, case_id: str, now: datetime) -> list[CaseItem]:
    case_of(user, case_id)
    items, _ = agency.case_items(case_id, "EVENT#")
    return [i for i in items if i.at and i.at >= now]


def payments(user: User, case_id: str) -> tuple[CaseItem, list[CaseItem]]:
    case, _ = case_of(user, case_id)
    items, _ = agency.case_items(case_id, "LEDGER#")
    paid = sorted((i for i in items if i.kind == "payment"), key=lambda i: i.on, reverse=True)
    return case, paid


def ledger_entries(user: User, case_id: str) -> list[CaseItem]:
    case_of(user, case_id)
    items, _ = agency.case_items(case_id, "LEDGER#")
    return sorted(items, key=lambda i: i.on, reverse=True)


@dataclass(frozen=True)
class ActionItem:
    kind: str
    title: str
    link: str
    detail: str | None = None
    due: date | None = None


def _title(type_id: str) -> str:
    from chalicelib.services import submissions

    return wording.request_type(submissions.request_type(type_id), language.current()).title


def _mail(user: User) -> list[ActionItem]:
    """Unread messages and letters, as the Alaska Action Center words them."""
    from chalicelib.services import letters, messages

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
    from chalicelib.services import submissions

    items = []
    lang = language.current()
    for s in submissions.drafts_and_updates(user.user_id, now):
        title = _title(s.type)
        link = f"/submissions/{s.submission_id}"
        if s.status == "draft":
            expires = today(s.expires_at)
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


def action_center(user: User, now: datetime) -> list[ActionItem]:
    """What needs the user's action now (messages, letters and drafts join as they exist)."""
    from chalicelib.domain.money import display

    found = summary(user)
    lang = language.current()
    items = _mail(user) + _requests(user, now)
    if found.member is None:
        return [ActionItem("link_case", wording.action("link_case", lang), "/association",
                           wording.action("link_case_detail", lang)), *items]
    items += [ActionItem("code_waiting",
                         wording.action("code_waiting", lang, title=_title(c.request_type)),
                         "/codes/redeem", wording.action("code_waiting_detail", lang),
                         today(c.expires_at))
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
                if e.at and now <= e.at <= now + timedelta(days=14)]
        items += [ActionItem(e.kind, e.description, f"/cases/{case.case_id}/events",
                             e.location, e.at.date()) for e in soon]
    return items

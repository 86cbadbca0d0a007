"""What a linked parent sees: the Summary, each case and its details (the Action Center,
which reads these and more, is services/action_center.py).
Only IV-D cases are shown, and only the caller's: any other case id is "not found"."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Mapping

from chalicelib.clock import agency_date
from chalicelib.dal import agency, users
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.dal.users import User
from chalicelib.domain import ledger
from chalicelib.domain.identity import is_iv_d
from chalicelib.errors import NotFound, invalid_cursor
from chalicelib.services.case_ledger import book_of, lines_of, monthly_obligation
from chalicelib.services.scope import in_scope
from chalicelib.services.state_data import state_data


def address_notice(language: str) -> str | None:
    """The state's standing notice on the Summary's member card (Alaska's "You are
    required to keep your address current with CSED."), if its data file has one."""
    words: dict[str, str] | None = state_data("content").get("address_notice")
    return (words.get(language) or words["en"]) if words else None


def case_balances(case: CaseItem, now: datetime) -> ledger.Balances:
    return book_of(case).balances(ledger.period_of(agency_date(now)))


@dataclass
class Summary:
    user: User
    member: MemberItem | None
    roles: dict[str, str] = field(default_factory=dict)  # case id -> the member's role
    cases: list[CaseItem] = field(default_factory=list)
    fee_accounts: list[MemberItem] = field(default_factory=list)
    codes: list[MemberItem] = field(default_factory=list)  # request codes not used yet
    deposit: MemberItem | None = None  # a receiving parent's direct deposit account

    def role_in(self, case: CaseItem) -> str:
        return self.roles.get(case.case_id, "")


@dataclass(frozen=True)
class RoleTotals:
    """The obligation summary of the cases where the member has one role. Each case's
    balance stands alone (issue #23): `total` adds up what the cases owe, and a credit on
    one case is `credit`, never taken off another case's debt (a $500 credit on one case
    and $1,500 owed on another is $1,500 owed and a $500 credit, not $1,000)."""
    role: str
    monthly_cents: int
    met: bool
    arrears: int
    total: int
    received_this_month: int
    credit: int = 0
    owed_to_family: int = 0  # of the total, what is owed to the family
    owed_to_state: int = 0  # and what is assigned to the state (it repays assistance)


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
            sum(b.total for b in owed), sum(b.paid_this_period for b in owed),
            credit=sum(b.credit for b in owed), owed_to_family=sum(b.owed_to_family for b in owed),
            owed_to_state=sum(b.owed_to_state for b in owed)))
    return out


def payment_method(found: "Summary") -> str | None:
    """How the member pays (None for a member who pays on no case)."""
    paying = [c for c in found.cases if found.role_in(c) == "obligor"]
    if not paying:
        return None
    withholding = any(c.payment_method == "income_withholding" for c in paying)
    return "Income Withholding" if withholding else "Self Paid"


def receives_by(found: "Summary") -> str | None:
    """How support reaches a receiving parent: direct_deposit, or other (the agency's usual
    way); None for a member who receives on no case."""
    if not any(found.role_in(c) == "obligee" for c in found.cases):
        return None
    return "direct_deposit" if found.deposit is not None else "other"


def summary(user: User) -> Summary:
    """The member, their IV-D cases and fee accounts: one Query and one BatchGet."""
    if not user.member_id:
        return Summary(user, None)
    items = agency.member_partition(user.member_id)
    profile = next((i for i in items if i.item == agency.PROFILE), None)
    roles = {i.item.removeprefix("CASE#"): i.role for i in items if i.item.startswith("CASE#")}
    found = [c for c in agency.cases(sorted(roles)) if is_iv_d(c.case_type)
             and in_scope(c.case_id)] if roles else []
    found.sort(key=lambda c: c.case_id)
    fees = [i for i in items if i.item.startswith("FEE#")]
    codes = [i for i in items if i.item.startswith("CODE#") and i.used_at is None]
    deposit = next((i for i in items if i.item == agency.DEPOSIT), None)
    return Summary(user, profile, roles, found, fees, codes, deposit)


def case_of(user: User, case_id: str) -> tuple[CaseItem, str]:
    """The case if the user's member is on it and it is IV-D, with their role; else 404."""
    return checked_case(user, case_id, agency.case(case_id) if user.member_id else None)


def checked_case(user: User, case_id: str, case: CaseItem | None) -> tuple[CaseItem, str]:
    """case_of, of the case read already (None: it does not exist)."""
    role = next((p.role for p in (case.participants or []) if p.member_id == user.member_id),
                None) if case else None
    if case is None or role is None or not is_iv_d(case.case_type) or not in_scope(case_id):
        raise NotFound("That case was not found.", code="case_not_found")
    return case, role


def arrears_by_period(case: CaseItem, now: datetime) -> list[tuple[str, int, int]]:
    """Each earlier month's unpaid total and, of it, interest, oldest first."""
    book, month = book_of(case), ledger.period_of(agency_date(now))
    interest = dict(book.arrears_by_period(month, "interest"))
    return [(p, cents, interest.get(p, 0)) for p, cents in book.arrears_by_period(month)]


def next_due_date(case: CaseItem, now: datetime) -> date | None:
    if not case.obligation:
        return None
    day = agency_date(now)
    due = day.replace(day=int(case.obligation.due_day))
    if due < day:
        due = (due.replace(day=1) + timedelta(days=32)).replace(day=int(case.obligation.due_day))
    end = date.fromisoformat(case.obligation.end) if case.obligation.end else None
    return None if end and due > end else due


def actions(user: User, case_id: str, limit: int,
            cursor: str | None) -> tuple[list[CaseItem], str | None]:
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


def payments(user: User, case_id: str) -> tuple[str, list[tuple[CaseItem, ledger.Line]]]:
    """The member's role on the case and its payments, newest first, each with what it
    paid (the case's ledger replayed: one Query)."""
    case, role = case_of(user, case_id)
    items, _ = agency.case_items(case_id, "LEDGER#")
    lines = lines_of(case, items)
    return role, [(i, lines[i.item]) for i in _payments(items)]


def payments_of(case_id: str) -> list[CaseItem]:
    """A case's payments (and reversals) on its ledger, newest first: one Query."""
    return _payments(agency.case_items(case_id, "LEDGER#")[0])


def _payments(items: list[CaseItem]) -> list[CaseItem]:
    return sorted((i for i in items if i.kind == "payment"), key=lambda i: i.on or "",
                  reverse=True)


def described(entry: CaseItem, role: str) -> str:
    """A payment's words for this reader: how the payer paid in the portal (his card or
    account) is his, not the receiving parent's."""
    if entry.source == "portal" and role != "obligor":
        return ("Payment through the portal returned by the bank"
                if (entry.amount_cents or 0) < 0 else "Payment through the portal")
    return entry.description or ""


def linked_users(case: CaseItem, roles: tuple[str, ...],
                 members: Mapping[str, MemberItem | None] | None = None) -> list[User]:
    """The portal logons of the case's members in these roles (for the notices a case's
    news or due dates send), from their profiles as read in `members` if given."""
    found = []
    for p in case.participants or []:
        if p.role in roles:
            member = members.get(p.member_id) if members is not None else agency.member(
                p.member_id)
            user = users.get(member.linked_user_id) if member and member.linked_user_id else None
            if user is not None:
                found.append(user)
    return found

"""Web requests ("I Want To..."): a parent starts a draft of a request type, saves its
steps one at a time (progress is kept for 30 days after the last change), reviews it and
submits it; submitting checks every step again, gives it a confirmation number from the
agency's sequence and emails a confirmation. Staff then work it: received, in review,
approved or denied, with a note the parent sees.

What is declared per type lives in `domain/request_types.py`; nothing here knows one
type from another except through its declared effects (`EFFECTS`)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import ModuleType
from typing import TYPE_CHECKING, Any

from chalicelib import language
from chalicelib.clock import agency_date
from chalicelib.dal import agency, counters, users
from chalicelib.dal import submissions as store
from chalicelib.dal.agency import MemberItem
from chalicelib.dal.base import Together
from chalicelib.dal.errors import Stale
from chalicelib.dal.submissions import Submission
from chalicelib.dal.users import User
from chalicelib.domain import wording
from chalicelib.domain.confirmations import RANGE, confirmation_number
from chalicelib.errors import Conflict, Forbidden, Gone, InvalidInput, NotFound, invalid_cursor
from chalicelib.services import activity, autopay, cases, documents, notices
from chalicelib.services.scope import Caller, current_user, in_scope

if TYPE_CHECKING:  # pydantic's, imported where they are used (cold start: 40 ms)
    from pynamodb.models import Model

    from chalicelib.domain.web_requests import RequestType

STATUSES = ("draft", "submitted", "in_review", "approved", "denied", "expired")
NEXT = {"submitted": ("in_review", "approved", "denied"), "in_review": ("approved", "denied")}


def _catalog() -> dict[str, RequestType]:
    from chalicelib.domain import request_types  # cold start: 0.2 s (its pydantic steps)

    return request_types.CATALOG


def _engine() -> ModuleType:
    from chalicelib.domain import web_requests  # cold start: 40 ms (pydantic)

    return web_requests


def request_type(type_id: str) -> RequestType:
    found = _catalog().get(type_id)
    if found is None:
        raise NotFound("There is no such request type.", code="request_type_not_found")
    return found


# -- the catalog, as the caller may use it -----------------------------------------------

@dataclass(frozen=True)
class Offered:
    type: object  # RequestType
    available: bool
    cases: list[str]  # the cases the caller may file it for (when it needs one)
    # why not, when not available: not_linked | paying_parent_only | receiving_parent_only
    why_not: str | None = None


def _why_not(filers: tuple[str, ...], linked: bool) -> str:
    if not linked:
        return "not_linked"
    return "paying_parent_only" if filers == ("obligor",) else "receiving_parent_only"


def offered(caller: Caller) -> list[Offered]:
    user = current_user(caller)
    found = cases.summary(user)
    roles = {c.case_id: found.role_in(c) for c in found.cases}
    out = []
    for t in _catalog().values():
        eligible = sorted(c for c, role in roles.items() if t.may_file(role))
        available = bool(eligible) or (not t.needs_case and "anyone" in t.filers)
        out.append(Offered(t, available, eligible if t.needs_case else [],
                           None if available else _why_not(t.filers, bool(roles))))
    return out


# -- drafts ---------------------------------------------------------------------------

def start(caller: Caller, type_id: str, case_id: str | None, now: datetime) -> Submission:
    t = request_type(type_id)
    user = current_user(caller)
    _check_filer(user, t, case_id)
    draft = Submission(user.user_id, f"{store.stamp(now)}-{secrets.token_hex(4)}", type=t.id,
                       status="draft", case_id=case_id if t.needs_case else None,
                       member_id=user.member_id, answers={}, created_at=now, updated_at=now,
                       expires_at=_draft_expiry(now))
    store.index_fields(draft)
    store.save(draft)
    return draft


def start_from_code(caller: Caller, code: MemberItem, now: datetime) -> Submission:
    """A draft opened by a request code: the type, case and answers the agency filled in."""
    t = request_type(code.request_type)
    user = current_user(caller)
    draft = Submission(user.user_id, f"{store.stamp(now)}-{secrets.token_hex(4)}", type=t.id,
                       status="draft", case_id=code.code_case_id, member_id=user.member_id,
                       answers=dict(code.answers or {}), created_at=now, updated_at=now,
                       expires_at=_draft_expiry(now))
    store.index_fields(draft)
    store.save(draft)
    return draft


def checked_answers(type_id: str,
                    answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Answers the agency fills in ahead, each step checked (422 by step.field)."""
    t = request_type(type_id)
    engine = _engine()
    clean, problems = {}, {}
    for step_id, data in answers.items():
        step = t.step(step_id)
        if step is None:
            problems[step_id] = "This request has no such step."
            continue
        try:
            clean[step_id] = engine.validate_step(step, data, language.current())
        except engine.StepInvalid as invalid:
            problems.update({f"{step_id}.{k}": v for k, v in invalid.problems.items()})
    if problems:
        raise InvalidInput(fields=problems)
    return clean


def save_step(caller: Caller, submission_id: str, step_id: str, data: dict[str, Any],
              now: datetime) -> Submission:
    draft = _own(caller, submission_id)
    _still_a_draft(draft, now)
    step = request_type(draft.type).step(step_id)
    if step is None:
        raise NotFound("This request has no such step.", code="step_not_found")
    engine = _engine()
    try:
        clean = engine.validate_step(step, data, language.current())
    except engine.StepInvalid as invalid:
        raise InvalidInput(f"Check the {step.title} step.", fields=invalid.problems) from None
    draft.answers = {**draft.answers, step_id: clean}
    draft.updated_at = now
    draft.expires_at = _draft_expiry(now)
    _save(draft)
    return draft


def attach_documents(caller: Caller, submission_id: str, document_ids: list[str],
                     now: datetime) -> Submission:
    """Attaches uploaded documents to a draft (10 at most in all)."""
    draft = _own(caller, submission_id)
    _still_a_draft(draft, now)
    new = [d for d in dict.fromkeys(document_ids) if d not in draft.documents]
    if len(draft.documents) + len(new) > documents.MAX_PER_RECORD:
        raise InvalidInput(fields={"document_ids": "A request may have up to 10 documents."})
    documents.attach(caller.user_id, new, f"submission:{caller.user_id}:{submission_id}")
    draft.documents = [*draft.documents, *new]
    draft.updated_at = now
    _save(draft)
    return draft


def discard(caller: Caller, submission_id: str, now: datetime) -> None:
    draft = _own(caller, submission_id)
    if draft.status not in ("draft", "expired"):
        raise Conflict("A submitted request cannot be deleted.", code="already_submitted")
    store.delete(draft)


def problems(submission: Submission) -> dict[str, dict[str, str]]:
    problems: dict[str, dict[str, str]] = _engine().review(request_type(submission.type),
                                                          submission.answers, language.current())
    return problems


def prefill(caller: Caller, submission: Submission) -> dict[str, dict[str, Any]]:
    """Suggested answers for steps not yet saved: Your Information from the profile."""
    if "your_information" in submission.answers:
        return {}
    user = current_user(caller)
    address = user.mailing_address
    if address is None and user.member_id:
        member = agency.member(user.member_id)
        address = member.mailing_address if member else None
    return {"your_information": {
        "first_name": user.first_name, "last_name": user.last_name,
        "phone": user.phones[0].number if user.phones else None, "email": user.email,
        "mailing_address": address.as_dict() if address else None}}


# -- submitting ---------------------------------------------------------------------------

def submit(caller: Caller, submission_id: str, now: datetime) -> Submission:
    draft = _own(caller, submission_id)
    _still_a_draft(draft, now)
    t = request_type(draft.type)
    missing = problems(draft)
    if missing:
        raise InvalidInput("Some steps are not complete.", code="request_incomplete",
                           fields={s: next(iter(p.values())) for s, p in missing.items()})
    user = current_user(caller)
    _check_filer(user, t, draft.case_id)
    draft.status, draft.submitted_at, draft.logon = "submitted", now, user.email
    draft.expires_at, draft.updated_at = None, now
    draft.confirmation = confirmation_number(counters.next_value("confirmation", RANGE))
    effect = None
    if t.on_submit:  # it takes effect at once: its writes and its status, together
        effect = EFFECTS[t.on_submit](caller, user, draft, now)
        draft.to_record = t.agency_records or None
        draft.status, draft.note, draft.decided_at = "approved", "Processed immediately.", now
    # a number lost to a conflict is skipped, never reused
    _save(draft, (activity.event(user.user_id, "request_submitted", now, client=caller.client,
                                 request=t.id, confirmation=draft.confirmation),
                  *notices.notice(user, "request_received", now,
                                  title=wording.request_type(t, user.language).title,
                                  confirmation=draft.confirmation, received_at=now,
                                  logon=user.email, processed=bool(t.on_submit))), effect)
    return draft


def _remove_payment_channels(caller: Caller, user: User, submission: Submission,
                             now: datetime) -> Together:
    return autopay.channels_removal(user, now, caller.client)[0]


def _update_address(caller: Caller, user: User, submission: Submission,
                    now: datetime) -> Together:
    """Update Your Address (Alaska; Arizona's "also updates your address information"):
    the member's record and the logon's profile, at once; the agency's worklist has it to
    carry into its own system. A move still to come is told when it happens."""
    new = submission.answers["address"]
    if date.fromisoformat(new["effective"]) > agency_date(now):
        raise InvalidInput("Tell us once you have moved: the date cannot be in the future.",
                           code="move_not_yet", fields={"address": (
                               "The effective date cannot be in the future.")})
    residential = new["mailing_address"] if new["residential_same"] else new[
        "residential_address"]
    member = [agency.address_change(submission.member_id, new["mailing_address"],
                                    residential, now)] if submission.member_id else []
    return Together(updates=[*member, users.address_change(user, new["mailing_address"],
                                                           residential)])


EFFECTS = {"remove_payment_channels": _remove_payment_channels,
           "update_address": _update_address}


# -- reading --------------------------------------------------------------------------

def detail(caller: Caller, submission_id: str, now: datetime) -> Submission:
    """A submission of the caller's; opening it marks the agency's latest change seen."""
    found = _own(caller, submission_id)
    if found.unseen_update:
        found.unseen_update = None
        try:
            store.save(found)
        except Stale:
            found = _own(caller, submission_id)
    return found


def effective_status(submission: Submission, now: datetime) -> str:
    """A draft past its expiry is expired even before the job marks it so."""
    if submission.status == "draft" and submission.expires_at and submission.expires_at <= now:
        return "expired"
    return submission.status


@dataclass(frozen=True)
class Search:
    type: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    confirmation: str | None = None
    limit: int = 20
    cursor: str | None = None


def search(caller: Caller, query: Search, now: datetime) -> tuple[list[Submission], str | None]:
    """A page of my submissions, newest first (a page may hold fewer than `limit` when a
    filter leaves some out; follow the cursor)."""
    if query.since and query.until and query.until < query.since:
        raise InvalidInput(fields={"until": "The end date must be on or after the start."})
    try:
        found, cursor = store.of_user(caller.user_id, since=_day(query.since),
                                      until=_day(query.until), type=query.type,
                                      confirmation=query.confirmation, status=query.status,
                                      now=now, limit=query.limit, cursor=query.cursor)
        return [s for s in found if in_scope(s.case_id)], cursor
    except ValueError:
        raise invalid_cursor() from None


def _day(day: date | None) -> str | None:
    return day.strftime("%Y%m%d") if day else None


def drafts_and_updates(user_id: str, now: datetime) -> list[Submission]:
    """For the Action Center: drafts still open and requests the agency changed."""
    return store.open_or_updated(user_id, now)


# -- agency side ----------------------------------------------------------------------

def worklist(status: str, limit: int, cursor: str | None) -> tuple[list[Submission], str | None]:
    try:
        return store.queue(status, limit, cursor)
    except ValueError:
        raise invalid_cursor() from None


def find(confirmation: str) -> Submission:
    found = store.by_confirmation(confirmation)
    if found is None:
        raise NotFound("No request has that confirmation number.", code="request_not_found")
    return found


def decide(staff: Caller, confirmation: str, status: str, note: str | None,
           now: datetime) -> Submission:
    """Moves a request on: received -> in review -> approved or denied."""
    found = find(confirmation)
    if status not in NEXT.get(found.status, ()):
        raise Conflict(f"A request that is {found.status.replace('_', ' ')} cannot become "
                       f"{status.replace('_', ' ')}.", code="invalid_transition")
    if status == "denied" and not note:
        raise InvalidInput(fields={"note": "Tell the parent why the request was denied."})
    t = request_type(found.type)
    user = users.get(found.user_id)
    told: tuple[Model, ...] = () if user is None else (
        activity.event(user.user_id, "request_updated", now, actor="agency", request=t.id,
                       confirmation=found.confirmation, status=status),
        *notices.notice(user, "request_updated", now,
                        title=wording.request_type(t, user.language).title,
                        confirmation=found.confirmation, status=status, note=note))
    _decide(found, status, note, staff.user_id, now, alongside=told)
    return found


def recorded(staff: Caller, confirmation: str, now: datetime) -> Submission:
    """A change done at once is in the agency's own system now: out of the To record
    queue, by whom kept (the parent was told when it was done)."""
    found = find(confirmation)
    if not found.to_record:
        raise Conflict("This request has nothing left to record.", code="nothing_to_record")
    found.to_record, found.worked_by, found.updated_at = None, staff.user_id, now
    _save(found, ())
    return found


def _decide(submission: Submission, status: str, note: str | None, staff_id: str | None,
            now: datetime, seen: bool = False, alongside: tuple[Model, ...] = ()) -> None:
    """The new status, with what is saved alongside (its event, its notice)."""
    submission.status, submission.updated_at = status, now
    if note:
        submission.note = note
    if status in ("approved", "denied"):
        submission.decided_at = now
    submission.worked_by = staff_id or submission.worked_by
    submission.unseen_update = None if seen else True
    _save(submission, alongside)


# -- shared checks --------------------------------------------------------------------

def _own(caller: Caller, submission_id: str) -> Submission:
    found = store.get(caller.user_id, submission_id)
    if found is None or not in_scope(found.case_id):
        raise NotFound("That request was not found.", code="request_not_found")
    return found


def _still_a_draft(submission: Submission, now: datetime) -> None:
    status = effective_status(submission, now)
    if status == "expired":
        raise Gone("This draft expired 30 days after its last change. Start a new request.",
                   code="draft_expired")
    if status != "draft":
        raise Conflict("This request was already submitted.", code="already_submitted")


def _check_filer(user: User, t: RequestType, case_id: str | None) -> None:
    if t.needs_case:
        if not case_id:
            raise InvalidInput(fields={"case_id": "Choose the case this request is about."})
        _, role = cases.case_of(user, case_id)
        if not t.may_file(role):
            raise Forbidden(f"{t.title} is for the {' or '.join(t.filers)} on the case.",
                            code="not_eligible")
    elif "anyone" not in t.filers:
        found = cases.summary(user)
        if not any(t.may_file(found.role_in(c)) for c in found.cases):
            raise Forbidden(f"{t.title} is for the {' or '.join(t.filers)} on a case.",
                            code="not_eligible")


def _save(submission: Submission, alongside: tuple[Model, ...] = (),
          effect: Together | None = None) -> None:
    store.index_fields(submission)
    try:
        store.save(submission, alongside, effect)
    except Stale:
        raise Conflict("This request changed in another window. Reload it and try again.",
                       code="request_changed") from None


def _draft_expiry(now: datetime) -> datetime:
    days: int = _engine().DRAFT_DAYS
    return now + timedelta(days=days)

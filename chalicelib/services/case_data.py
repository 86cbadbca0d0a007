"""Loading case data from the agency's system of record. The agency API, the
command-line import and the demo data all come through `load`: each record is
validated and saved on its own (a bad record is reported, the rest still load), and
loading the same records twice changes nothing. A new case action or order change is
emailed to the case's parents who subscribed to case updates (once: loaded again, it is
unchanged)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterable

from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.agency import (
    CASE,
    PROFILE,
    CaseItem,
    MemberItem,
    Obligation,
    OrderChange,
    Participant,
    Spell,
)
from chalicelib.dal.users import PostalAddress
from chalicelib.domain.identity import ssn_hmac
from chalicelib.errors import Unavailable
from chalicelib.integrations import secrets
from chalicelib.services import attention, case_ledger, cases, notices

if TYPE_CHECKING:  # the record models are pydantic's, built when records are loaded
    from chalicelib.domain.case_records import (
        ActionRecord,
        CaseRecord,
        EventRecord,
        LedgerRecord,
        MemberRecord,
        Record,
    )
    from chalicelib.domain.fields import AddressIn

    CaseChild = LedgerRecord | ActionRecord | EventRecord


@dataclass(frozen=True)
class Result:
    index: int
    type: str | None
    key: str | None
    status: str  # created | updated | unchanged | error
    error: str | None = None


def _address(value: AddressIn | None) -> PostalAddress | None:
    return PostalAddress(**value.model_dump()) if value else None


def _member(r: MemberRecord, now: datetime) -> tuple[str, str]:
    key = _current_ssn_key()
    item = MemberItem(r.member_id, PROFILE, first_name=r.first_name, middle_name=r.middle_name,
                      last_name=r.last_name, date_of_birth=r.date_of_birth.isoformat(),
                      ssn_hmac=ssn_hmac(r.ssn, key.value), ssn_key_version=key.version,
                      ssn_key_shard=agency.ssn_key_shard(r.member_id, key.version),
                      ssn_last4=r.ssn[-4:], email=r.email, phone=r.phone,
                      mailing_address=_address(r.mailing_address),
                      residential_address=_address(r.residential_address), updated_at=now)
    return r.member_id, agency.put_if_changed(item, MEMBER_FIELDS)


def _current_ssn_key() -> secrets.Key:
    """Every member a load sends is hashed with the current key: a load after a rotation
    re-keys them all."""
    keys = secrets.ssn_keys()
    if not keys:
        raise Unavailable()
    return keys[0]


MEMBER_FIELDS = ["first_name", "middle_name", "last_name", "date_of_birth", "ssn_hmac",
                 "ssn_key_version", "ssn_key_shard",
                 "ssn_last4", "email", "phone", "mailing_address", "residential_address"]
CASE_FIELDS = ["case_type", "status", "participants", "custody", "payment_method",
               "obligation", "order_history", "due_bucket", "assistance", "office_id",
               "caseworker_name", "caseworker_email"]


def _new_orders(r: CaseRecord, stored: CaseItem | None) -> list[str]:
    """The order changes a case record adds to a case loaded before (a first load tells
    no one: the parent sees the whole history on the case page)."""
    if stored is None:
        return []
    known = {(o.effective, o.description) for o in stored.order_history or []}
    return [f"{c.effective.isoformat()}: {c.description}" for c in r.order_history
            if (c.effective.isoformat(), c.description) not in known]


def _case(r: CaseRecord, now: datetime, told: dict[str, list[str]]) -> tuple[str, str]:
    obligation = None
    if r.obligation:
        o = r.obligation
        obligation = Obligation(monthly_support_cents=o.monthly_support_cents,
                                medical_support_cents=o.medical_support_cents,
                                due_day=o.due_day, start=o.start.isoformat(),
                                end=o.end.isoformat() if o.end else None)
    stored = agency.case(r.case_id)
    told.setdefault(r.case_id, []).extend(_new_orders(r, stored))
    item = CaseItem(
        r.case_id, CASE, case_type=r.case_type, status=r.status, custody=r.custody,
        payment_method=r.payment_method, obligation=obligation, updated_at=now,
        due_bucket=(f"D{obligation.due_day:02d}" if obligation and r.status == "active"
                    and r.payment_method != "income_withholding" else None),
        participants=[Participant(member_id=p.member_id, role=p.role, name=p.name)
                      for p in r.participants],
        order_history=[OrderChange(effective=c.effective.isoformat(), description=c.description,
                                   custody=c.custody, monthly_support_cents=c.monthly_support_cents,
                                   medical_support_cents=c.medical_support_cents)
                       for c in r.order_history],
        assistance=[Spell(start=a.start.isoformat(), end=a.end.isoformat() if a.end else None)
                    for a in r.assistance] or None,
        office_id=r.office_id, caseworker_name=r.caseworker_name,
        caseworker_email=r.caseworker_email.lower() if r.caseworker_email else None,
        book=stored.book if stored else None, owing=stored.owing if stored else None,
        last_payment=stored.last_payment if stored else None)
    status = agency.put_if_changed(item, CASE_FIELDS)
    for p in r.participants:  # the member side: which cases a member is on, and as what
        agency.put_if_changed(MemberItem(p.member_id, f"CASE#{r.case_id}", role=p.role,
                                         updated_at=now), ["role"])
    return r.case_id, status


def _case_child(r: CaseChild, now: datetime, known_cases: dict[str, bool], sort_key: str,
                **fields: Any) -> tuple[str, str]:
    if r.case_id not in known_cases:
        known_cases[r.case_id] = agency.case(r.case_id) is not None
    if not known_cases[r.case_id]:
        raise LookupError(f"case {r.case_id} is not loaded; load the case first")
    item = CaseItem(r.case_id, sort_key, updated_at=now, **fields)
    return f"{r.case_id}/{sort_key}", agency.put_if_changed(item, list(fields))


def _apply(r: Record, now: datetime, known_cases: dict[str, bool], touched: set[str],
           told: dict[str, list[str]]) -> tuple[str, str]:
    if r.type == "member":
        return _member(r, now)
    if r.type == "case":
        key, status = _case(r, now, told)
        known_cases[r.case_id] = True
        if status == "updated":  # its assistance or type may distribute the ledger anew
            touched.add(r.case_id)
        return key, status
    if r.type == "ledger":
        key, status = _case_child(r, now, known_cases, f"LEDGER#{r.entry_id}",
                                  on=r.on.isoformat(), kind=r.kind,
                                  amount_cents=r.amount_cents, description=r.description,
                                  source=r.source, owner=r.owner)
        if status != "unchanged":
            touched.add(r.case_id)
        return key, status
    if r.type == "action":
        key, status = _case_child(r, now, known_cases,
                                  f"ACTION#{r.on.isoformat()}#{r.action_id}",
                                  on=r.on.isoformat(), description=r.description)
        if status == "created":
            told.setdefault(r.case_id, []).append(f"{r.on.isoformat()}: {r.description}")
        return key, status
    if r.type == "event":
        return _case_child(r, now, known_cases, f"EVENT#{r.at.astimezone(timezone.utc).isoformat()}"
                                                f"#{r.event_id}", at=r.at, kind=r.kind,
                           description=r.description, location=r.location,
                           event_day=agency_date(r.at).isoformat())
    if r.type == "fee_account":
        item = MemberItem(r.member_id, f"FEE#{r.account}", description=r.description,
                          balance_cents=r.balance_cents, updated_at=now)
        return f"{r.member_id}/{r.account}", agency.put_if_changed(
            item, ["description", "balance_cents"])
    item = MemberItem(r.member_id, f"EMP#{r.employer_id}", employer=r.employer,
                      employer_address=_address(r.employer_address),
                      started=r.started.isoformat() if r.started else None,
                      ended=r.ended.isoformat() if r.ended else None, updated_at=now)
    return f"{r.member_id}/{r.employer_id}", agency.put_if_changed(
        item, ["employer", "employer_address", "started", "ended"])


def load(records: Iterable[Any], now: datetime,
         progress: Callable[[Result], None] | None = None) -> list[Result]:
    """Validates and saves each record; returns one result per record, in order."""
    # cold start: 73 ms (the record models and pydantic), only when records are loaded
    from pydantic import TypeAdapter, ValidationError

    from chalicelib.domain.case_records import Record

    adapter = TypeAdapter(Record)
    results: list[Result] = []
    known_cases: dict[str, bool] = {}
    touched: set[str] = set()
    changed: set[str] = set()  # the cases whose Action Center marks may change
    told: dict[str, list[str]] = {}  # case id -> what is new on it
    for index, raw in enumerate(records):
        kind = raw.get("type") if isinstance(raw, dict) else None
        try:
            record = adapter.validate_python(raw)
            key, status = _apply(record, now, known_cases, touched, told)
            results.append(Result(index, kind, key, status))
            if kind in ("case", "ledger", "event") and status != "unchanged":
                changed.add(getattr(record, "case_id"))  # noqa: B009 (not every record has one)
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or 'record'}: {e['msg']}"
                                 for e in error.errors(include_url=False, include_input=False))
            results.append(Result(index, kind, None, "error", problems))
        except LookupError as error:
            results.append(Result(index, kind, None, "error", str(error)))
        if progress:
            progress(results[-1])
    for case_id in sorted(touched):
        case_ledger.refresh(case_id, now)
    for case_id in sorted(changed):
        attention.refresh_case(case_id, now)
    _tell_subscribers(told, now)
    return results


def _tell_subscribers(told: dict[str, list[str]], now: datetime) -> None:
    """Each case's news, to its parents who subscribed to case updates: one email a case."""
    for case_id, updates in sorted(told.items()):
        case = agency.case(case_id) if updates else None
        if case is None:
            continue
        for user in cases.linked_users(case, ("obligor", "obligee")):
            if "case_updates" in (user.subscriptions or []):
                notices.send_notice(user, "case_update", now, case_id=case_id,
                                    updates=updates,
                                    link=notices.page_link(f"cases/{case_id}"))

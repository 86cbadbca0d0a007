"""Loading case data from the agency's system of record. The agency API, the
command-line import and the demo data all come through `load` (the import a chunk at a
time, through `Loader`): each record is validated and saved on its own (a bad record is
reported, the rest still load), and loading the same records twice changes nothing.

A chunk's records are read together (dal/loads.py: BatchGets of 100 keys); new items are
written in batches, changed ones in transactions of at most 100 items, each on condition
that it is as read: if one changed meanwhile, the rest of the chunk is read and planned
again. Once a
case's records end (records come grouped by case), its ledger is replayed, its Action
Center marks are made anew and what is new on it (a case action, an order change) is
emailed to its parents who subscribed to case updates: once a case, however many
chunks its records took."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from chalicelib.clock import agency_date
from chalicelib.dal import agency, loads
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
    from chalicelib.dal.base import Wanted
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

CHUNK = 100  # records read and written together
Current = dict[loads.Key, Any]  # items as stored, with the chunk's plans made so far
ATTEMPTS = 5  # plans of a chunk's rest, when items changed while it was written


@dataclass(frozen=True)
class Result:
    index: int
    type: str | None
    key: str | None
    status: str  # created | updated | unchanged | error
    error: str | None = None


MEMBER_FIELDS = ["first_name", "middle_name", "last_name", "date_of_birth", "ssn_hmac",
                 "ssn_key_version", "ssn_key_shard",
                 "ssn_last4", "email", "phone", "mailing_address", "residential_address"]
CASE_FIELDS = ["case_type", "status", "participants", "custody", "payment_method",
               "obligation", "order_history", "due_bucket", "assistance", "office_id",
               "caseworker_name", "caseworker_email"]


@dataclass
class Pending:
    """The cases a load changed whose follow-up waits for their records to end: the
    ledger to replay (`touched`), the Action Center marks to make anew (`changed`),
    the news for subscribers (`told`). A resumable import keeps it in its checkpoint."""
    touched: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    told: dict[str, list[str]] = field(default_factory=dict)

    def cases(self) -> set[str]:
        return self.touched | self.changed | set(self.told)

    def as_json(self) -> dict[str, Any]:
        return {"touched": sorted(self.touched), "changed": sorted(self.changed),
                "told": self.told}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        return cls(set(data["touched"]), set(data["changed"]), dict(data["told"]))


@dataclass
class _Plan:
    """A record's outcome, before its writes are made."""
    result: Result
    writes: list[loads.Write] = field(default_factory=list)
    case_id: str | None = None
    touched: bool = False  # its ledger to replay
    changed: bool = False  # its marks to make anew
    told: list[str] = field(default_factory=list)


class Loader:
    """Loads records a chunk at a time; `finish` once the last chunk is loaded."""

    def __init__(self, now: datetime, pending: Pending | None = None):
        # cold start: 73 ms (the record models and pydantic), only when records are loaded
        from pydantic import TypeAdapter, ValidationError

        from chalicelib.domain.case_records import Record

        self.now = now
        self.pending = pending or Pending()
        self._adapter, self._invalid = TypeAdapter(Record), ValidationError
        self._ssn: secrets.Key | None = None
        # case id -> a case this load created, and its ledger entries by key
        self._fresh: dict[str, tuple[CaseItem, dict[str, CaseItem]]] = {}

    def load(self, chunk: Sequence[tuple[int, Any]], suspect: bool = False) -> list[Result]:
        """Loads (index, record) pairs; then follows up the cases that ended before them.
        A `suspect` chunk may have been written in part before (an import stopped in it):
        its cases are followed up whether or not their records change now."""
        valid, results = [], {}
        for index, raw in chunk:
            record = self._valid(index, raw)
            if isinstance(record, Result):
                results[index] = record
            else:
                valid.append((index, record))
        for result in self._write(valid):
            results[result.index] = result
        ours = {case_id for _, r in valid if (case_id := getattr(r, "case_id", None))}
        if suspect:
            self.pending.touched |= ours
            self.pending.changed |= ours
        self._follow_up(ending_before=ours)
        return [results[index] for index, _ in chunk]

    def validate(self, index: int, raw: Any) -> Result | None:
        """The record's error, or None when it is valid (nothing is read or written)."""
        found = self._valid(index, raw)
        return found if isinstance(found, Result) else None

    def finish(self) -> None:
        self._follow_up(ending_before=set())

    def _valid(self, index: int, raw: Any) -> Record | Result:
        try:
            return self._adapter.validate_python(raw)
        except self._invalid as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or 'record'}: {e['msg']}"
                                 for e in error.errors(include_url=False, include_input=False))
            kind = raw.get("type") if isinstance(raw, dict) else None
            return Result(index, kind if isinstance(kind, str) else None, None, "error",
                          problems)

    def _write(self, records: list[tuple[int, Record]]) -> Iterator[Result]:
        """Plans the records against what is stored and writes the plans in order; when a
        transaction is refused (an item changed meanwhile), plans the rest again."""
        for attempt in range(ATTEMPTS):
            case_ledger.backoff(attempt)
            current = loads.stored(w for _, r in records for w in _wanted(r))
            plans = [self._plan(index, record, current) for index, record in records]
            done = 0
            for batch in _batches(plans):
                writes = [w for plan in batch for w in plan.writes]
                changed = [(item, stored) for item, stored in writes if stored is not None]
                if changed and not loads.save(changed):
                    break  # nothing of the batch written: the rest is planned again
                loads.create([item for item, stored in writes if stored is None])
                for plan in batch:
                    self._remember(plan)
                    yield plan.result
                done += len(batch)
            else:
                return
            records = records[done:]
        raise Unavailable("The case data could not be saved now; load the records again.")

    def _plan(self, index: int, r: Record, current: Current) -> _Plan:
        try:
            return _plan(index, r, current, self.now, self._ssn_key)
        except LookupError as error:
            return _Plan(Result(index, r.type, None, "error", str(error)))

    def _ssn_key(self) -> secrets.Key:
        """The current SSN key, read once a load (only a member record needs it)."""
        if self._ssn is None:
            self._ssn = _current_ssn_key()
        return self._ssn

    def _remember(self, plan: _Plan) -> None:
        if plan.case_id is None:
            return
        self._keep_fresh(plan.writes)
        if plan.touched:
            self.pending.touched.add(plan.case_id)
        if plan.changed:
            self.pending.changed.add(plan.case_id)
        if plan.told:
            self.pending.told.setdefault(plan.case_id, []).extend(plan.told)

    def _keep_fresh(self, writes: list[loads.Write]) -> None:
        """Keeps the cases this load created, with the ledger entries it saved for them:
        their ledger replays from these, without a Query (a first load's every case)."""
        for item, stored in writes:
            if not isinstance(item, CaseItem):
                continue
            if item.item == CASE and (stored is None or item.case_id in self._fresh):
                entries = self._fresh[item.case_id][1] if item.case_id in self._fresh else {}
                self._fresh[item.case_id] = (item, entries)  # the case as last written
            elif item.item.startswith("LEDGER#") and item.case_id in self._fresh:
                self._fresh[item.case_id][1][item.item] = item

    def _follow_up(self, ending_before: set[str | None]) -> None:
        """For the pending cases whose records have ended (none in the chunk just loaded):
        each one's ledger replayed, then their marks and news, with the cases and their
        members read together (BatchGets of 100)."""
        pending = self.pending
        ending = sorted(pending.cases() - ending_before)
        for case_id in ending:
            fresh = self._fresh.pop(case_id, None)
            if case_id in pending.touched and fresh:
                case_ledger.refresh_loaded(fresh[0], fresh[1].values(), self.now)
            elif case_id in pending.touched:
                case_ledger.refresh(case_id, self.now)
        wanted = [c for c in ending if c in pending.changed or c in pending.told]
        found = [case for case in loads.stored(map(agency.case_key, wanted)).values()
                 if isinstance(case, CaseItem)]
        profiles = loads.stored((MemberItem, p.member_id, PROFILE)
                                for case in found for p in case.participants or [])
        members = {key[1]: item for key, item in profiles.items()
                   if isinstance(item, MemberItem)}
        for case in found:
            if case.case_id in pending.changed:
                attention.refresh_case(case, members, self.now)
            if case.case_id in pending.told:
                _tell_subscribers(case, pending.told[case.case_id], members, self.now)
        for case_id in ending:
            pending.touched.discard(case_id)
            pending.changed.discard(case_id)
            pending.told.pop(case_id, None)


def load(records: Iterable[Any], now: datetime) -> list[Result]:
    """Validates and saves each record; returns one result per record, in order."""
    loader = Loader(now)
    results: list[Result] = []
    for chunk in chunks(enumerate(records)):
        results += loader.load(chunk)
    loader.finish()
    return results


def chunks(numbered: Iterable[tuple[int, Any]]) -> Iterator[list[tuple[int, Any]]]:
    """(index, record) pairs, CHUNK at a time."""
    chunk: list[tuple[int, Any]] = []
    for pair in numbered:
        chunk.append(pair)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _batches(plans: list[_Plan]) -> Iterator[list[_Plan]]:
    """The plans in order, in batches whose updates fit one transaction (at most 100)
    and that write no item twice (a record's writes never split)."""
    batch: list[_Plan] = []
    keys: set[loads.Key] = set()
    updates = 0
    for plan in plans:
        mine = {loads.key_of(item) for item, _ in plan.writes}
        theirs = sum(1 for _, stored in plan.writes if stored is not None)
        if batch and (updates + theirs > loads.MOST_KEYS or keys & mine):
            yield batch
            batch, keys, updates = [], set(), 0
        batch.append(plan)
        keys |= mine
        updates += theirs
    if batch:
        yield batch


# --- one record -------------------------------------------------------------------------

def _wanted(r: Record) -> list[Wanted]:
    """The items the record's plan reads."""
    if r.type == "member":
        return [(MemberItem, r.member_id, PROFILE)]
    if r.type == "case":
        return [agency.case_key(r.case_id),
                *((MemberItem, p.member_id, f"CASE#{r.case_id}") for p in r.participants)]
    if r.type == "fee_account":
        return [agency.fee_account_key(r.member_id, r.account)]
    if r.type == "employment":
        return [(MemberItem, r.member_id, f"EMP#{r.employer_id}")]
    return [agency.case_key(r.case_id), (CaseItem, r.case_id, _child_key(r))]


def _plan(index: int, r: Record, current: Current, now: datetime,
          key: Callable[[], secrets.Key]) -> _Plan:
    """What saving the record would change, against `current` (what is stored, with the
    chunk's earlier plans), which it updates."""
    plan = _Plan(Result(index, r.type, None, "unchanged"), case_id=getattr(r, "case_id", None))
    if r.type == "member":
        item_key, status = r.member_id, _put(plan, current, _member(r, now, key()),
                                             MEMBER_FIELDS)
    elif r.type == "case":
        item_key, status = r.case_id, _plan_case(plan, r, current, now)
    elif r.type == "fee_account":
        item_key = f"{r.member_id}/{r.account}"
        status = _put(plan, current, MemberItem(r.member_id, f"FEE#{r.account}",
                                                description=r.description,
                                                balance_cents=r.balance_cents, updated_at=now),
                      ["description", "balance_cents"])
    elif r.type == "employment":
        item_key = f"{r.member_id}/{r.employer_id}"
        status = _put(plan, current, MemberItem(
            r.member_id, f"EMP#{r.employer_id}", employer=r.employer,
            employer_address=_address(r.employer_address),
            started=r.started.isoformat() if r.started else None,
            ended=r.ended.isoformat() if r.ended else None, updated_at=now),
            ["employer", "employer_address", "started", "ended"])
    else:
        item_key, status = f"{r.case_id}/{_child_key(r)}", _plan_child(plan, r, current, now)
    plan.result = Result(index, r.type, item_key, status)
    plan.changed = r.type in ("case", "ledger", "event") and status != "unchanged"
    return plan


def _put(plan: _Plan, current: Current, item: Any, compare: Sequence[str]) -> str:
    """The item's change against `current`; a change goes into the plan's writes."""
    stored = current.get(loads.key_of(item))
    status = loads.change_of(stored, item, compare)
    if status != "unchanged":
        loads.carry(item, stored)
        plan.writes.append((item, stored))
        current[loads.key_of(item)] = item
    return status


def _plan_case(plan: _Plan, r: CaseRecord, current: Current, now: datetime) -> str:
    stored = current.get(loads.key_wanted(agency.case_key(r.case_id)))
    plan.told = _new_orders(r, stored)
    status = _put(plan, current, _case(r, now), CASE_FIELDS)
    for p in r.participants:  # the member side: which cases a member is on, and as what
        _put(plan, current, MemberItem(p.member_id, f"CASE#{r.case_id}", role=p.role,
                                       updated_at=now), ["role"])
    plan.touched = status == "updated"  # its assistance or type may distribute the ledger anew
    return status


def _plan_child(plan: _Plan, r: CaseChild, current: Current, now: datetime) -> str:
    if current.get(loads.key_wanted(agency.case_key(r.case_id))) is None:
        raise LookupError(f"case {r.case_id} is not loaded; load the case first")
    fields = _child_fields(r)
    status = _put(plan, current, CaseItem(r.case_id, _child_key(r), updated_at=now, **fields),
                  list(fields))
    plan.touched = r.type == "ledger" and status != "unchanged"
    if r.type == "action" and status == "created":
        plan.told = [f"{r.on.isoformat()}: {r.description}"]
    return status


def _address(value: AddressIn | None) -> PostalAddress | None:
    return PostalAddress(**value.model_dump()) if value else None


def _member(r: MemberRecord, now: datetime, key: secrets.Key) -> MemberItem:
    return MemberItem(r.member_id, PROFILE, first_name=r.first_name, middle_name=r.middle_name,
                      last_name=r.last_name, date_of_birth=r.date_of_birth.isoformat(),
                      ssn_hmac=ssn_hmac(r.ssn, key.value), ssn_key_version=key.version,
                      ssn_key_shard=agency.ssn_key_shard(r.member_id, key.version),
                      ssn_last4=r.ssn[-4:], email=r.email, phone=r.phone,
                      mailing_address=_address(r.mailing_address),
                      residential_address=_address(r.residential_address), updated_at=now)


def _current_ssn_key() -> secrets.Key:
    """Every member a load sends is hashed with the current key: a load after a rotation
    re-keys them all."""
    keys = secrets.ssn_keys()
    if not keys:
        raise Unavailable()
    return keys[0]


def _new_orders(r: CaseRecord, stored: CaseItem | None) -> list[str]:
    """The order changes a case record adds to a case loaded before (a first load tells
    no one: the parent sees the whole history on the case page)."""
    if stored is None:
        return []
    known = {(o.effective, o.description) for o in stored.order_history or []}
    return [f"{c.effective.isoformat()}: {c.description}" for c in r.order_history
            if (c.effective.isoformat(), c.description) not in known]


def _case(r: CaseRecord, now: datetime) -> CaseItem:
    obligation = None
    if r.obligation:
        o = r.obligation
        obligation = Obligation(monthly_support_cents=o.monthly_support_cents,
                                medical_support_cents=o.medical_support_cents,
                                due_day=o.due_day, start=o.start.isoformat(),
                                end=o.end.isoformat() if o.end else None)
    return CaseItem(
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
        caseworker_email=r.caseworker_email.lower() if r.caseworker_email else None)


def _child_key(r: CaseChild) -> str:
    if r.type == "ledger":
        return f"LEDGER#{r.entry_id}"
    if r.type == "action":
        return f"ACTION#{r.on.isoformat()}#{r.action_id}"
    return f"EVENT#{r.at.astimezone(timezone.utc).isoformat()}#{r.event_id}"


def _child_fields(r: CaseChild) -> dict[str, Any]:
    if r.type == "ledger":
        return {"on": r.on.isoformat(), "kind": r.kind, "amount_cents": r.amount_cents,
                "description": r.description, "source": r.source, "owner": r.owner}
    if r.type == "action":
        return {"on": r.on.isoformat(), "description": r.description}
    return {"at": r.at, "kind": r.kind, "description": r.description, "location": r.location,
            "event_day": agency_date(r.at).isoformat()}


def _tell_subscribers(case: CaseItem, updates: list[str],
                      members: Mapping[str, MemberItem | None], now: datetime) -> None:
    """A case's news, to its parents who subscribed to case updates: one email."""
    for user in cases.linked_users(case, ("obligor", "obligee"), members):
        if "case_updates" in (user.subscriptions or []):
            notices.send_notice(user, "case_update", now, case_id=case.case_id,
                                updates=updates,
                                link=notices.page_link(f"cases/{case.case_id}"))

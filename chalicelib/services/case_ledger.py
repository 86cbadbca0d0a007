"""A case's ledger and its book. Posting a payment (a portal payment when it settles, a
payment the agency records) writes the ledger entry and the case's new book in one
transaction; the book is the whole ledger replayed with the new entry (domain/ledger),
so a payment recorded late is distributed as of the day received and the book always
equals what the ledger says. A load of ledger records replays the same way.

A case changes under concurrent writers (another payment, an agency load), so a write
that finds the case changed reads it again and retries; `done` tells whether someone
else already did this very posting, which makes a retry or a duplicate harmless."""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterable, Sequence

from chalicelib.clock import agency_date
from chalicelib.dal import agency
from chalicelib.dal.agency import Allocation, CaseItem
from chalicelib.dal.base import Update
from chalicelib.dal.outbox import Mail
from chalicelib.domain import interest, ledger
from chalicelib.domain.distribution import INTERCEPTS, CaseOwed, Paid, prorate
from chalicelib.errors import NotFound, Unavailable
from chalicelib.services import attention
from chalicelib.services.state_data import distribution_rules, interest_rule

ATTEMPTS = 8


def book_of(case: CaseItem) -> ledger.Book:
    """What the case owes by bucket, as its ledger replayed last came to."""
    return ledger.Book.from_json(case.book)


def monthly_obligation(case: CaseItem) -> int:
    """Current and medical support due each month (0 for an arrears-only case)."""
    o = case.obligation
    return int(o.monthly_support_cents) + int(o.medical_support_cents or 0) if o else 0


def case_facts(case: CaseItem) -> ledger.Case:
    spells = tuple(ledger.Assistance(date.fromisoformat(s.start),
                                     date.fromisoformat(s.end) if s.end else None)
                   for s in case.assistance or [])
    return ledger.Case(ledger.LABELS.get(case.case_type or "", "never"), spells)


def entry_of(item: CaseItem) -> ledger.Entry:
    return ledger.Entry(item.item, date.fromisoformat(item.on), item.kind or "charge",
                        int(item.amount_cents or 0), source=item.source,
                        owner=item.owner,  # type: ignore[arg-type]
                        reverses=item.reverses)


def replayed(case: CaseItem, items: Iterable[CaseItem]) -> tuple[ledger.Book, dict[str, ledger.Line]]:
    """The case's ledger entries replayed under the state's rules."""
    state_rules, credit_rule = distribution_rules()
    return ledger.replay(map(entry_of, items), case_facts(case), state_rules, credit_rule)


def lines_of(case: CaseItem, items: Iterable[CaseItem]) -> dict[str, ledger.Line]:
    """What each of the case's ledger entries did (the ledger the parent reads)."""
    return replayed(case, items)[1]


def allocations(paid: Sequence[Paid], case_id: str | None = None) -> list[Allocation]:
    return [Allocation(period=p.debt.period, cents=p.cents, kind=p.debt.kind,
                       owner=p.debt.owner, current=p.current, kept_by=p.kept_by, case_id=case_id)
            for p in paid]


def last_payment(items: Iterable[CaseItem]) -> dict[str, Any] | None:
    """The newest payment received (not a return), for the Summary."""
    payments = sorted((i for i in items if i.kind == "payment" and (i.amount_cents or 0) > 0),
                      key=lambda i: (i.on, i.item))
    return ({"on": payments[-1].on, "amount_cents": int(payments[-1].amount_cents)}
            if payments else None)


def backoff(attempt: int) -> None:
    """Waits a little before retrying, longer after each try, spread so that writers
    that collided do not collide again (full jitter, at most about a second)."""
    if attempt:
        # the jitter of a retry, not a secret (bandit B311)
        time.sleep(random.uniform(0, min(1.0, 0.02 * 2 ** attempt)))  # nosec B311


Read = dict[str, tuple[CaseItem, list[CaseItem]]]  # case id -> the case and its ledger


@dataclass(frozen=True)
class Posted:
    paid: tuple[Paid, ...]
    credit: int


def post_payment(case_id: str, entry_key: str, amount: int, on: date, description: str,
                 now: datetime, *, source: str, reference: str | None = None,
                 alongside: Callable[[Posted], list[Update]] = lambda posted: [],
                 done: Callable[[], bool]) -> Posted | None:
    """Posts a payment received `on` a date to one case. `alongside` gives the updates to
    write in the same transaction, knowing the distribution. None when `done` says it was
    posted already."""
    posted = post_split([case_id], entry_key, amount, on, description, now, source=source,
                        reference=reference,
                        alongside=lambda parts: alongside(parts[case_id]), done=done)
    return posted[case_id] if posted else None


def post_split(case_ids: Sequence[str], entry_key: str, amount: int, on: date,
               description: str, now: datetime, *, source: str, reference: str | None = None,
               alongside: Callable[[dict[str, Posted]], list[Update]] = lambda parts: [],
               done: Callable[[], bool]) -> dict[str, Posted] | None:
    """Posts one collection received `on` a date, split among an obligor's cases as 45 CFR
    303.100 allocates withholding (domain/distribution.prorate: the month's current
    support of each case, pro rata, then arrears oldest first; an intercept pays no
    current support), each case's share a payment entry `entry_key` distributed on its
    case. All the cases are written in one transaction. The parts by case, or None when
    `done` says it was posted already."""
    intercept = source in INTERCEPTS

    def entries(read: Read) -> dict[str, list[CaseItem]]:
        period, day = ledger.period_of(on), on.isoformat()
        owed = []
        for case_id, (case, items) in read.items():
            then, _ = replayed(case, [i for i in items if i.on <= day])
            owed.append(CaseOwed(case_id, 0 if intercept else then.balances(period).current_due,
                                 tuple(then.arrears_by_period(period))))
        return {case_id: [CaseItem(case_id, entry_key, on=day, kind="payment",
                                   amount_cents=share, description=description, source=source,
                                   reference=reference, updated_at=now)]
                for case_id, share in prorate(owed, amount).items() if share > 0}

    lines = _post(case_ids, entries, now,
                  lambda lines: alongside(_parts(lines, entry_key)), done)
    return _parts(lines, entry_key) if lines else None


def _parts(lines: dict[str, dict[str, ledger.Line]], key: str) -> dict[str, Posted]:
    return {case_id: Posted(found[key].paid, found[key].credit)
            for case_id, found in lines.items()}


def reverse_payment(case_ids: Sequence[str], entry_key: str, reverses: str, on: date,
                    description: str, now: datetime, *, source: str,
                    alongside: Sequence[Update] = (), mail: Sequence[Mail] = (),
                    done: Callable[[], bool]) -> bool:
    """Records a payment's return by the bank on each case it was posted to: the payment
    is taken out of the ledger's distribution as if never made, and what came after it
    is distributed again (and the parent's notice of it written with it)."""
    def entries(read: Read) -> dict[str, list[CaseItem]]:
        made = {case_id: next((i for i in items if i.item == reverses), None)
                for case_id, (_, items) in read.items()}
        return {case_id: [CaseItem(case_id, entry_key, on=on.isoformat(), kind="payment",
                                   amount_cents=-int(paid.amount_cents),
                                   description=description, source=source, reverses=reverses,
                                   updated_at=now)]
                for case_id, paid in made.items() if paid is not None}

    return _post(case_ids, entries, now, lambda lines: list(alongside), done,
                 mail) is not None


def post_interest(case: CaseItem, month: str, now: datetime) -> int:
    """Charges the case's interest for `month` on the month's last day (domain/interest:
    AS 25.27.025, 15 AAC 125.840), once: the entries' keys name the month, so a second
    run finds them and charges nothing. `case` may be the interest job's index entry (its
    facts and revision, not its book): its ledger is then read alone, and a retry reads
    the case whole. Returns the cents charged."""
    rule = interest_rule()  # the state's (services/state_data.py)
    case_id = case.case_id
    last_day = _last_day(month)
    key = f"LEDGER#interest-{month}-"
    made: list[CaseItem] = []

    def entries(read: Read) -> dict[str, list[CaseItem]]:
        made.clear()
        case, items = read[case_id]
        if not rule.charged or any(i.item.startswith(key) for i in items):
            return {}
        then, _ = replayed(case, [i for i in items if i.on <= last_day.isoformat()])
        made.extend(CaseItem(case_id, f"{key}{owner}", on=last_day.isoformat(), kind="interest",
                             amount_cents=cents, owner=owner, updated_at=now,
                             description=f"Interest for {last_day:%B %Y} "
                                         f"({float(rule.annual_percent):g}% a year on past-due support)")
                    for owner, cents in interest.monthly(then, month, rule).items())
        return {case_id: made}

    posted = _post([case_id], entries, now, lambda lines: [],
                   lambda: bool(agency.case_items(case_id, key)[0]),
                   first={case_id: (case, agency.case_items(case_id, "LEDGER#")[0])})
    return sum(int(i.amount_cents) for i in made) if posted else 0


def _last_day(month: str) -> date:
    year, number = map(int, month.split("-"))
    return date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)


def _post(case_ids: Sequence[str], make: Callable[[Read], dict[str, list[CaseItem]]],
          now: datetime, alongside: Callable[[dict[str, dict[str, ledger.Line]]], list[Update]],
          done: Callable[[], bool],
          mail: Sequence[Mail] = (), first: Read | None = None,
          ) -> dict[str, dict[str, ledger.Line]] | None:
    """Reads the cases and their ledgers (the first time `first` if given), makes the new
    entries from them, replays each ledger with its new entries and writes entries, books
    and `alongside` together. The lines of each replay by case, or None when there was
    nothing to post or `done` says it was posted already."""
    for attempt in range(ATTEMPTS):
        backoff(attempt)
        read = first if first and not attempt else {
            case_id: _case_and_ledger(case_id) for case_id in case_ids}
        new = {case_id: entries for case_id, entries in make(read).items() if entries}
        if not new:
            return None
        postings, lines = [], {}
        for case_id, entries in new.items():
            case, items = read[case_id]
            book, lines[case_id] = replayed(case, [*items, *entries])
            postings.append(agency.Posting(case, entries,
                                           totals(book, [*items, *entries], now)))
        if agency.post_ledger_entries(postings, now, alongside(lines), mail):
            for posting in postings:
                attention.owing_changed(posting.case, _book_before(*read[posting.case.case_id]),
                                        posting.totals.book)
            return lines
        if done():
            return None
    raise Unavailable("The payment could not be recorded now; it will be on the next try.")


def _book_before(case: CaseItem, items: Sequence[CaseItem]) -> str | None:
    """A case's book before a posting: as its CASE item keeps it, or, from an index entry
    (which keeps no book), its ledger replayed."""
    if case.book is not None or case.revision is None:
        return case.book
    return replayed(case, items)[0].to_json()


def refresh(case_id: str, now: datetime) -> None:
    """Replays a case's ledger into its book and last payment (after a load; again if a
    payment was posted to the case meanwhile)."""
    for attempt in range(ATTEMPTS):
        backoff(attempt)
        case, items = agency.case_and_ledger(case_id)
        if case is None:
            return
        book, _ = replayed(case, items)
        if agency.save_case_totals(case, totals(book, items, now), now):
            return
    raise Unavailable("The case totals could not be updated now; load the records again.")


def refresh_loaded(case: CaseItem, entries: Iterable[CaseItem], now: datetime) -> None:
    """Replays the ledger of a case a load created from the entries that load saved:
    that is its whole ledger (an entry loads only after its case), unless the portal
    posted to it since, which its totals' revision tells: then it is read (`refresh`)."""
    items = sorted(entries, key=lambda i: i.item)  # as a Query returns them
    book, _ = replayed(case, items)
    if not agency.save_case_totals(case, totals(book, items, now), now):
        refresh(case.case_id, now)


def totals(book: ledger.Book, items: Sequence[CaseItem], now: datetime) -> agency.Totals:
    """What a case's CASE item keeps of its replayed ledger: the book, whether it owes
    principal, its last payment, and what it received from last month on (a month a
    reminder may ask about is never before the month of the book's last write: it is
    this month or later; the month before covers the agency's time zone)."""
    since = interest.months_before(ledger.period_of(agency_date(now)), 1)
    return agency.Totals(book.to_json(), book.owes_principal,
                         json.dumps(book.received_since(since), separators=(",", ":")),
                         last_payment(items))


def received_in(case: CaseItem, period: str) -> int | None:
    """What the case received in `period`, a month not before this one, from what its
    CASE item (or an index entry of it) keeps; None when that does not say (totals
    written before `recent_receipts` was kept: read the book)."""
    if case.recent_receipts is not None:
        return int(json.loads(case.recent_receipts).get(period, 0))
    return 0 if case.revision is None else None  # never posted to: nothing received


def _case_and_ledger(case_id: str) -> tuple[CaseItem, list[CaseItem]]:
    case, items = agency.case_and_ledger(case_id)
    if case is None:
        raise NotFound("That case was not found.", code="case_not_found")
    return case, items

"""A load a chunk at a time (services/case_data.py): records read together, written in
transactions on condition that nothing changed meanwhile, and each case followed up
once, after its records end."""
from __future__ import annotations

from chalicelib.dal import agency, loads
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.domain.ledger import Book
from chalicelib.services import case_data, case_ledger
from tests.bench.requests import COUNTER
from tests.cases import case, member
from tests.services.conftest import CASE, NOW, OBLIGEE, OBLIGOR


def people() -> list[dict]:
    return [member(OBLIGOR["member_id"], "ROE", OBLIGOR["ssn"], OBLIGOR["date_of_birth"]),
            member(OBLIGEE["member_id"], "ROE", OBLIGEE["ssn"], OBLIGEE["date_of_birth"]),
            case(CASE, [(OBLIGOR["member_id"], "obligor"), (OBLIGEE["member_id"], "obligee")],
                 monthly=10000)]


def charge(n: int) -> dict:
    return {"type": "ledger", "case_id": CASE, "entry_id": f"c{n}", "on": "2025-01-01",
            "kind": "charge", "amount_cents": 100, "description": "Support"}


def test_a_hundred_new_records_take_one_read_and_batched_writes(aws):
    records = [member(f"{52000000 + i}", "ROE", f"123-45-{6100 + i}", "1980-01-01")
               for i in range(case_data.CHUNK)]
    case_data.load(records[:1], NOW)  # the SSN key, read once a load, read here first
    COUNTER.calls.clear()
    results = case_data.load(records[1:], NOW)
    assert {r.status for r in results} == {"created"}
    # 99 items read in one BatchGet, written in batches of 25 (new: no transaction)
    assert COUNTER.calls == {"BatchGetItem": 1, "BatchWriteItem": 4}


def test_the_same_item_twice_in_a_load_is_written_in_order(aws):
    record = member("52100001", "ROE", "123-45-6101", "1980-01-01")
    renamed = {**record, "first_name": "PATRICIA"}
    results = case_data.load([record, record, renamed, record], NOW)
    assert [r.status for r in results] == ["created", "unchanged", "updated", "updated"]
    assert agency.member("52100001").first_name == record["first_name"]


def test_a_load_keeps_what_the_portal_wrote_meanwhile(aws, monkeypatch):
    """A logon linked to the member between the load's read and its write: the write is
    refused (the member is not as read), the load reads again, keeps the link and saves."""
    case_data.load(people(), NOW)
    save, calls = loads.save, []

    def linked_meanwhile(writes):
        calls.append(len(writes))
        if len(calls) == 1:
            MemberItem(OBLIGOR["member_id"], "PROFILE").update(
                actions=[MemberItem.linked_user_id.set("user-1")])
        return save(writes)

    monkeypatch.setattr(loads, "save", linked_meanwhile)
    renamed = {**people()[0], "first_name": "ROBIN"}
    assert [r.status for r in case_data.load([renamed], NOW)] == ["updated"]
    stored = agency.member(OBLIGOR["member_id"])
    assert (stored.first_name, stored.linked_user_id) == ("ROBIN", "user-1")
    assert calls == [1, 1]  # refused once, then written


def test_a_case_whose_records_span_chunks_is_followed_up_once(aws, monkeypatch):
    refreshed, told = [], []
    monkeypatch.setattr(case_ledger, "refresh", lambda case_id, now: refreshed.append(case_id))
    monkeypatch.setattr(case_data, "_tell_subscribers",
                        lambda case, updates, members, now: told.append((case.case_id, updates)))
    case_data.load(people(), NOW)
    actions = [{"type": "action", "case_id": CASE, "action_id": f"a{n}", "on": "2026-02-01",
                "description": f"Step {n}"} for n in (1, 2)]
    records = [actions[0], *map(charge, range(2 * case_data.CHUNK)), actions[1]]
    results = case_data.load(records, NOW)
    assert {r.status for r in results} == {"created"}
    assert refreshed == [CASE]  # once, after its last record: not after each chunk
    assert told == [(CASE, ["2026-02-01: Step 1", "2026-02-01: Step 2"])]


def test_a_chunk_refused_midway_is_written_once(aws, monkeypatch):
    """150 changed entries, in transactions of 100 and 50: the second refused, the first
    stays written (its records answer once), the rest is read again and written; the
    ledger is replayed with every entry."""
    monkeypatch.setattr(case_data, "CHUNK", 150)
    case_data.load([*people(), *map(charge, range(150))], NOW)
    save, calls = loads.save, []

    def busy_once(writes):
        calls.append(len(writes))
        return False if len(calls) == 2 else save(writes)

    monkeypatch.setattr(loads, "save", busy_once)
    results = case_data.load([{**charge(n), "amount_cents": 200} for n in range(150)], NOW)
    assert [r.index for r in results] == list(range(150))
    assert {r.status for r in results} == {"updated"}
    assert calls == [100, 50, 50]
    book = Book.from_json(agency.case(CASE).book)
    assert sum(charged for charged, _ in book.buckets.values()) == 150 * 200


def test_a_case_the_portal_posted_to_since_its_load_is_replayed_whole(aws, monkeypatch):
    """A case the load created replays from the entries the load saved, unless its
    totals changed since (a payment posted): then its whole ledger is read."""
    loaded = case_ledger.refresh_loaded

    def posted_meanwhile(case, entries, now):
        CaseItem(CASE, "LEDGER#portal-1", on="2025-01-05", kind="payment", amount_cents=50,
                 description="Payment received", source="portal", updated_at=now).save()
        assert agency.save_case_totals(agency.case(CASE), agency.Totals(Book().to_json(), False, "{}", None), now)
        loaded(case, entries, now)

    monkeypatch.setattr(case_ledger, "refresh_loaded", posted_meanwhile)
    case_data.load([*people(), *map(charge, range(3))], NOW)
    stored = agency.case(CASE)
    assert stored.last_payment.amount_cents == 50  # read back with the load's charges
    assert sum(charged for charged, _ in Book.from_json(stored.book).buckets.values()) == 300

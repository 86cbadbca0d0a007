"""A case's ledger replayed (chalicelib/domain/ledger.py): balances by bucket, each
payment distributed as of the day received (45 CFR 302.51(a)(1)) in the federal order
(42 U.S.C. 657(a); 45 CFR 302.51(b)). Integer cents."""
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.distribution import Rules
from chalicelib.domain.ledger import Assistance, Book, Case, Entry, replay


def charge(key, day, cents, kind="charge", owner=None):
    return Entry(key, day, kind, cents, owner=owner)


def pay(key, day, cents, source="check", reverses=None):
    return Entry(key, day, "payment", cents, source=source, reverses=reverses)


def monthly(months, cents=50000, year=2026):
    return [charge(f"c{m:02d}", date(year, m, 1), cents) for m in months]


def test_the_alaska_example_800_arrears_and_this_month_met():
    book, _ = replay([charge("c", date(2025, 1, 1), 80000)])
    result = book.balances("2026-11")
    assert (result.current_due, result.arrears, result.total) == (0, 80000, 80000)
    assert result.obligation_met


def test_a_payment_pays_this_month_then_the_oldest_arrears_45_cfr_302_51_b():
    book, lines = replay([*monthly([9, 10, 11]), pay("p", date(2026, 11, 5), 70000)])
    assert book.arrears_by_period("2026-11") == [("2026-09", 30000), ("2026-10", 50000)]
    assert [(p.debt.period, p.cents, p.current) for p in lines["p"].paid] == [
        ("2026-11", 50000, True), ("2026-09", 20000, False)]
    result = book.balances("2026-11")
    assert result.obligation_met and result.arrears == 80000 and result.paid_this_period == 70000


def test_a_tax_offset_pays_past_due_only_42_usc_664():
    """42 U.S.C. 664(a): a refund offset pays past-due support, never this month's."""
    book, lines = replay([*monthly([10, 11]), pay("p", date(2026, 11, 5), 60000,
                                                  "federal_tax_offset")])
    assert [(p.debt.period, p.cents) for p in lines["p"].paid] == [("2026-10", 50000)]
    result = book.balances("2026-11")
    assert result.current_due == 50000 and lines["p"].credit == 10000
    assert (result.total, result.credit) == (50000, 10000)  # the state's rule: held


def test_interest_posted_this_month_is_not_current_support():
    """Interest is its own bucket (15 AAC 125.840): a payment this month pays the month's
    support, then the older principal, and the interest after it (the state's order)."""
    entries = [*monthly([10, 11]), charge("i", date(2026, 11, 1), 250, "interest"),
               pay("p", date(2026, 11, 5), 60000)]
    book, lines = replay(entries)
    assert [(p.debt.kind, p.debt.period, p.cents) for p in lines["p"].paid] == [
        ("support", "2026-11", 50000), ("support", "2026-10", 10000)]
    result = book.balances("2026-11")
    assert result.current_due == 0 and result.arrears == 40250 and result.interest == 250


def test_future_months_do_not_count_yet():
    book, _ = replay(monthly([11, 12], 500))
    assert book.balances("2026-11").total == 500


def test_an_overpayment_is_a_credit_applied_to_the_next_charge():
    book, lines = replay([*monthly([11], 500), pay("p", date(2026, 11, 5), 800),
                          charge("c12", date(2026, 12, 1), 500)])
    assert lines["p"].credit == 300 and lines["c12"].credit == -300
    assert book.balances("2026-11").credit == 0  # December's charge took it
    assert book.balances("2026-12").current_due == 200


def test_a_credit_held_stays_a_credit_when_the_state_says_so():
    book, _ = replay([*monthly([11], 500), pay("p", date(2026, 11, 5), 800),
                      charge("c12", date(2026, 12, 1), 500)], credit_rule="held")
    result = book.balances("2026-12")
    assert (result.current_due, result.credit, result.total) == (500, 300, 500)  # apart


def test_a_negative_adjustment_forgives_its_month_first():
    book, _ = replay([*monthly([10, 11], 1000), charge("a", date(2026, 11, 5), -1400,
                                                        "adjustment")])
    assert book.balances("2026-11").total == 600
    assert book.arrears_by_period("2026-11") == [("2026-10", 600)]


def test_a_back_dated_payment_is_distributed_as_of_the_day_received_45_cfr_302_51_a():
    """Received in January and recorded in March: it pays January's support as current
    support, and the March payment recorded before it is distributed again after it."""
    entries = [*monthly([1, 2, 3]), pay("march", date(2026, 3, 3), 50000)]
    before, lines = replay(entries)
    assert [p.debt.period for p in lines["march"].paid] == ["2026-03"]
    book, lines = replay([*entries, pay("january", date(2026, 1, 20), 50000)])
    assert [(p.debt.period, p.current) for p in lines["january"].paid] == [("2026-01", True)]
    assert book.arrears_by_period("2026-03") == [("2026-02", 50000)]
    assert book.received == {"2026-01": 50000, "2026-03": 50000}


def test_a_returned_payment_is_taken_out_and_what_followed_is_distributed_again():
    entries = [*monthly([1, 2]), pay("p1", date(2026, 1, 5), 50000),
               pay("p2", date(2026, 2, 5), 50000),
               pay("p1-returned", date(2026, 2, 20), -50000, reverses="p1")]
    book, lines = replay(entries)
    assert lines["p1"].returned and lines["p1-returned"].returned
    assert [(p.debt.period, p.cents) for p in lines["p2"].paid] == [("2026-02", 50000)]
    assert book.arrears_by_period("2026-02") == [("2026-01", 50000)]


def test_former_assistance_owes_the_family_first_and_shows_who_is_owed_42_usc_657_a_2_b():
    """Support that fell due during assistance is assigned to the state (42 U.S.C.
    608(a)(3)); after it ends, the family's arrears are paid before the state's."""
    case = Case("former", (Assistance(date(2025, 1, 1), date(2025, 12, 31)),))
    entries = [charge("c24", date(2025, 6, 1), 40000), *monthly([1, 3], 30000),
               pay("p", date(2026, 3, 5), 50000)]
    book, lines = replay(entries, case)
    assert [(p.debt.period, p.debt.owner, p.kept_by, p.cents) for p in lines["p"].paid] == [
        ("2026-03", "family", "family", 30000), ("2026-01", "family", "family", 20000)]
    result = book.balances("2026-03")
    assert (result.owed_to_family, result.owed_to_state) == (10000, 40000)
    offset, lines = replay([*entries[:-1], pay("f", date(2026, 3, 5), 50000,
                                                "federal_tax_offset")], case)
    assert [(p.debt.owner, p.cents) for p in lines["f"].paid] == [
        ("state", 40000), ("family", 10000)]  # 657(a)(2)(B)(iv): the state first


def test_current_assistance_is_retained_by_the_state_42_usc_657_a_1():
    case = Case("current", (Assistance(date(2026, 1, 1)),))
    entries = [charge("old", date(2025, 5, 1), 20000), *monthly([3], 30000),
               pay("p", date(2026, 3, 5), 45000)]
    book, lines = replay(entries, case)
    assert {p.kept_by for p in lines["p"].paid} == {"state"}
    assert book.balances("2026-03").owed_to_state == 0  # March, assigned, is paid
    passing, lines = replay(entries, case, Rules(pass_through_cents=5000))
    assert sum(p.cents for p in lines["p"].paid if p.kept_by == "family") == 5000


def test_the_book_keeps_in_json():
    book, _ = replay([*monthly([1, 2]), pay("p", date(2026, 2, 5), 70000)])
    assert Book.from_json(book.to_json()) == book and Book.from_json(None) == Book()


entry_strategy = st.one_of(
    st.builds(charge, key=st.uuids().map(str), day=st.dates(date(2025, 1, 1), date(2026, 12, 31)),
              cents=st.integers(0, 10 ** 6), kind=st.sampled_from(
                  ["charge", "interest", "fee", "adjustment"]),
              owner=st.sampled_from([None, "family", "state"])),
    st.builds(pay, key=st.uuids().map(str), day=st.dates(date(2025, 1, 1), date(2026, 12, 31)),
              cents=st.integers(0, 2 * 10 ** 6), source=st.sampled_from(
                  ["check", "portal", "federal_tax_offset", "pfd_garnishment"])))


@given(entries=st.lists(entry_strategy, max_size=25),
       label=st.sampled_from(["never", "former", "current"]))
def test_every_cent_is_accounted_for(entries, label):
    """Whatever the ledger: no bucket is paid beyond its charge or below nothing, and what
    was received is exactly what the buckets were paid plus the credit."""
    book, lines = replay(entries, Case(label))
    assert all(0 <= paid <= charged for charged, paid in book.buckets.values())
    received = sum(e.cents for e in entries if e.kind == "payment")
    assert sum(p for _, p in book.buckets.values()) + book.credit == received
    assert sum(book.received.values()) == received
    for entry in entries:
        if entry.kind == "payment":
            line = lines[entry.key]
            assert sum(p.cents for p in line.paid) + line.credit == entry.cents

"""Interest on arrears (chalicelib/domain/interest.py) as Alaska charges it: AS 25.27.025
(6 percent a year, simple) and 15 AAC 125.840(a) (charged on the last day of each month,
from the first month after the support fell due, on the principal owed at the end of the
month before less the payments received during the month)."""
from datetime import date
from fractions import Fraction

from chalicelib.domain.interest import InterestRule, monthly, months_before
from chalicelib.domain.ledger import Entry, replay

ALASKA = InterestRule(Fraction(6), 1, "AS 25.27.025; 15 AAC 125.840")


def charge(month: int, cents: int = 50000, year: int = 2026, owner=None) -> Entry:
    return Entry(f"c{year}{month:02d}", date(year, month, 1), "charge", cents, owner=owner)


def year_of_interest(entries: list[Entry]) -> list[int]:
    """Replays a year month by month as the job does: each month's interest posted on its
    last day (the first of the next month here stands for it), from the book then."""
    posted = []
    for month in range(1, 13):
        end = date(2026, month, 28)
        book, _ = replay([e for e in entries if e.on <= end])
        due = monthly(book, f"2026-{month:02d}", ALASKA)
        posted.append(sum(due.values()))
        entries = [*entries, *[Entry(f"i{month}{o}", end, "interest", c, owner=o)
                               for o, c in due.items()]]
    return posted


def test_a_year_of_unpaid_support_earns_simple_interest_as_25_27_025_and_15_aac_125_840_a():
    """$500 a month from January, never paid: January's support first earns interest at
    the end of February (the first month after it fell due), at 0.5% a month; interest
    never earns interest. Feb $2.50, Mar $5.00 ... Dec $27.50: $165.00 in the year."""
    posted = year_of_interest([charge(m) for m in range(1, 13)])
    assert posted == [0] + [250 * n for n in range(1, 12)]
    assert sum(posted) == 16500


def test_payments_received_during_the_month_lessen_the_principal_15_aac_125_840_a():
    """$1,000 owed from January; $600 paid in March (after March's $0 support): March's
    interest is on $400, and none is charged once the principal is paid."""
    entries = [charge(1, 100000), Entry("p", date(2026, 3, 10), "payment", 60000,
                                        source="check"),
               Entry("p2", date(2026, 5, 10), "payment", 40000, source="check")]
    posted = year_of_interest(entries)
    assert posted[:6] == [0, 500, 200, 200, 0, 0]


def test_the_months_own_support_earns_nothing_yet_and_rounds_half_up():
    book, _ = replay([charge(1, 333), charge(2, 100000)])
    assert monthly(book, "2026-02", ALASKA) == {"family": 2}  # 333 * 0.5% = 1.665 -> 2


def test_each_owner_earns_its_own_interest_15_aac_125_840_e():
    book, _ = replay([charge(1, 40000, owner="state"), charge(2, 20000, owner="family")])
    assert monthly(book, "2026-03", ALASKA) == {"family": 100, "state": 200}


def test_a_state_without_interest_charges_none():
    book, _ = replay([charge(1)])
    assert monthly(book, "2026-06", InterestRule.from_data(None)) == {}
    assert InterestRule.from_data({"annual_percent": "6", "months_after_due": 1,
                                   "citation": "x"}).annual_percent == 6


def test_months_before_crosses_the_year():
    assert months_before("2026-01", 1) == "2025-12" and months_before("2026-03", 14) == "2025-01"

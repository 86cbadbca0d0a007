"""Banking days (domain/banking_days.py): the legal holidays of 5 U.S.C. 6103(a) with the
Federal Reserve's rule (a Sunday holiday closes the Monday after; a Saturday one closes
nothing), held to the `holidays` package's United States holidays for twenty years and
to the Federal Reserve's own published schedule for 2022 and 2026."""
from datetime import date, timedelta

import holidays
import pytest

from chalicelib.domain import banking_days

YEARS = range(2021, 2041)


def test_the_legal_holidays_are_the_holidays_packages():
    theirs = holidays.US(years=YEARS, observed=False)
    for year in YEARS:
        assert set(banking_days.legal_holidays(year)) == {d for d in theirs if d.year == year}


def test_the_federal_reserve_closes_as_its_rule_moves_them():
    theirs = holidays.US(years=YEARS, observed=False)
    for year in YEARS:
        expected = set()
        for day in (d for d in theirs if d.year == year):
            if day.weekday() == 6:
                expected.add(day + timedelta(days=1))
            elif day.weekday() != 5:
                expected.add(day)
        assert banking_days.federal_reserve_holidays(year) == expected, year


@pytest.mark.parametrize(("year", "closed"), [
    # the Federal Reserve's published holiday schedule
    (2022, ["01-17", "02-21", "05-30", "06-20", "07-04", "09-05", "10-10", "11-11", "11-24",
            "12-26"]),
    (2026, ["01-01", "01-19", "02-16", "05-25", "06-19", "09-07", "10-12", "11-11", "11-26",
            "12-25"]),
])
def test_the_federal_reserves_published_schedule(year, closed):
    assert sorted(banking_days.federal_reserve_holidays(year)) == [
        date.fromisoformat(f"{year}-{md}") for md in closed]


def test_weekends_and_holidays_are_not_banking_days_and_the_next_is_found():
    assert not banking_days.is_banking_day(date(2026, 12, 5))  # a Saturday
    assert not banking_days.is_banking_day(date(2026, 12, 25))  # Christmas, a Friday
    assert banking_days.is_banking_day(date(2026, 7, 3))  # the Friday before July 4th
    assert banking_days.on_or_after(date(2026, 12, 25)) == date(2026, 12, 28)
    assert banking_days.after(date(2026, 12, 24)) == date(2026, 12, 28)
    assert banking_days.after(date(2026, 11, 25), 2) == date(2026, 11, 30)  # Thanksgiving
    assert banking_days.on_or_after(date(2026, 12, 7)) == date(2026, 12, 7)

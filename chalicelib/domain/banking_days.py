"""Banking days: the days the Federal Reserve settles ACH entries (an entry's effective
date must be one). The Federal Reserve Banks close on the legal public holidays of
5 U.S.C. 6103(a); when one falls on a Sunday they close the Monday after, and when one
falls on a Saturday they stay open the Friday before (the Federal Reserve's holiday
schedule), so no Saturday holiday moves. Computed here rather than read from the
`holidays` package, which would not fit the Lambda package's size budget;
tests/unit/test_banking_days.py holds this to that package's United States holidays
with the Federal Reserve's rule."""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache

MONDAY, THURSDAY, SATURDAY, SUNDAY = 0, 3, 5, 6


def _nth(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th weekday of a month (n = -1: its last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def legal_holidays(year: int) -> dict[date, str]:
    """5 U.S.C. 6103(a), as the day itself (before any moving)."""
    days = {
        date(year, 1, 1): "New Year's Day",
        _nth(year, 1, MONDAY, 3): "Birthday of Martin Luther King, Jr.",
        _nth(year, 2, MONDAY, 3): "Washington's Birthday",
        _nth(year, 5, MONDAY, -1): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        _nth(year, 9, MONDAY, 1): "Labor Day",
        _nth(year, 10, MONDAY, 2): "Columbus Day",
        date(year, 11, 11): "Veterans Day",
        _nth(year, 11, THURSDAY, 4): "Thanksgiving Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 2021:  # Juneteenth National Independence Day Act, Pub. L. 117-17
        days[date(year, 6, 19)] = "Juneteenth National Independence Day"
    return days


@cache
def federal_reserve_holidays(year: int) -> frozenset[date]:
    """The weekdays the Federal Reserve Banks are closed: each legal holiday, a Sunday's
    on the Monday after; a Saturday's not at all."""
    closed = set()
    for day in legal_holidays(year):
        if day.weekday() == SUNDAY:
            closed.add(day + timedelta(days=1))
        elif day.weekday() != SATURDAY:
            closed.add(day)
    return frozenset(closed)


def is_banking_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in federal_reserve_holidays(day.year)


def on_or_after(day: date) -> date:
    """The day itself if it is a banking day, else the next one."""
    while not is_banking_day(day):
        day += timedelta(days=1)
    return day


def after(day: date, days: int = 1) -> date:
    """The `days`-th banking day after `day`."""
    for _ in range(days):
        day = on_or_after(day + timedelta(days=1))
    return day

"""The one clock. Services take ``now`` as an argument; handlers and jobs read it here."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from chalicelib.settings import get_settings


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def agency_date(now: datetime) -> date:
    """The calendar date at the agency (its time zone decides what "today" and a month are)."""
    return now.astimezone(ZoneInfo(get_settings().agency_timezone)).date()


def agency_month_start(period: str) -> datetime:
    """The moment a month (YYYY-MM) begins at the agency, in UTC."""
    year, month = map(int, period.split("-"))
    start = datetime(year, month, 1, tzinfo=ZoneInfo(get_settings().agency_timezone))
    return start.astimezone(timezone.utc)


def agency_time_text(moment: datetime) -> str:
    """A moment as people at the agency read it: 06/05/2025 08:52 AM AKDT."""
    tz = ZoneInfo(get_settings().agency_timezone)
    return moment.astimezone(tz).strftime("%m/%d/%Y %I:%M %p %Z")

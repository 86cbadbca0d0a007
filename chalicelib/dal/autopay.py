"""Automatic payment schedules. An active schedule carries `run_day` ("D05"), the key of
the sparse `by_run_day` index: the job reads only the schedules of the day it runs for,
and a cancelled schedule leaves the index."""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, Update, guarded, page, table_name, updated


class ByRunDay(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_run_day"
        projection = AllProjection()

    run_day = UnicodeAttribute(hash_key=True)
    schedule_id = UnicodeAttribute(range_key=True)


class Schedule(Model):
    class Meta(TableMeta):
        table_name = table_name("autopay")

    user_id = UnicodeAttribute(hash_key=True)
    schedule_id = UnicodeAttribute(range_key=True)
    case_id = UnicodeAttribute()
    bank_account_id = UnicodeAttribute()
    last4 = UnicodeAttribute()
    amount_cents = NumberAttribute(null=True)  # None: the monthly obligation
    day_of_month = NumberAttribute()
    start = UnicodeAttribute()  # ISO date
    end = UnicodeAttribute(null=True)
    status = UnicodeAttribute()  # active | cancelled
    run_day = UnicodeAttribute(null=True)  # "D05" while active
    created_at = UTCDateTimeAttribute()
    cancelled_at = UTCDateTimeAttribute(null=True)
    by_run_day = ByRunDay()


@guarded
def run_day(day_of_month: int) -> str:
    return f"D{day_of_month:02d}"


@guarded
def of_user(user_id: str) -> list[Schedule]:
    return list(Schedule.query(user_id, consistent_read=True))


@guarded
def get(user_id: str, schedule_id: str) -> Schedule | None:
    try:
        return Schedule.get(user_id, schedule_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def create(schedule: Schedule) -> None:
    schedule.save(condition=Schedule.schedule_id.does_not_exist())


@guarded
def change(schedule: Schedule, bank_account_id: str, last4: str, amount_cents: int | None,
           day_of_month: int, start: str, end: str | None) -> bool:
    """False if the schedule was stopped meanwhile."""
    return updated(Schedule(schedule.user_id, schedule.schedule_id), actions=[
        Schedule.bank_account_id.set(bank_account_id), Schedule.last4.set(last4),
        Schedule.amount_cents.set(amount_cents) if amount_cents is not None
        else Schedule.amount_cents.remove(),
        Schedule.day_of_month.set(day_of_month), Schedule.run_day.set(run_day(day_of_month)),
        Schedule.start.set(start),
        Schedule.end.set(end) if end else Schedule.end.remove()],
        condition=Schedule.status == "active")


@guarded
def cancel(user_id: str, schedule_id: str, now: datetime) -> bool:
    """False if it was not active."""
    item, actions, condition = cancellation(user_id, schedule_id, now)
    return updated(item, actions=actions, condition=condition)


def cancellation(user_id: str, schedule_id: str, now: datetime) -> Update:
    """Stopping an active schedule, as an update for a transaction (base.Together)."""
    return (Schedule(user_id, schedule_id),
            [Schedule.status.set("cancelled"), Schedule.cancelled_at.set(now),
             Schedule.run_day.remove()],
            Schedule.status == "active")


@guarded
def due_on_day(day_of_month: int, cursor: dict | None = None, limit: int = 100):
    """A page of the active schedules that run on a day of the month, and the next key."""
    return page(Schedule.by_run_day, run_day(day_of_month), cursor, limit)

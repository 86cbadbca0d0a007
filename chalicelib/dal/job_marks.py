"""Marks that a job did something once (a reminder sent, a digest of a day): a conditional
put keyed by the item and the period, so a retried or overlapping run skips it. They
expire after 90 days (TTL)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Sequence

from pynamodb.attributes import (
    JSONAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError
from pynamodb.models import Model

from chalicelib.dal import outbox
from chalicelib.dal.base import TableMeta, guarded, is_condition_failure, table_name
from chalicelib.dal.outbox import Mail

KEEP = timedelta(days=90)


class JobMark(Model):
    class Meta(TableMeta):
        table_name = table_name("job-marks")

    mark = UnicodeAttribute(hash_key=True)  # <job>:<item>:<period>
    at = UTCDateTimeAttribute()
    ttl = TTLAttribute()
    # a run's place in what it reads (cursor:<job>:<what>): where the next run goes on
    cursor = JSONAttribute(null=True)


@guarded
def claim(mark: str, now: datetime, mail: Sequence[Mail] = ()) -> bool:
    """Takes the mark, with the email it stands for; False (and no email) if another run
    (or an earlier one) has it."""
    item = JobMark(mark, at=now, ttl=now + KEEP)
    try:
        outbox.save_new(item, JobMark.mark.does_not_exist(), mail)
    except (PutError, TransactWriteError) as error:
        if is_condition_failure(error):
            return False
        raise
    return True


@guarded
def release(mark: str) -> None:
    """Gives a mark back when the work it stood for failed, so a later run retries."""
    try:
        JobMark(mark).delete()
    except DeleteError as error:
        if not is_condition_failure(error):
            raise


@guarded
def position(mark: str) -> dict | None:
    """Where a job's reading of something stands: the cursor to go on from, or None."""
    try:
        return JobMark.get(mark, consistent_read=True).cursor
    except DoesNotExist:
        return None


@guarded
def save_position(mark: str, cursor: dict | None, now: datetime) -> None:
    """Keeps the place (None: read to the end, the next run starts over)."""
    if cursor is None:
        JobMark(mark).delete()
    else:
        JobMark(mark, at=now, ttl=now + KEEP, cursor=cursor).save()

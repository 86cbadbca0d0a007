"""The activity history of a logon: security-relevant events, newest first."""
from __future__ import annotations

import secrets
import time
from datetime import datetime

from pynamodb.attributes import MapAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, newest_first, table_name


class Event(Model):
    class Meta(TableMeta):
        table_name = table_name("activity")

    user_id = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # <ISO time>#<random>: sorts by time
    event = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    client = UnicodeAttribute(null=True)
    actor = UnicodeAttribute(null=True)  # who did it, when not the user (a delegate, staff)
    detail: MapAttribute[str, str] = MapAttribute(null=True)


@guarded
def event(user_id: str, event: str, now: datetime, *, client: str | None = None,
          actor: str | None = None, **detail: str) -> Event:
    """An event, not saved yet (a transaction may save it with what it records)."""
    # time, then this process's monotonic clock (orders events of one instant), then noise
    order = f"{now.isoformat()}#{time.monotonic_ns():020d}#{secrets.token_hex(3)}"
    return Event(user_id, order, event=event, at=now, client=client, actor=actor,
                 detail=detail or None)


@guarded
def page(user_id: str, limit: int, cursor: str | None) -> tuple[list[Event], str | None]:
    return newest_first(Event, user_id, "user_id", "event_key", limit, cursor)

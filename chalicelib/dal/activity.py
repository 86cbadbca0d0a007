"""The activity history of a logon: security-relevant events, newest first."""
from __future__ import annotations

import base64
import json
import secrets
import time
from datetime import datetime

from pynamodb.attributes import MapAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, table_name


class Event(Model):
    class Meta(TableMeta):
        table_name = table_name("activity")

    user_id = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # <ISO time>#<random>: sorts by time
    event = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    client = UnicodeAttribute(null=True)
    actor = UnicodeAttribute(null=True)  # who did it, when not the user (a delegate, staff)
    detail = MapAttribute(null=True)


def record(user_id: str, event: str, now: datetime, *, client: str | None = None,
           actor: str | None = None, **detail: str) -> None:
    # time, then this process's monotonic clock (orders events of one instant), then noise
    order = f"{now.isoformat()}#{time.monotonic_ns():020d}#{secrets.token_hex(3)}"
    Event(user_id, order, event=event, at=now,
          client=client, actor=actor, detail=detail or None).save()


def _cursor_out(key: dict | None) -> str | None:
    if not key:
        return None
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def _cursor_in(cursor: str | None, user_id: str) -> dict | None:
    """A page cursor back to a key; one for another user's history is refused."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if key["user_id"]["S"] != user_id or set(key) != {"user_id", "event_key"}:
            raise ValueError
        return key
    except (ValueError, KeyError, TypeError):
        raise ValueError("invalid cursor") from None


def page(user_id: str, limit: int, cursor: str | None) -> tuple[list[Event], str | None]:
    results = Event.query(user_id, scan_index_forward=False, limit=limit,
                          last_evaluated_key=_cursor_in(cursor, user_id))
    items = list(results)
    return items, _cursor_out(results.last_evaluated_key)

"""The audit trail's index: each staff event filed under the staff member and under each
member it names, newest first, so a supervisor finds them by either without reading the
trail itself. The trail of record is the Object Lock bucket (integrations/audit_trail.py);
each entry names the object that holds its event."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from pynamodb.attributes import TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, newest_first, table_name

KEPT = timedelta(days=7 * 365)  # as the bucket keeps the events (its default retention)


class AuditEntry(Model):
    class Meta(TableMeta):
        table_name = table_name("audit")

    key = UnicodeAttribute(hash_key=True)  # staff#<user id> | member#<member id>
    order = UnicodeAttribute(range_key=True)  # <ISO time>#<event id>: sorts by time
    event = UnicodeAttribute()  # the event as the trail holds it (JSON)
    trail_key = UnicodeAttribute()  # the trail's object that holds it
    expires = TTLAttribute()


def keys_of(event: dict) -> list[str]:
    """Where an event is filed: its staff member, and the member it is about."""
    found = [f"staff#{event['staff_id']}"]
    if event.get("record", {}).get("member_id"):
        found.append(f"member#{event['record']['member_id']}")
    return found


@guarded
def file(events: list[dict], trail_key: str, now: datetime) -> None:
    """Files each event under its keys (the same event filed again is the same item)."""
    with AuditEntry.batch_write() as batch:
        for event in events:
            for key in keys_of(event):
                batch.save(AuditEntry(key, f"{event['at']}#{event['event_id']}",
                                      event=json.dumps(event, sort_keys=True),
                                      trail_key=trail_key, expires=now + KEPT))


@guarded
def page(key: str, limit: int, cursor: str | None) -> tuple[list[AuditEntry], str | None]:
    return newest_first(AuditEntry, key, "key", "order", limit, cursor)

"""The audit trail of what staff do (issue #24): every request a staff session makes
(each read of a member, a direct deposit, a document, a request; each action) is an
event: who (staff id, role, session), what (the route and the records its path names),
when, and from where (the client's address). The router records it before the view
runs (handlers/routing.py) and a request whose event cannot be queued is refused
(fail closed: nothing is read or done unrecorded). The audit writer (handlers/outbox.py)
appends each batch to the Object Lock bucket and files it for search by staff member
and by member (dal/audit.py)."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.dal import audit as index
from chalicelib.errors import Unavailable, invalid_cursor
from chalicelib.integrations import audit_trail, queue
from chalicelib.observability import logger
from chalicelib.services.scope import Caller

QUEUE = queue.AUDIT
# the path parameters that name a record
RECORDS = ("member_id", "case_id", "confirmation", "thread_id", "user_id", "document_id",
           "letter_id", "submission_id", "payment_id")


def event(caller: Caller, method: str, path: str, params: dict[str, Any], address: str,
          now: datetime) -> dict[str, Any]:
    return {"event_id": secrets.token_hex(8), "at": now.isoformat(),
            "staff_id": caller.actor_id or caller.user_id, "role": caller.role,
            "session_id": caller.session_id, "action": f"{method} {path}",
            "record": {k: str(v) for k, v in params.items() if k in RECORDS},
            "address": address}


def record(caller: Caller, method: str, path: str, params: dict[str, Any], address: str,
           now: datetime) -> None:
    """Queues the event; Unavailable when it cannot be (the request is then refused)."""
    if queue.send(queue.AUDIT, [json.dumps(event(caller, method, path, params, address,
                                                 now))]):
        logger.error("audit event not queued")
        raise Unavailable()


def write(bodies: list[str], now: datetime) -> str:
    """The writer's batch: appended to the trail, then filed for search."""
    events = [json.loads(b) for b in bodies]
    key = audit_trail.append(events)
    index.file(events, key, now)
    return key


@dataclass(frozen=True)
class Found:
    events: list[dict[str, Any]]
    next_cursor: str | None


def search(*, member_id: str | None = None, staff_id: str | None = None, limit: int = 50,
           cursor: str | None = None) -> Found:
    """A member's or a staff member's events, newest first."""
    key = f"member#{member_id}" if member_id else f"staff#{staff_id}"
    try:
        entries, after = index.page(key, limit, cursor)
    except ValueError:
        raise invalid_cursor() from None
    return Found([{**json.loads(e.event), "trail_key": e.trail_key} for e in entries], after)

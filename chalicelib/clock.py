"""The one clock. Services take ``now`` as an argument; handlers and jobs read it here."""
from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)

"""Sessions: opaque bearer tokens, 30 minutes idle and 12 hours at most."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.dal import sessions
from chalicelib.domain.secrets import new_token, token_hash
from chalicelib.errors import Unauthorized

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # activity is written at most once a minute


@dataclass(frozen=True)
class NewSession:
    token: str
    expires_at: datetime
    idle_timeout_seconds: int


@dataclass(frozen=True)
class Caller:
    user_id: str
    session_hash: str


def start(user_id: str, now: datetime) -> NewSession:
    token = new_token()
    expires_at = now + ABSOLUTE_TIMEOUT
    sessions.start(token_hash(token), user_id, now, expires_at, now + IDLE_TIMEOUT)
    return NewSession(token, expires_at, int(IDLE_TIMEOUT.total_seconds()))


def authenticate(token: str | None, now: datetime) -> Caller:
    if not token:
        raise Unauthorized()
    session = sessions.find(token_hash(token))
    if session is None:
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    if now >= session.expires_at or now >= session.last_seen_at + IDLE_TIMEOUT:
        sessions.end(session.token_hash)
        raise Unauthorized("Your session has expired. Sign in again.", code="session_expired")
    if now - session.last_seen_at >= TOUCH_EVERY and not sessions.touch(
            session, now, now + IDLE_TIMEOUT):
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    return Caller(session.user_id, session.token_hash)


def end(caller: Caller) -> None:
    sessions.end(caller.session_hash)


def end_all(user_id: str) -> int:
    return sessions.end_all(user_id)

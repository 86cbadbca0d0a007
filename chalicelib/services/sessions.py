"""Sessions: opaque bearer tokens, 30 minutes idle and 12 hours at most."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.dal import sessions
from chalicelib.dal.sessions import Session
from chalicelib.dal.users import User
from chalicelib.domain.secrets import new_token, token_hash
from chalicelib.errors import NotFound, Unauthorized
from chalicelib.services.scope import Caller

USER_ID = re.compile(r"[0-9a-f]{32}")
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # activity is written at most once a minute


@dataclass(frozen=True)
class NewSession:
    token: str
    expires_at: datetime
    idle_timeout_seconds: int


def start(user_id: str, now: datetime, *, method: str, client: str | None = None,
          role: str = "parent") -> NewSession:
    started, session = opening(user_id, now, method=method, client=client, role=role)
    sessions.save_new(session)
    return started


def opening(user_id: str, now: datetime, *, method: str, client: str | None = None,
            role: str = "parent") -> tuple[NewSession, Session]:
    """A new session and its item, for the transaction that signs in to save."""
    token = f"{user_id}.{new_token()}"  # it names its logon: one read finds both
    expires_at = now + ABSOLUTE_TIMEOUT
    session = sessions.new(token_hash(token), user_id, now, expires_at, now + IDLE_TIMEOUT,
                           session_id=secrets.token_hex(8), method=method, client=client,
                           role=role)
    return NewSession(token, expires_at, int(IDLE_TIMEOUT.total_seconds())), session


def _read(token: str) -> tuple[Session | None, User | None]:
    """The session a token opens and its logon, in one request: the token names its
    logon (<user id>.<secret>; only the whole token's hash is stored, so another user id
    in it finds no session). A token from before tokens named their logon reads its
    session alone (its logon is read when a service asks for it)."""
    user_id, dot, _ = token.partition(".")
    if not dot:
        return sessions.find(token_hash(token)), None
    if not USER_ID.fullmatch(user_id):
        return None, None
    session, user = sessions.find_with_user(token_hash(token), user_id)
    return (session, user) if session is not None and session.user_id == user_id else (None, None)


def authenticate(token: str | None, now: datetime, client: str | None = None) -> Caller:
    if not token:
        raise Unauthorized()
    session, user = _read(token)
    if session is None:
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    if now >= session.expires_at or now >= session.last_seen_at + IDLE_TIMEOUT:
        sessions.end(session.token_hash)
        raise Unauthorized("Your session has expired. Sign in again.", code="session_expired")
    if now - session.last_seen_at >= TOUCH_EVERY and not sessions.touch(
            session, now, now + IDLE_TIMEOUT):
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    return Caller(session.user_id, session.token_hash, session.session_id, client,
                  session.created_at, session.role or "parent", session.acting_as,
                  method=session.method, user=user)


def strengthen(caller: Caller, method: str) -> None:
    """An app or passkey just set up and proven in a session signed in with an emailed
    code: the session now counts as signed in with it (a caseworker's first sign-in goes
    on to the agency's pages without signing in again)."""
    if caller.method in (None, "email"):
        sessions.set_method(caller.session_hash, method)


def active(caller: Caller, now: datetime) -> list[tuple[Session, bool]]:
    """The user's sessions that have not expired, newest first, each with whether it is
    the caller's own."""
    found = [s for s in sessions.of_user(caller.user_id)
             if now < s.expires_at and now < s.last_seen_at + IDLE_TIMEOUT]
    found.sort(key=lambda s: s.created_at, reverse=True)
    return [(s, s.token_hash == caller.session_hash) for s in found]


def end(caller: Caller) -> None:
    sessions.end(caller.session_hash)


def end_one(caller: Caller, session_id: str) -> None:
    for session in sessions.of_user(caller.user_id):
        if session.session_id == session_id:
            sessions.end(session.token_hash)
            return
    raise NotFound("That session was not found.", code="session_not_found")


def end_all(user_id: str, keep: Caller | None = None) -> int:
    """Ends every session of the user, but the caller's own when `keep` is given."""
    return sessions.end_all(user_id, keep=keep.session_hash if keep else None)

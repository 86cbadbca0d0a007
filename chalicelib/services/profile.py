"""The signed-in user's profile."""
from __future__ import annotations

from chalicelib.dal import users
from chalicelib.dal.users import User
from chalicelib.errors import Unauthorized
from chalicelib.services.sessions import Caller


def current_user(caller: Caller) -> User:
    user = users.get(caller.user_id)
    if user is None:
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    return user


def sign_out_others(caller: Caller, now, client: str | None) -> int:
    from chalicelib.services import activity, sessions

    ended = sessions.end_all(caller.user_id, keep=caller)
    activity.record(caller.user_id, "sessions_ended", now, client=client, count=str(ended))
    return ended

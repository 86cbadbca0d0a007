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

"""The signed-in user's own record."""
from __future__ import annotations

from chalice import Blueprint

from chalicelib.handlers.routing import route
from chalicelib.models import lazy
from chalicelib.services import profile
from chalicelib.services.sessions import Caller

bp = Blueprint(__name__)
MeOut = lazy("me").MeOut


@route(bp, "/me", summary="The signed-in user, with the previous sign-in time", tag="Profile",
       response=MeOut)
def me(caller: Caller) -> MeOut:
    user = profile.current_user(caller)
    return MeOut(user_id=user.user_id, email=user.email, first_name=user.first_name,
                 middle_name=user.middle_name, last_name=user.last_name, phone=user.phone,
                 phone_type=user.phone_type, date_of_birth=user.date_of_birth,
                 language=user.language, email_verified_at=user.verified_at,
                 created_at=user.created_at, previous_login_at=user.previous_login_at,
                 last_login_at=user.last_login_at)

"""Manage My Profile, security: two-step methods, recovery codes, sessions, activity."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import activity, mfa, profile, sessions
from chalicelib.services.scope import Caller, current_user

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import security as m
else:
    m = lazy("security")

bp = Routes(__name__)
TAG = "Security"


def _methods(have: mfa.Methods):
    items = []
    if have.email:
        items.append(m.Method(method_id="email", type="email", label="Emailed codes"))
    if have.totp:
        items.append(m.Method(method_id="totp", type="totp", label=have.totp.label,
                              created_at=have.totp.created_at,
                              last_used_at=have.totp.last_used_at))
    items += [m.Method(method_id=p.method_id, type="passkey", label=p.label,
                       created_at=p.created_at, last_used_at=p.last_used_at)
              for p in have.passkeys]
    return m.MethodsOut(methods=items, recovery_codes_left=have.recovery_codes_left)


@route(bp, "/me/mfa", summary="My two-step verification methods", tag=TAG,
       response=m.MethodsOut)
def list_methods(caller: Caller):
    return _methods(mfa.methods_of(current_user(caller)))


@route(bp, "/me/mfa/totp", "POST", summary="Start setting up an authenticator app", tag=TAG,
       response=m.TotpEnrolment, status=201, errors_=(403, 409))
def start_totp(caller: Caller):
    caller.require_recent_sign_in(utc_now())
    secret, uri, svg = mfa.start_totp(current_user(caller), utc_now())
    return m.TotpEnrolment(secret=secret, otpauth_uri=uri, qr_svg=svg)


@route(bp, "/me/mfa/totp/confirm", "POST", summary="Confirm the app with one code", tag=TAG,
       body=m.CodeRequest, response=m.RecoveryCodes, errors_=(404,))
def confirm_totp(caller: Caller, body, client: str):
    codes = mfa.confirm_totp(current_user(caller), body.code, utc_now(), client)
    sessions.strengthen(caller, "totp")
    return m.RecoveryCodes(recovery_codes=codes)


@route(bp, "/me/mfa/passkeys/options", "POST", summary="WebAuthn options to add a passkey",
       tag=TAG, errors_=(403,))
def passkey_options(caller: Caller) -> dict:
    caller.require_recent_sign_in(utc_now())
    return mfa.passkey_options(current_user(caller), utc_now())


@route(bp, "/me/mfa/passkeys", "POST", summary="Add a passkey", tag=TAG,
       body=m.PasskeyRequest, response=m.PasskeyAdded, status=201, errors_=(401, 410))
def add_passkey(caller: Caller, body, client: str):
    item, codes = mfa.add_passkey(current_user(caller), body.credential, body.label,
                                  utc_now(), client)
    sessions.strengthen(caller, "passkey")
    return m.PasskeyAdded(recovery_codes=codes, method=m.Method(
        method_id=item.method_id, type="passkey", label=item.label, created_at=item.created_at))


@route(bp, "/me/mfa/email", "POST", summary="Turn emailed codes back on (weaker than an app "
       "or a passkey): the password and a sign-in in the last 15 minutes", tag=TAG,
       body=m.PasswordRequest, status=204, errors_=(403, 429))
def enable_email(caller: Caller, body, client: str) -> None:
    caller.require_recent_sign_in(utc_now())
    mfa.enable_email_codes(current_user(caller), body.password, utc_now(), client)


@route(bp, "/me/mfa/keep-email", "POST", summary="Keep emailed codes: the answer to the "
       "offer of an app or a passkey a new logon sees after its first sign-in", tag=TAG,
       status=204)
def keep_email(caller: Caller) -> None:
    mfa.keep_email_codes(current_user(caller))


@route(bp, "/me/mfa/remove", "POST", summary="Remove a method (never the last one)", tag=TAG,
       body=m.RemoveMethodRequest, status=204, errors_=(403, 404, 409, 429))
def remove_method(caller: Caller, body, client: str) -> None:
    mfa.remove(current_user(caller), body.method_id, body.password, utc_now(), client)


@route(bp, "/me/mfa/recovery-codes", "POST", summary="Replace my recovery codes", tag=TAG,
       body=m.PasswordRequest, response=m.RecoveryCodes, errors_=(403, 409, 429))
def new_recovery_codes(caller: Caller, body, client: str):
    codes = mfa.regenerate_recovery_codes(current_user(caller), body.password,
                                          utc_now(), client)
    return m.RecoveryCodes(recovery_codes=codes)


@route(bp, "/me/sessions", summary="My active sessions", tag=TAG, response=m.SessionsOut)
def list_sessions(caller: Caller):
    return m.SessionsOut(sessions=[
        m.SessionInfo(session_id=s.session_id, current=current, client=s.client,
                      method=s.method, created_at=s.created_at, last_seen_at=s.last_seen_at)
        for s, current in sessions.active(caller, utc_now())])


@route(bp, "/me/sessions/{session_id}", "DELETE", summary="Sign out one session", tag=TAG,
       status=204, errors_=(404,))
def end_session(caller: Caller, session_id: str) -> None:
    sessions.end_one(caller, session_id)


@route(bp, "/me/sessions/end-others", "POST", summary="Sign out every other session",
       tag=TAG, response=m.Ended)
def end_other_sessions(caller: Caller):
    ended = profile.sign_out_others(caller, utc_now())
    return m.Ended(ended=ended)


@route(bp, "/me/activity", summary="My activity, newest first", tag=TAG,
       query=m.ActivityQuery, response=m.ActivityPage, errors_=(422,))
def list_activity(caller: Caller, query):
    items, cursor = activity.history(caller.user_id, query.limit, query.cursor)
    return m.ActivityPage(next_cursor=cursor, items=[
        m.ActivityItem(event=e.event, at=e.at, client=e.client, actor=e.actor,
                       detail=e.detail.as_dict() if e.detail else None) for e in items])

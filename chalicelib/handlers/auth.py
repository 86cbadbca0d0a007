"""Registration, email verification, sign-in, sign-out and password reset."""
from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from chalice import Response

from chalicelib import language
from chalicelib.clock import utc_now
from chalicelib.domain.security_questions import QUESTIONS, question_text
from chalicelib.handlers import cookies
from chalicelib.handlers.routing import JSON, Routes, route
from chalicelib.models import lazy
from chalicelib.services import (
    case_numbers,
    password_reset,
    registration,
    sessions,
    signin,
    usernames,
)
from chalicelib.services.scope import Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import auth as m
    from chalicelib.models import cases as cases_m
    from chalicelib.models.common import Accepted
else:
    m = lazy("auth")
    cases_m = lazy("cases")
    Accepted = lazy("common").Accepted

bp = Routes(__name__)
TAG = "Sign-in"
CHECK_EMAIL = "If the address can be used, we sent an email to it. Check your inbox and spam folder."


@route(bp, "/auth/security-questions", summary="The security questions a user can choose from",
       tag=TAG, query=m.LanguageQuery, response=m.SecurityQuestions, auth=False)
def security_questions(query) -> m.SecurityQuestions:
    return m.SecurityQuestions(questions=[
        m.SecurityQuestion(question_id=q, text=question_text(q, query.lang)) for q in QUESTIONS])


@route(bp, "/auth/register", "POST", summary="Create a web logon (always 202: no enumeration)",
       tag=TAG, body=m.RegisterRequest, response=Accepted, status=202, auth=False, limit="register", target="email")
def register(body: m.RegisterRequest) -> Accepted:
    registration.request(registration.Registration(
        email=body.email, password=body.password, first_name=body.first_name,
        middle_name=body.middle_name, last_name=body.last_name, phone=body.phone,
        phone_type=body.phone_type, language=body.language,
        date_of_birth=body.date_of_birth.isoformat() if body.date_of_birth else None,
        security_answers=[(q.question_id, q.answer) for q in body.security_questions]),
        utc_now())
    return Accepted(message=CHECK_EMAIL)


@route(bp, "/auth/verify-email", "POST", summary="Verify an email address with the emailed link",
       tag=TAG, body=m.TokenRequest, response=m.VerifiedEmail, auth=False, errors_=(400, 410), limit="link")
def verify_email(body: m.TokenRequest) -> m.VerifiedEmail:
    return m.VerifiedEmail(email=registration.verify_email(body.token, utc_now()))


@route(bp, "/auth/verify-email/resend", "POST", summary="Send a new verification link",
       tag=TAG, body=m.EmailRequest, response=Accepted, status=202, auth=False, limit="resend", target="email")
def resend_verification(body: m.EmailRequest) -> Accepted:
    registration.resend_later(body.email, utc_now())
    return Accepted(message=CHECK_EMAIL)


@route(bp, "/auth/forgot-case-number", "POST",
       summary="Email my case numbers to the address the agency has for me (SSN, date of "
               "birth and mailing ZIP; no logon needed)",
       tag=TAG, body=cases_m.ForgotCaseNumber, response=Accepted, status=202, auth=False,
       limit="case_numbers", target="ssn")
def forgot_case_number(body) -> Accepted:
    case_numbers.ask(body.ssn, body.date_of_birth, body.zip, language.current(), utc_now())
    return Accepted(message="If the details match a member with an email address on file, "
                            "we emailed the case numbers to it.")


@route(bp, "/auth/forgot-username", "POST",
       summary="Email the address of my logon to the address the agency has for me "
               "(member or case number, last name, date of birth)",
       tag=TAG, body=cases_m.ForgotUsername, response=Accepted, status=202, auth=False,
       limit="username", target="number")
def forgot_username(body) -> Accepted:
    usernames.ask(body.member_id, body.case_id, body.last_name, body.date_of_birth,
                  language.current(), utc_now())
    return Accepted(message="If the details match a member with a logon and an email "
                            "address on file, we emailed the logon's address to it.")


def _challenge(challenge: signin.Challenge):
    return m.LoginChallenge(challenge_id=challenge.challenge_id, methods=list(challenge.methods),
                            sent_to=challenge.sent_to, expires_at=challenge.expires_at)


def _device(client: str) -> tuple[str, str | None]:
    """The device signing in (services/devices.py): the web client's device cookie, made
    now when the browser has none (returned, to set); another client, by its description."""
    headers = bp.current_request.headers
    if not cookies.from_web_client(headers):
        return f"client:{client}", None
    found = cookies.device_id(headers)
    if found:
        return found, None
    made = secrets.token_urlsafe(16)
    return made, made


def _session(session: sessions.NewSession, new_device: str | None = None) -> m.SessionOut | Response:
    """The new session: its token for a client that sends it as a bearer token, or, for the
    web client, in its cookie and not in the answer (cookies.py), with the device cookie
    of a browser that had none."""
    if not cookies.from_web_client(bp.current_request.headers):
        return m.SessionOut(token=session.token, expires_at=session.expires_at,
                            idle_timeout_seconds=session.idle_timeout_seconds)
    out = m.SessionOut(token=None, expires_at=session.expires_at,
                       idle_timeout_seconds=session.idle_timeout_seconds)
    lasts = round((session.expires_at - utc_now()).total_seconds())  # the session's 12 hours
    set_cookies = [cookies.set_session(session.token, lasts)]
    if new_device:
        set_cookies.append(cookies.set_device(new_device))
    return Response(out.model_dump(mode="json"), status_code=200,
                    headers={**JSON, "Set-Cookie": set_cookies})


@route(bp, "/auth/login", "POST", summary="Check email and password; opens the second step",
       tag=TAG, body=m.LoginRequest, response=m.LoginChallenge, auth=False,
       errors_=(401, 403, 429, 503), limit="login", target="email",
       ahead=lambda body: signin.reading(body.email, utc_now()))
def login(body: m.LoginRequest, client: str, ahead) -> m.LoginChallenge:
    return _challenge(signin.start(body.email, body.password, utc_now(), client, read=ahead))


@route(bp, "/auth/login/email-code", "POST", summary="Email a (new) code for the second step",
       tag=TAG, body=m.ChallengeRequest, response=m.LoginChallenge, auth=False,
       errors_=(401, 403, 410, 429, 503), limit="second_step")
def login_email_code(body: m.ChallengeRequest) -> m.LoginChallenge:
    return _challenge(signin.send_email_code(body.challenge_id, utc_now()))


@route(bp, "/auth/login/passkey-options", "POST",
       summary="WebAuthn options to pass the second step with a passkey", tag=TAG,
       body=m.ChallengeRequest, auth=False, errors_=(401, 410), limit="second_step")
def login_passkey_options(body: m.ChallengeRequest) -> dict:
    return signin.passkey_options(body.challenge_id, utc_now())


@route(bp, "/auth/login/verify", "POST",
       summary="Pass the second step (email, totp, recovery_code or passkey)", tag=TAG,
       body=m.LoginVerifyRequest, response=m.SessionOut, auth=False, errors_=(401, 410, 429),
       limit="second_step", ahead=lambda body: signin.opening(
           body.challenge_id, body.method, code=body.code, credential=body.credential))
def login_verify(body: m.LoginVerifyRequest, client: str, ahead) -> m.SessionOut | Response:
    device, new = _device(client)
    return _session(signin.finish(body.challenge_id, body.method, utc_now(), code=body.code,
                                  credential=body.credential, client=client, device=device,
                                  read=ahead), new)


@route(bp, "/auth/passkey/options", "POST",
       summary="WebAuthn options to sign in with a passkey alone (no password)", tag=TAG,
       auth=False, limit="second_step")
def passkey_options() -> dict:
    return signin.passkey_sign_in_options(utc_now())


@route(bp, "/auth/passkey/verify", "POST", summary="Sign in with a passkey alone", tag=TAG,
       body=m.PasskeySignInRequest, response=m.SessionOut, auth=False, errors_=(401, 410), limit="second_step")
def passkey_sign_in(body: m.PasskeySignInRequest, client: str) -> m.SessionOut | Response:
    device, new = _device(client)
    return _session(signin.passkey_sign_in(body.credential, utc_now(), client, device), new)


@route(bp, "/auth/logout", "POST", summary="Sign out this session", tag=TAG, status=204,
       permission="any")
def logout(caller: Caller) -> Response:
    sessions.end(caller)
    return Response("", status_code=204, headers={"Set-Cookie": cookies.clear_session()})


@route(bp, "/auth/password/forgot", "POST", summary="Email a password reset link",
       tag=TAG, body=m.EmailRequest, response=Accepted, status=202, auth=False, limit="forgot", target="email")
def forgot_password(body: m.EmailRequest) -> Accepted:
    password_reset.forgot_later(body.email, utc_now())
    return Accepted(message=CHECK_EMAIL)


@route(bp, "/auth/password/reset/questions", "POST",
       summary="The security questions to answer for a reset link", tag=TAG,
       body=m.TokenRequest, response=m.SecurityQuestions, auth=False, errors_=(400, 410), limit="link")
def reset_questions(body: m.TokenRequest) -> m.SecurityQuestions:
    found, other_ways = password_reset.questions(body.token, utc_now())
    return m.SecurityQuestions(questions=[m.SecurityQuestion(question_id=q, text=t)
                                          for q, t in found], other_ways=other_ways,
                               choose_new=not found)


@route(bp, "/auth/password/reset", "POST",
       summary="Set a new password with the link and a security answer (or an app or "
               "recovery code); signs out everywhere",
       tag=TAG, body=m.ResetRequest, status=204, auth=False, errors_=(400, 403, 410, 429), limit="link")
def reset_password(body: m.ResetRequest, client: str) -> None:
    second = body.second_factor
    proof = password_reset.Proof(body.question_id, body.answer,
                                 second.method if second else None, second.code if second else None,
                                 tuple((q.question_id, q.answer)
                                       for q in body.security_questions or ()))
    password_reset.reset(body.token, proof, body.new_password, utc_now(), client)

"""Forgot password: an emailed link valid 1 hour, then a security question, or (for a person
who cannot answer it, login.gov's way) a code from their authenticator app or one of their
recovery codes, then a new password."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.dal import tokens, users
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import verify_secret
from chalicelib.domain.security_questions import normalize_answer, question_text
from chalicelib.errors import Forbidden, Gone
from chalicelib.services import activity, links, lockouts, mfa, notices, sessions
from chalicelib.services.passwords import check_new_password, set_password


def forgot(email_address: str, now: datetime) -> None:
    """Emails a reset link to an active logon; a pending one gets its verification link."""
    user = users.find_by_email(email_key(email_address))
    if user is None:
        return
    notices.send_link(user, "password_reset" if user.status == "active" else "verify_email", now)


def _user_of(token: str, now: datetime) -> tuple[tokens.Token, User]:
    record = links.valid_token(token, "password_reset", now)
    user = users.get(record.user_id)
    if user is None:
        raise Gone("This link can no longer be used.", code="token_voided")
    return record, user


def questions(token: str, now: datetime) -> tuple[list[tuple[str, str]], list[str]]:
    """The security questions of the link's user, in their language, to choose one, and
    the other ways they have to prove it is them ("totp", "recovery_code")."""
    _, user = _user_of(token, now)
    return ([(a.question_id, question_text(a.question_id, user.language))
             for a in user.security_answers], _other_ways(user))


def _other_ways(user: User) -> list[str]:
    have = mfa.methods_of(user)
    return ([m for m in ("totp",) if have.totp is not None]
            + (["recovery_code"] if have.recovery_codes_left else []))


@dataclass(frozen=True)
class Proof:
    """What the person answers with the link: a security answer, or a second factor."""
    question_id: str | None = None
    answer: str | None = None
    method: str | None = None  # totp | recovery_code
    code: str | None = None


def reset(token: str, proof: Proof, new_password: str, now: datetime,
          client: str | None = None) -> None:
    record, user = _user_of(token, now)
    if proof.method:
        _second_factor(record, user, proof, now, client)
    else:
        stored = next((a.answer_hash for a in user.security_answers
                       if a.question_id == proof.question_id), None)
        if not verify_secret(stored, normalize_answer(proof.answer or "")):
            raise _wrong(record, "The answer to the security question is not correct.",
                         "wrong_security_answer")
    check_new_password(user, new_password)
    links.use_token(record, now)
    set_password(user, new_password, now)
    sessions.end_all(user.user_id)
    activity.record(user.user_id, "password_reset", now, client=client,
                    mail=notices.notice(user, "password_changed", now, changed_at=now))
    lockouts.unlock_password(user.email)


def _second_factor(record: tokens.Token, user: User, proof: Proof, now: datetime,
                   client: str | None) -> None:
    """An app code or a recovery code in place of the answer: counted with the second
    steps of sign-in (lockouts) and against the link's own tries."""
    if not mfa.counted_code(user, proof.method or "", proof.code or "", now, client):
        raise _wrong(record, "The code is not correct.", "wrong_second_factor")


def _wrong(record: tokens.Token, message: str, code: str) -> Forbidden | Gone:
    remaining = links.MAX_ATTEMPTS - tokens.count_failure(record.token_hash, links.MAX_ATTEMPTS)
    if remaining <= 0:
        return Gone("Too many wrong answers. Ask for a new link.", code="token_voided")
    return Forbidden(message, code=code, attempts_remaining=remaining)

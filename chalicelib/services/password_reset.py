"""Forgot password: an emailed link valid 1 hour, a security question, a new password."""
from __future__ import annotations

from datetime import datetime

from chalicelib.dal import tokens, users
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import verify_secret
from chalicelib.domain.security_questions import normalize_answer, question_text
from chalicelib.errors import Forbidden, Gone
from chalicelib.services import activity, links, lockouts, notices, sessions
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


def questions(token: str, now: datetime) -> list[tuple[str, str]]:
    """The security questions of the link's user, in their language, to choose one."""
    _, user = _user_of(token, now)
    return [(a.question_id, question_text(a.question_id, user.language))
            for a in user.security_answers]


def reset(token: str, question_id: str, answer: str, new_password: str, now: datetime,
          client: str | None = None) -> None:
    record, user = _user_of(token, now)
    stored = next((a.answer_hash for a in user.security_answers if a.question_id == question_id), None)
    if not verify_secret(stored, normalize_answer(answer)):
        remaining = links.MAX_ATTEMPTS - tokens.count_failure(record.token_hash, links.MAX_ATTEMPTS)
        if remaining <= 0:
            raise Gone("Too many wrong answers. Ask for a new link.", code="token_voided")
        raise Forbidden("The answer to the security question is not correct.",
                        code="wrong_security_answer", attempts_remaining=remaining)
    check_new_password(user, new_password)
    links.use_token(record, now)
    set_password(user, new_password, now)
    sessions.end_all(user.user_id)
    activity.record(user.user_id, "password_reset", now, client=client,
                    mail=notices.notice(user, "password_changed", now, changed_at=now))
    lockouts.unlock_password(user.email)

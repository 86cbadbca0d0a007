"""Forgot password: an emailed link valid 1 hour, then a security question, or (for a person
who cannot answer it, login.gov's way) a code from their authenticator app or one of their
recovery codes, then a new password. A person with neither calls the agency, which
checks who they are and clears the questions (`reset_by_agency`): its link asks for a
new password and new questions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.dal import agency, tokens, users
from chalicelib.dal.users import SecurityAnswer, User
from chalicelib.domain.contact import email_key, mask_email
from chalicelib.domain.secrets import hash_secret, verify_secret
from chalicelib.domain.security_questions import normalize_answer, question_text
from chalicelib.errors import Forbidden, Gone, InvalidInput, NotFound
from chalicelib.observability import logger
from chalicelib.services import activity, links, lockouts, mfa, notices, sessions
from chalicelib.services.passwords import check_new_password, set_password


def forgot_later(email_address: str, now: datetime) -> None:
    """The public route's: whether a logon has the address is decided by the work
    queue's function once the request has answered (services/public_work.py)."""
    notices.later("forgot", now, email=email_address)


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
    return ((["totp"] if have.totp is not None else [])
            + (["recovery_code"] if have.recovery_codes_left else []))


@dataclass(frozen=True)
class Proof:
    """What the person answers with the link: a security answer, or a second factor."""
    question_id: str | None = None
    answer: str | None = None
    method: str | None = None  # totp | recovery_code
    code: str | None = None
    # new questions: only (and then always) when the agency cleared the person's
    new_questions: tuple[tuple[str, str], ...] = ()


def reset(token: str, proof: Proof, new_password: str, now: datetime,
          client: str | None = None) -> None:
    record, user = _user_of(token, now)
    if not user.security_answers:  # cleared by the agency, which checked who called
        if not proof.new_questions:
            raise InvalidInput("Choose new security questions.",
                               code="security_questions_required",
                               fields={"security_questions": "Choose new security questions."})
        user.security_answers = [SecurityAnswer(question_id=q, answer_hash=hash_secret(
            normalize_answer(a))) for q, a in proof.new_questions]
    elif proof.method:
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


def reset_by_agency(staff_id: str, member_id: str, how_checked: str, now: datetime) -> str:
    """For a person with no way back of their own (no answer, no app, no recovery code),
    once the agency has checked who is calling against the member's record: their
    logon's security questions are cleared, every session ends, and a reset link (24
    hours) goes to the address on file, in which they choose a new password and new
    questions. Recorded in the member's activity, the caseworker's and the log. Returns
    the masked address the link went to."""
    profile = agency.member(member_id)
    if profile is None:
        raise NotFound("No member has that number.", code="member_not_found")
    user = users.get(profile.linked_user_id) if profile.linked_user_id else None
    if user is None or user.status != "active":
        raise NotFound("This member has no portal logon to reset.", code="no_logon")
    user.security_answers = []
    users.save_changes(user)
    sessions.end_all(user.user_id)
    notices.send_link(user, "agency_reset", now, limited=False)
    activity.record(user.user_id, "security_questions_cleared", now, actor="the agency")
    activity.record(staff_id, "agency_reset_sent", now, member_id=member_id,
                    how_checked=how_checked)
    logger.info("agency reset sent", extra={"staff_id": staff_id, "member_id": member_id})
    return mask_email(user.email)


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

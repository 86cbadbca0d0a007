"""Creating a web logon and verifying its email (AZCARES and Alaska flows)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.dal import users
from chalicelib.dal.users import Phone, SecurityAnswer, User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.domain.security_questions import normalize_answer
from chalicelib.errors import BadRequest, Gone
from chalicelib.observability import logger, metrics
from chalicelib.services import links, notices, terms
from chalicelib.services.passwords import check_password


@dataclass
class Registration:
    email: str
    password: str
    first_name: str
    last_name: str
    phone: str
    language: str = "en"
    middle_name: str | None = None
    date_of_birth: str | None = None
    phone_type: str | None = None
    security_answers: list[tuple[str, str]] = field(default_factory=list)


UNVERIFIED_DAYS = timedelta(days=7)  # then the registration is purged, the email freed


def request(reg: Registration, now: datetime) -> None:
    """A registration from the public route: its password checked and hashed here, and
    the rest (is the address taken?) decided by the work queue's function once the
    request has answered, so the answer and its time say nothing about the address
    (services/public_work.py)."""
    notices.later("register", now, user=users.to_text(_new_logon(reg, now)))


def register(reg: Registration, now: datetime) -> None:
    """Creates a pending logon and emails a verification link, now."""
    decide(_new_logon(reg, now), now)


def _new_logon(reg: Registration, now: datetime) -> User:
    check_password(reg.password, [reg.first_name, reg.last_name, reg.middle_name, reg.email,
                                  reg.phone, reg.date_of_birth])
    password_hash = hash_secret(reg.password)
    return User(
        uuid.uuid4().hex, email=reg.email.strip(), first_name=reg.first_name,
        last_name=reg.last_name, middle_name=reg.middle_name, date_of_birth=reg.date_of_birth,
        phones=[Phone(number=reg.phone, type=reg.phone_type)], language=reg.language,
        status="pending",
        password_hash=password_hash, password_history=[password_hash], password_changed_at=now,
        security_answers=[SecurityAnswer(question_id=q, answer_hash=hash_secret(normalize_answer(a)))
                          for q, a in reg.security_answers],
        terms_accepted_at=now, terms_version=terms.version(), created_at=now,
        two_step_offer=True,
        unverified_until=(now + UNVERIFIED_DAYS).date().isoformat())


def decide(user: User, now: datetime) -> None:
    """Saves a new pending logon and emails its verification link. Whether or not the
    address was already registered, the caller saw the same result; the owner of a
    registered address is told by email instead. A registration of an address still
    pending replaces the pending one, whose links stop working."""
    if users.create(user, email_key(user.email)):
        metrics.add_metric(name="Registrations", unit="Count", value=1)
        logger.append_keys(user_id=user.user_id)
        notices.send_link(user, "verify_email", now)
        return
    existing = users.find_by_email(email_key(user.email))
    if existing is None:  # claimed by a user that no longer exists: nothing to tell
        return
    if existing.status == "pending":
        # the newest registration wins: had the first one's link been sent again, whoever
        # registered someone else's address first would own the logon once its owner,
        # registering, clicked it (account pre-hijacking)
        if users.replace_pending(existing, user, now):
            notices.send_link(existing, "verify_email", now)
    else:
        notices.send_notice(existing, "already_registered", now, unsolicited=True,
                            sign_in_link=notices.page_link("sign-in"))


def verify_email(token: str, now: datetime) -> str:
    """Opens a verification link: a new logon's (activating it) or an address added to a
    profile (confirming it). Returns the address verified."""
    record = links.valid_token(token, ("verify_email", "add_email"), now)
    user = users.get(record.user_id)
    if user is None:
        raise BadRequest("This link is not valid.", code="invalid_token")
    if (record.purpose == "verify_email" and user.links_from
            and record.created_at < user.links_from):
        raise Gone("This link was replaced: the address was registered again. Use the "
                   "newest link we emailed.", code="token_replaced")
    links.use_token(record, now)
    if record.purpose == "add_email" and record.email:
        # cold start: 20 ms (the profile's services), for an added address's link only
        from chalicelib.services import profile

        profile.confirm_added_email(user, record.email, now)
        return record.email
    users.activate(user, now)
    return user.email


def resend_later(email: str, now: datetime) -> None:
    """The public route's: decided by the work queue's function (as `request`)."""
    notices.later("resend", now, email=email)


def resend_verification(email: str, now: datetime) -> None:
    user = users.find_by_email(email_key(email))
    if user is not None and user.status == "pending":
        notices.send_link(user, "verify_email", now)

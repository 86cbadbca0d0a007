"""Forgot username: the logon is the email address, and a parent who forgot which one
they signed up with gives their member number or case number, last name and date of
birth. The address of the logon linked to that member is emailed to the address the
agency has on file for them (never shown), and the logon's own address is told that it
was asked for, with both addresses masked (j***@g***.com). The request answers the same
whether or not anything matched: the work queue's function decides (public_work.py).
Limited per client address and per number asked about, and three a day to one member."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from chalicelib.dal import outbox, throttles, users
from chalicelib.domain.contact import hint
from chalicelib.domain.identity import same_name
from chalicelib.observability import logger
from chalicelib.services import notices
from chalicelib.services.association import Identity, candidates_of

EMAILS_PER_MEMBER = 3  # a day
DAY = timedelta(days=1)


def ask(member_id: str | None, case_id: str | None, last_name: str, date_of_birth: date,
        language: str, now: datetime) -> None:
    notices.later("username", now, member_id=member_id, case_id=case_id,
                  last_name=last_name, date_of_birth=date_of_birth.isoformat(),
                  language=language)


def send(member_id: str | None, case_id: str | None, last_name: str, date_of_birth: str,
         language: str, now: datetime) -> None:
    for member in candidates_of(Identity(last_name, "", date_of_birth, member_id, case_id)):
        if not (same_name(member.last_name, last_name) and member.date_of_birth == date_of_birth
                and member.email and member.linked_user_id):
            continue
        user = users.get(member.linked_user_id)
        if user is None or user.status != "active":
            continue
        if not throttles.allow(f"username#{member.member_id}", now, DAY, EMAILS_PER_MEMBER):
            logger.warning("username reminders for a member at their daily limit")
            continue
        mail = [outbox.compose(member.email, "username_reminder", language,
                               {"first_name": member.first_name or "", "logon": user.email},
                               now)]
        if user.email.lower() != member.email.lower():
            mail.append(outbox.compose(user.email, "username_asked", user.language, {
                "first_name": user.first_name, "logon": hint(user.email),
                "sent_to": hint(member.email)}, now))
        outbox.save(mail=mail)

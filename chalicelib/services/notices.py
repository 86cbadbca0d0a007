"""Account emails: every message that carries a link or code goes through here,
rate-limited per user so the portal cannot be used to flood an inbox."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.dal import throttles, tokens
from chalicelib.dal.users import User
from chalicelib.domain.secrets import new_token, token_hash
from chalicelib.errors import Unavailable
from chalicelib.integrations import email
from chalicelib.observability import logger
from chalicelib.settings import get_settings

EMAILS_PER_HOUR = 5
LINKS = {  # purpose: (page of the web client, how long the link lasts, template)
    "verify_email": ("verify-email", timedelta(hours=24), "verify_email"),
    "password_reset": ("reset-password", timedelta(hours=1), "password_reset"),
    "add_email": ("verify-email", timedelta(hours=24), "confirm_email"),
}


def may_email(user_id: str, now: datetime) -> bool:
    if throttles.allow(f"mail#{user_id}", now, timedelta(hours=1), EMAILS_PER_HOUR):
        return True
    logger.warning("email suppressed by rate limit")
    return False


def page_link(page: str, **query: str) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"{get_settings().web_base_url}/{page}" + (f"?{params}" if params else "")


def send_link(user: User, purpose: str, now: datetime, to: str | None = None) -> None:
    """Issues a single-use link token for the purpose and emails it to the user (or to
    `to`, an address of theirs to confirm)."""
    if not may_email(user.user_id, now):
        return
    page, lifetime, template = LINKS[purpose]
    token = new_token()
    expires_at = now + lifetime
    tokens.issue(token_hash(token), purpose=purpose, user_id=user.user_id, now=now,
                 expires_at=expires_at, email=to)
    email.send(to or user.email, template, user.language, first_name=user.first_name,
               link=page_link(page, token=token), expires_at=expires_at, address=to)


def send_notice(user: User, template: str, now: datetime, to: str | None = None,
                unsolicited: bool = False, **context: Any) -> None:
    """An informational email: if it cannot be sent, what it reports still stands.

    A notice of something done in the account (a payment, a security change) is always
    sent: were it rate-limited, whoever holds a logon could first use up the parent's
    emails (forgot password five times) and then move their money unseen. Only a notice
    anyone can cause without signing in (`unsolicited`) counts against the limit."""
    if unsolicited and not may_email(user.user_id, now):
        return
    try:
        email.send(to or user.email, template, user.language, first_name=user.first_name,
                   **context)
    except Unavailable:
        logger.warning("notice not sent", extra={"template": template})


def send_reminder(user: User, template: str, to: str | None = None, **context: Any) -> None:
    """A scheduled reminder: raises Unavailable if it cannot be sent, so that the job
    gives its mark back and a later run tries again."""
    email.send(to or user.email, template, user.language, first_name=user.first_name,
               **context)

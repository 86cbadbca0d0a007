"""Account emails: every message is composed here for the outbox (dal/outbox.py), and
those that carry a link are rate-limited per user so the portal cannot be used to flood
an inbox."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.dal import outbox, throttles, tokens
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.domain.secrets import new_token, token_hash
from chalicelib.observability import logger
from chalicelib.settings import get_settings

EMAILS_PER_HOUR = 5
LINKS = {  # purpose: (page of the web client, how long the link lasts, template)
    "verify_email": ("verify-email", timedelta(hours=24), "verify_email"),
    "password_reset": ("reset-password", timedelta(hours=1), "password_reset"),
    "add_email": ("verify-email", timedelta(hours=24), "confirm_email"),
    # the agency's reset, after it checked who called: a password reset link that asks
    # for new security questions in place of the cleared ones
    "agency_reset": ("reset-password", timedelta(hours=24), "agency_reset"),
}
PURPOSE = {"agency_reset": "password_reset"}  # the token a link kind issues, when another


def may_email(user_id: str, now: datetime) -> bool:
    if throttles.allow(f"mail#{user_id}", now, timedelta(hours=1), EMAILS_PER_HOUR):
        return True
    logger.warning("email suppressed by rate limit")
    return False


def page_link(page: str, **query: str) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"{get_settings().web_base_url}/{page}" + (f"?{params}" if params else "")


def message(user: User, template: str, now: datetime, to: str | None = None,
            language: str | None = None, key: str | None = None, **context: Any) -> Mail:
    """A message to the user (or to `to`), not saved yet: the write of what it is about
    saves it (dal/outbox.py), and the mail worker sends it. A `key` makes it one of a
    kind (outbox.save_once)."""
    return outbox.compose(to or user.email, template, language or user.language,
                          {"first_name": user.first_name, **context}, now, key=key)


def send_link(user: User, purpose: str, now: datetime, to: str | None = None,
              limited: bool = True) -> None:
    """Issues a single-use link token for the purpose and emails it to the user (or to
    `to`, an address of theirs to confirm): the token and its message in one write.
    `limited`: counted against the user's emails an hour (not when staff send it)."""
    if limited and not may_email(user.user_id, now):
        return
    page, lifetime, template = LINKS[purpose]
    token = new_token()
    expires_at = now + lifetime
    tokens.issue(token_hash(token), purpose=PURPOSE.get(purpose, purpose),
                 user_id=user.user_id, now=now,
                 expires_at=expires_at, email=to,
                 mail=[message(user, template, now, to=to, link=page_link(page, token=token),
                               expires_at=expires_at, address=to)])


def notice(user: User, template: str, now: datetime, to: str | None = None,
           unsolicited: bool = False, **context: Any) -> list[Mail]:
    """An informational email, for the write of the change it reports (none when a
    notice anyone can cause is over the limit).

    A notice of something done in the account (a payment, a security change) is always
    sent: were it rate-limited, whoever holds a logon could first use up the parent's
    emails (forgot password five times) and then move their money unseen. Only a notice
    anyone can cause without signing in (`unsolicited`) counts against the limit."""
    if unsolicited and not may_email(user.user_id, now):
        return []
    return [message(user, template, now, to=to, **context)]


def later(kind: str, now: datetime, **context: Any) -> None:
    """A public request's work, done by the work queue's function once the request has
    answered (services/public_work.py): one write, whatever the work will find."""
    outbox.save(mail=[work(kind, now, **context)])


def work(kind: str, now: datetime, key: str | None = None, **context: Any) -> Mail:
    """Work for the work queue's function, not saved yet: the write it follows saves it."""
    return outbox.compose_work(kind, context, now, key=key)


def send_notice(user: User, template: str, now: datetime, to: str | None = None,
                unsolicited: bool = False, **context: Any) -> None:
    """A notice that no write of its own goes with: queued alone."""
    outbox.save(mail=notice(user, template, now, to, unsolicited, **context))

"""Sign-in: a password never signs in alone; it opens a challenge answered by a code."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.dal import throttles, tokens, users
from chalicelib.domain.contact import email_key, mask_email
from chalicelib.domain.secrets import code_hash, new_code, new_token, same, token_hash, verify_secret
from chalicelib.errors import Forbidden, Gone, Throttled, Unauthorized
from chalicelib.integrations import email
from chalicelib.observability import logger, metrics
from chalicelib.services import sessions

FAILURE_WINDOW = timedelta(minutes=15)
FAILURE_LIMIT = 5
LOCKOUT = timedelta(minutes=15)
CODE_LIFETIME = timedelta(minutes=5)
CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class Challenge:
    challenge_id: str
    expires_at: datetime
    methods: tuple[str, ...]
    sent_to: str


def _locked(until: datetime, now: datetime) -> Throttled:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return Throttled(f"Too many failed sign-in attempts. Try again in {minutes} minutes.",
                     code="sign_in_locked", retry_after=int((until - now).total_seconds()))


def lock_key(email_address: str) -> str:
    """The throttle key of an address's password sign-in; it carries no email in clear."""
    return f"signin#{token_hash(email_key(email_address))}"


def start(email_address: str, password: str, now: datetime) -> Challenge:
    """Checks the password; on success emails a 6-digit code valid 5 minutes."""
    key = email_key(email_address)
    lock = lock_key(key)
    state = throttles.status(lock, now)
    if state.locked_until:
        raise _locked(state.locked_until, now)
    user = users.find_by_email(key)
    if not verify_secret(user.password_hash if user else None, password):
        metrics.add_metric(name="SignInFailures", unit="Count", value=1)
        until = throttles.record_failure(lock, now, FAILURE_WINDOW, FAILURE_LIMIT, LOCKOUT)
        if until:
            logger.warning("sign-in locked")
            raise _locked(until, now)
        raise Unauthorized("The email or password is not correct.", code="invalid_credentials")
    if state.hits:
        throttles.clear(lock)
    if user.status != "active":
        raise Forbidden("Verify your email address before you sign in. "
                        "We can send you a new link.", code="email_not_verified")
    logger.append_keys(user_id=user.user_id)
    challenge_id, code = new_token(), new_code()
    expires_at = now + CODE_LIFETIME
    tokens.issue(token_hash(challenge_id), purpose="login_challenge", user_id=user.user_id,
                 now=now, expires_at=expires_at, code_hash=code_hash(challenge_id, code))
    email.send(user.email, "login_code", user.language, code=code,
               minutes=int(CODE_LIFETIME.total_seconds() // 60))
    return Challenge(challenge_id, expires_at, ("email",), mask_email(user.email))


def finish(challenge_id: str, code: str, now: datetime) -> sessions.NewSession:
    """Checks the emailed code; five wrong codes void the challenge."""
    key = token_hash(challenge_id)
    record = tokens.find(key, "login_challenge")
    if record is None:
        raise Unauthorized("This sign-in attempt was not found. Sign in again.",
                           code="invalid_challenge")
    state = record.state(now, CODE_ATTEMPTS)
    if state != "valid":
        raise Gone("This code can no longer be used. Sign in again to get a new code.",
                   code=f"challenge_{state}")
    if not same(record.code_hash or "", code_hash(challenge_id, code)):
        remaining = CODE_ATTEMPTS - tokens.count_failure(key, CODE_ATTEMPTS)
        if remaining <= 0:
            raise Gone("Too many wrong codes. Sign in again to get a new code.",
                       code="challenge_voided")
        raise Unauthorized("The code is not correct.", code="invalid_code",
                           attempts_remaining=remaining)
    if not tokens.consume(key, now, CODE_ATTEMPTS):
        raise Gone("This code can no longer be used. Sign in again to get a new code.",
                   code="challenge_used")
    user = users.get(record.user_id)
    if user is None or user.status != "active":
        raise Unauthorized("This sign-in attempt was not found. Sign in again.",
                           code="invalid_challenge")
    users.record_login(user, now)
    logger.append_keys(user_id=user.user_id)
    metrics.add_metric(name="SignIns", unit="Count", value=1)
    return sessions.start(user.user_id, now)

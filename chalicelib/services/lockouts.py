"""Account lockouts, counted as login.gov counts them: per account, wherever the secret
is asked, so that a new sign-in (a new challenge) never means new tries.

- Password: 5 failures for an address within 15 minutes lock its password for 15
  minutes, at sign-in and wherever a signed-in person is asked for it again (recovery
  codes, removing a method, the sign-in email, deleting the profile, confirming an
  association). An unknown address is counted the same, so the answers tell nothing.
- A ceiling on that lock, which would otherwise re-arm for ever (about 480 guesses a
  day): 100 failures in a row (NIST SP 800-63B 5.2.2 limits consecutive failed attempts
  to 100) and the password is refused until it is reset by an emailed link; the person
  is emailed when it happens.
- Second step: 10 failures in a row for an account (emailed code, authenticator app,
  recovery code, passkey), across challenges, lock its second step for 10 minutes;
  the person is emailed and the activity history says so. A success clears the count."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Sequence

from chalicelib.dal import credentials, throttles, users
from chalicelib.dal.base import Together
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import Forbidden, Throttled
from chalicelib.observability import logger
from chalicelib.services import activity, notices

PASSWORD_WINDOW = timedelta(minutes=15)
PASSWORD_LIMIT = 5
PASSWORD_LOCK = timedelta(minutes=15)
PASSWORD_CEILING = 100  # failures in a row, whatever the windows (800-63B 5.2.2)
SECOND_STEP_LIMIT = 10  # failures in a row (login.gov's max_mfa_login_attempts)
SECOND_STEP_LOCK = timedelta(minutes=10)
STREAK_KEPT = timedelta(days=90)  # failures in a row are forgotten after 90 quiet days


def password_key(email_address: str) -> str:
    """The throttle key of an address's password; it carries no email in clear."""
    return f"signin#{token_hash(email_key(email_address))}"


def _locked(until: datetime, now: datetime, what: str, code: str) -> Throttled:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return Throttled(f"Too many {what}. Try again in {minutes} minutes.", code=code,
                     retry_after=int((until - now).total_seconds()))


def _reset_required() -> Forbidden:
    return Forbidden("Sign-in with this password is locked after too many wrong tries. "
                     "Reset your password with Forgot password to unlock it.",
                     code="password_reset_required")


# -- passwords ------------------------------------------------------------------------
# One item per address counts both: the failures of the window and those in a row (one
# read to check, one write to count: a wrong password costs what it did before)

def password_open(email_address: str, now: datetime) -> bool:
    """Refuses a password check while the address is locked; returns whether failures
    were counted (for a success to clear)."""
    return _open(throttles.status(password_key(email_address), now), now)


SigningIn = tuple[throttles.Status, User | None, Sequence[object]]


def reading(email_address: str, now: datetime) -> SigningIn:
    """What signing_in reads: the address's password lockout, the logon that has the
    address (or None) and what says which second steps it has (credentials.sign_in_keys)."""
    return users.signing_in(email_key(email_address), password_key(email_address), now,
                            also=credentials.sign_in_keys)


def signing_in(email_address: str, now: datetime, read: SigningIn | None = None
               ) -> tuple[bool, User | None, Sequence[object]]:
    """password_open at sign-in, with the logon and its second steps (`read`: what
    `reading` read for this address ahead, else read now)."""
    state, user, steps = read if read is not None else reading(email_address, now)
    return _open(state, now), user, steps


def _open(state: throttles.Status, now: datetime) -> bool:
    if state.streak >= PASSWORD_CEILING:
        raise _reset_required()
    if state.locked_until:
        raise _locked(state.locked_until, now, "failed sign-in attempts", "sign_in_locked")
    return bool(state.hits or state.streak)


def password_failed(email_address: str, user: User | None, now: datetime) -> None:
    """Counts a wrong password; raises when it locks the address (for 15 minutes, or at
    the ceiling until a reset, with an email to the person)."""
    until, streak = throttles.record_streak_failure(
        password_key(email_address), now, PASSWORD_WINDOW, PASSWORD_LIMIT, PASSWORD_LOCK,
        keep=STREAK_KEPT)
    if streak >= PASSWORD_CEILING:
        logger.warning("password locked until reset")
        if user is not None and streak == PASSWORD_CEILING:
            activity.record(user.user_id, "sign_in_locked", now, step="password",
                            mail=notices.notice(user, "account_locked", now, kind="password",
                                                failures=PASSWORD_CEILING, locked_at=now))
        raise _reset_required()
    if until:
        logger.warning("sign-in locked")
        raise _locked(until, now, "failed sign-in attempts", "sign_in_locked")


def password_passed(email_address: str, counted: bool) -> None:
    """A right password ends both counts."""
    if counted:
        throttles.clear(password_key(email_address))


def password_clearing(email_address: str, counted: bool) -> Together | None:
    """password_passed, as a deletion for the write the right password leads to."""
    return throttles.clearing(password_key(email_address)) if counted else None


def unlock_password(email_address: str) -> None:
    """A password reset by emailed link: the only way past the ceiling."""
    throttles.clear(password_key(email_address))


# -- the second step ------------------------------------------------------------------
# Counted on the logon, which every second step has read already: no request of its own
# unless a failure is counted or cleared

def second_step_open(user: User, now: datetime) -> None:
    until = user.second_step_locked_until
    if until and until > now:
        raise _locked(until, now, "wrong codes", "second_step_locked")


def second_step_failed(user: User, now: datetime, client: str | None = None) -> None:
    """Counts a failed second step of the account; raises when the 10th in a row locks
    it (the person emailed, the activity recorded)."""
    until = users.count_second_step_failure(user, now, SECOND_STEP_LIMIT, SECOND_STEP_LOCK)
    if until:
        logger.warning("second step locked")
        activity.record(user.user_id, "sign_in_locked", now, client=client, step="second_step",
                        mail=notices.notice(user, "account_locked", now, kind="second_step",
                                            failures=SECOND_STEP_LIMIT, locked_at=now,
                                            minutes=int(SECOND_STEP_LOCK.total_seconds() // 60)))
        raise _locked(until, now, "wrong codes", "second_step_locked")


def second_step_passed(user: User) -> None:
    if user.second_step_failures:
        users.clear_second_step_failures(user)

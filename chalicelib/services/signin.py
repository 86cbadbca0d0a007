"""Sign-in. A password never signs in alone: it opens a challenge that lists the user's
methods, answered by an emailed code, an authenticator-app code, a passkey or a recovery
code. A passkey also signs in on its own (it is both factors)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Sequence

from chalicelib import language
from chalicelib.dal import credentials, tokens, users
from chalicelib.dal.activity import Event
from chalicelib.dal.base import Together, Wanted, write_parts
from chalicelib.dal.credentials import RECOVERY, TOTP, Credential
from chalicelib.dal.outbox import Mail
from chalicelib.dal.tokens import Token
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key, mask_email
from chalicelib.domain.secrets import (
    code_hash,
    new_code,
    new_token,
    same,
    token_hash,
    verify_secret,
)
from chalicelib.errors import BadRequest, Forbidden, Gone, Throttled, Unauthorized
from chalicelib.observability import logger, metrics
from chalicelib.services import activity, devices, lockouts, mfa, notices, passkeys, sessions

CODE_LIFETIME = timedelta(minutes=5)
CODE_ATTEMPTS = 5
CODE_SENDS = 3
PURPOSE = "login_challenge"


@dataclass(frozen=True)
class Challenge:
    challenge_id: str
    expires_at: datetime
    methods: tuple[str, ...]
    sent_to: str | None


def reading(email_address: str, now: datetime) -> lockouts.SigningIn:
    """What start reads first, to read it while the route's abuse limits are counted
    (handlers/routing.py)."""
    return lockouts.reading(email_address, now)


def start(email_address: str, password: str, now: datetime,
          client: str | None = None, read: lockouts.SigningIn | None = None) -> Challenge:
    """Checks the password and opens a challenge. When emailed codes are the user's only
    method, the code is sent at once; otherwise on request (send_email_code). `read`:
    what `reading` read ahead for this address."""
    counted, user, steps = lockouts.signing_in(email_address, now, read)
    if not verify_secret(user.password_hash if user else None, password) or user is None:
        metrics.add_metric(name="SignInFailures", unit="Count", value=1)
        # the same reads and writes for an address with a logon and one without: the
        # activity entry is written after the answer (services/public_work.py)
        notices.later("sign_in_failed", now, email=email_address, client=client)
        lockouts.password_failed(email_address, user, now)
        raise Unauthorized("The email or password is not correct.", code="invalid_credentials")
    if user.status != "active":
        lockouts.password_passed(email_address, counted)
        if user.status == "disabled":  # a staff logon a supervisor disabled (services/staff.py)
            raise Forbidden("This logon is disabled. Ask a supervisor to enable it.",
                            code="logon_disabled")
        raise Forbidden("Verify your email address before you sign in. "
                        "We can send you a new link.", code="email_not_verified")
    logger.append_keys(user_id=user.user_id)
    methods = mfa.sign_in_methods(user, steps)
    expires_at = now + CODE_LIFETIME
    cleared = lockouts.password_clearing(email_address, counted)  # with the challenge
    if methods[0] == "email":  # emailed codes are the only method: send one now
        challenge_id = emailed_code_challenge(user, PURPOSE, now, also=cleared)
        return Challenge(challenge_id, expires_at, methods, mask_email(user.email))
    challenge_id = _new_challenge_id(user)
    tokens.issue(token_hash(challenge_id), purpose=PURPOSE, user_id=user.user_id, now=now,
                 expires_at=expires_at, also=cleared)
    return Challenge(challenge_id, expires_at, methods, None)


def emailed_code_challenge(user: User, purpose: str, now: datetime,
                           also: Together | None = None) -> str:
    """Opens a challenge for the purpose and emails its 6-digit code (with `also`'s
    writes); returns its id."""
    challenge_id, code = _new_challenge_id(user), new_code()
    tokens.issue(token_hash(challenge_id), purpose=purpose, user_id=user.user_id, now=now,
                 expires_at=now + CODE_LIFETIME, code_hash=code_hash(challenge_id, code),
                 sends=1, mail=_code_mail(user, code, now, purpose), also=also)
    return challenge_id


def _new_challenge_id(user: User) -> str:
    """A challenge's id names its logon (the user id's 32 hex digits, then the secret),
    so that the challenge and the logon are read in one request; only the whole id's
    hash is stored, so another user id in it finds no challenge."""
    return user.user_id + new_token()


def check_emailed_code(user: User, purpose: str, challenge_id: str, code: str,
                       now: datetime) -> bool:
    """True, once, for the right code of an open challenge of the user's."""
    key = token_hash(challenge_id)
    record = tokens.find(key, purpose)
    if (record is None or record.user_id != user.user_id
            or record.state(now, CODE_ATTEMPTS) != "valid"):
        return False
    if not same(record.code_hash or "", code_hash(challenge_id, code)):
        tokens.count_failure(key, CODE_ATTEMPTS)
        return False
    return tokens.consume(key, now, CODE_ATTEMPTS)


def _not_found() -> Unauthorized:
    return Unauthorized("This sign-in attempt was not found. Sign in again.",
                        code="invalid_challenge")


Opening = tuple[Token | None, Sequence[object]]


def _read(challenge_id: str, *also: Wanted) -> Opening:
    """The challenge, the logon its id names and the items `also` names, in one request."""
    return tokens.find_with(token_hash(challenge_id), PURPOSE, users.key(challenge_id[:32]),
                            *also)


def _open(challenge_id: str, now: datetime, *also: Wanted, read: Opening | None = None
          ) -> tuple[Token, User, Sequence[object]]:
    """The open challenge, its logon and the items `also` names (what checks its second
    step), in one request (`read`: made ahead with the same keys)."""
    user_id = challenge_id[:32]
    if not sessions.USER_ID.fullmatch(user_id):
        raise _not_found()
    record, (user, *found) = read if read is not None else _read(challenge_id, *also)
    if record is None or record.user_id != user_id:
        raise _not_found()
    state = record.state(now, CODE_ATTEMPTS)
    if state != "valid":
        raise Gone("This sign-in attempt can no longer be used. Sign in again.",
                   code=f"challenge_{state}")
    if not isinstance(user, User) or user.status != "active":
        raise _not_found()
    return record, user, found


def _code_mail(user: User, code: str, now: datetime, purpose: str = PURPOSE) -> list[Mail]:
    # in the language of the page signing in (chosen there), else the person's own
    return [notices.message(user, "login_code", now, language=language.asked_for(),
                            code=code, purpose=purpose,
                            minutes=int(CODE_LIFETIME.total_seconds() // 60))]


def send_email_code(challenge_id: str, now: datetime) -> Challenge:
    """Emails a (new) code for an open challenge: the fallback method."""
    _, user, _ = _open(challenge_id, now)
    if not user.email_codes:
        raise Forbidden("Emailed codes are turned off for this account.",
                        code="method_not_available")
    code = new_code()
    expires_at = now + CODE_LIFETIME
    if not tokens.set_code(token_hash(challenge_id), code_hash(challenge_id, code), now,
                           expires_at, CODE_SENDS, mail=_code_mail(user, code, now)):
        raise Throttled("We already sent the most codes we can for this sign-in. "
                        "Sign in again.", code="too_many_codes", retry_after=60)
    return Challenge(challenge_id, expires_at, tuple(mfa.methods_of(user).names),
                     mask_email(user.email))


def passkey_options(challenge_id: str, now: datetime) -> dict[str, Any]:
    _, user, _ = _open(challenge_id, now)
    return passkeys.sign_in_options(user.user_id, now)


@dataclass(frozen=True)
class _Answer:
    """A second step as sent: its method and code or passkey assertion, and the keys of
    what checks it (read with the challenge)."""
    method: str
    code: str
    assertion: passkeys.Presented | None = None

    def wanted(self, user_id: str) -> list[Wanted]:
        if self.assertion is not None:
            return [(Token, self.assertion.challenge_key), self.assertion.passkey]
        if self.method in METHOD_CREDENTIAL:
            return [credentials.key(user_id, METHOD_CREDENTIAL[self.method])]
        return []


METHOD_CREDENTIAL = {"totp": TOTP, "recovery_code": RECOVERY}


def _answer(method: str, user_id: str, code: str | None,
            credential: dict[str, Any] | None) -> _Answer:
    if method == "passkey":
        if credential is None:
            raise BadRequest("Send the passkey response.", code="credential_required")
        return _Answer(method, "", passkeys.presented(credential, user_id))
    if not code:
        raise BadRequest("Send the code.", code="code_required")
    return _Answer(method, code)


def _proof(record: Token, user: User, challenge_id: str, answer: _Answer,
           found: Sequence[object], now: datetime) -> list[Together] | None:
    """The writes that use the second step (none for an emailed code: the challenge's
    own), or None if it is not right."""
    if answer.assertion is not None:
        challenge, stored = found
        try:
            return list(passkeys.assertion_writes(
                answer.assertion, challenge if isinstance(challenge, Token) else None,
                stored if isinstance(stored, Credential) else None, now))
        except (Unauthorized, Gone):
            return None
    if answer.method == "email":
        right = bool(user.email_codes and record.code_hash
                     and same(record.code_hash, code_hash(challenge_id, answer.code)))
        return [] if right else None
    item = found[0] if found else None
    writes = mfa.proof_writes(user, answer.method, answer.code,
                              item if isinstance(item, Credential) else None, now)
    return None if writes is None else [writes]


class _ProofRefused(Exception):
    """A write of the second step's proof was refused (used meanwhile): its index."""

    def __init__(self, part: int) -> None:
        super().__init__(part)
        self.part = part


def opening(challenge_id: str, method: str, code: str | None = None,
            credential: dict[str, Any] | None = None) -> tuple[_Answer, Opening] | None:
    """The answer as sent (a passkey's assertion parsed) and what finish reads first, to
    read it while the route's abuse limits are counted (handlers/routing.py); None for an
    answer finish refuses before reading."""
    named = challenge_id[:32]
    if not sessions.USER_ID.fullmatch(named):
        return None
    answer = _answer(method, named, code, credential)
    return answer, _read(challenge_id, *answer.wanted(named))


def finish(challenge_id: str, method: str, now: datetime, *, code: str | None = None,
           credential: dict[str, Any] | None = None, client: str | None = None,
           device: str | None = None, read: tuple[_Answer, Opening] | None = None
           ) -> sessions.NewSession:
    """Answers the challenge with one of the user's methods; five failures void it, and
    ten in a row for the account, across challenges, lock its second step (lockouts).
    One read (the challenge, its logon and what checks the answer) and one transaction
    (the challenge used, the answer's proof used, the logon, the session, the events).
    `read`: what `opening` made of the same answer ahead."""
    named = challenge_id[:32]  # the logon the id names (_open checks it)
    answer, opened = read if read is not None else (_answer(method, named, code, credential),
                                                    None)
    record, user, found = _open(challenge_id, now, *answer.wanted(named), read=opened)
    lockouts.second_step_open(user, now)
    proof = _proof(record, user, challenge_id, answer, found, now)
    if proof is not None:
        events = ([activity.event(user.user_id, "recovery_code_used", now, client=client)]
                  if method == "recovery_code" else [])
        try:
            return _signed_in(user, method, now, client, device, challenge=record,
                              proof=proof, events=events)
        except _ProofRefused:
            pass  # used meanwhile: a failure like any other
    activity.record(user.user_id, "sign_in_failed", now, client=client, step=method)
    lockouts.second_step_failed(user, now, client)
    remaining = CODE_ATTEMPTS - tokens.count_failure(record.token_hash, CODE_ATTEMPTS)
    if remaining <= 0:
        raise Gone("Too many wrong codes. Sign in again.", code="challenge_voided")
    raise Unauthorized("The code is not correct." if method != "passkey"
                       else "The passkey was not accepted.", code="invalid_code",
                       attempts_remaining=remaining)


def record_failure(email_address: str, client: str | None, now: datetime) -> None:
    """A wrong password, in the activity history of the logon with the address (none:
    nothing to record), after sign-in answered."""
    user = users.find_by_email(email_key(email_address))
    if user is not None:
        activity.record(user.user_id, "sign_in_failed", now, client=client, step="password")


def passkey_sign_in_options(now: datetime) -> dict[str, Any]:
    return passkeys.sign_in_options(None, now)


def passkey_sign_in(credential: dict[str, Any], now: datetime, client: str | None = None,
                    device: str | None = None) -> sessions.NewSession:
    """Signs in with a passkey alone: no password (the passkey is both factors). One
    read (the passkey's challenge, the passkey and the logon it names) and one
    transaction."""
    assertion = passkeys.presented(credential)
    challenge, (stored, user) = tokens.find_with(
        assertion.challenge_key, passkeys.SIGN_IN, assertion.passkey,
        users.key(assertion.owner))
    proof = passkeys.assertion_writes(assertion, challenge,
                                      stored if isinstance(stored, Credential) else None, now)
    if not isinstance(user, User) or user.status != "active":
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    try:
        return _signed_in(user, "passkey", now, client, device, proof=proof)
    except _ProofRefused as refused:
        raise passkeys.refused_assertion(refused.part) from None


def _signed_in(user: User, method: str, now: datetime, client: str | None,
               device: str | None = None, *, challenge: Token | None = None,
               proof: Sequence[Together] = (), events: Sequence[Event] = ()
               ) -> sessions.NewSession:
    """Signs in, in one transaction: the sign-in's challenge used, the proof's writes
    (_ProofRefused with the index of one refused), the logon's sign-in times and
    devices, the new session and the activity events (and a new device's notice)."""
    kept, news = (devices.signing_in_from(user, device, now, client) if device is not None
                  else (None, []))
    started, session = sessions.opening(user.user_id, now, method=method, client=client,
                                        role=user.role)
    signed = activity.event(user.user_id, "signed_in", now, client=client, method=method)
    consumed = (tokens.consuming(challenge.token_hash, now, CODE_ATTEMPTS) if challenge
                else Together())
    refused = write_parts([consumed, *proof, users.signed_in(user, now, kept),
                           Together(new=[session, signed, *events, *news])])
    if refused == 0:
        raise Gone("This sign-in attempt can no longer be used. Sign in again.",
                   code="challenge_used")
    if refused is not None and refused <= len(proof):
        raise _ProofRefused(refused - 1)
    if refused is not None:  # the logon was removed meanwhile
        raise _not_found()
    logger.append_keys(user_id=user.user_id)
    metrics.add_metric(name="SignIns", unit="Count", value=1)
    return started

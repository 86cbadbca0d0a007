"""Linking a logon to the agency's member record ("Find my existing case"): by member or
case number with legal last name, SSN and date of birth; by a PIN emailed to the address
the agency has on file; or by a redeem code the agency mailed. A failed attempt never
says which field was wrong; five a day lock association for the logon, five by identity
a day against one member pause linking that member by identity (its address on file is
told), and a member gets at most three PINs a day."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.dal import agency, counters, outbox, throttles, tokens, users
from chalicelib.dal.agency import MemberItem
from chalicelib.dal.errors import DataError
from chalicelib.dal.users import User
from chalicelib.domain import recovery_codes
from chalicelib.domain.confirmations import RANGE, confirmation_number
from chalicelib.domain.contact import email_key
from chalicelib.domain.identity import is_iv_d, same_name, ssn_digits, ssn_hmac
from chalicelib.domain.secrets import code_hash, new_code, new_token, same, token_hash
from chalicelib.errors import Conflict, InvalidInput, NotFound, Throttled
from chalicelib.integrations import secrets
from chalicelib.observability import logger
from chalicelib.services import access, activity, attention, mfa, notices
from chalicelib.services.scope import Caller, current_user

WINDOW = timedelta(days=1)
ATTEMPTS = 5  # failures a day for one logon, whatever the way
MEMBER_ATTEMPTS = 5  # failures by identity a day against one member, across all logons
PINS_PER_MEMBER = 3  # PINs emailed to one member a day
IDENTITY_PER_MINUTE = 120  # identity checks a minute, everyone together: then 429
PIN_LIFETIME = timedelta(minutes=15)
REDEEM_LIFETIME = timedelta(days=90)
NO_MATCH = ("We could not match that information to an agency record. Check each entry, "
            "or call us for help.")


@dataclass(frozen=True)
class Identity:
    last_name: str
    ssn: str
    date_of_birth: str  # ISO
    member_id: str | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class Confirmation:
    confirmation_number: str
    received_at: datetime
    logon: str
    member_id: str
    cases: list[tuple[str, str]] = field(default_factory=list)  # (case id, role)


def _lock_key(user: User) -> str:
    return f"assoc#{user.user_id}"


def _check_lock(user: User, now: datetime) -> int:
    """Refuses a locked logon; returns how many recent failures it has."""
    state = throttles.status(_lock_key(user), now)
    until = state.locked_until
    if until:
        raise Throttled(f"Too many attempts to find your case. Try again after "
                        f"{until.strftime('%Y-%m-%d %H:%M')} UTC, or call us.",
                        code="association_locked", retry_after=int((until - now).total_seconds()))
    return state.hits


def _failed(user: User, how: str, now: datetime, client: str | None,
            message: str = NO_MATCH) -> InvalidInput | Throttled:
    activity.record(user.user_id, "association_failed", now, client=client, method=how)
    until = throttles.record_failure(_lock_key(user), now, WINDOW, ATTEMPTS, WINDOW)
    if until:
        return Throttled("Too many attempts to find your case. Try again tomorrow, or call us.",
                         code="association_locked", retry_after=int((until - now).total_seconds()))
    return InvalidInput(message, code="association_no_match")


def _not_linked_yet(user: User) -> None:
    if user.member_id:
        raise Conflict("Your logon is already linked to your agency record.",
                       code="already_linked")


def candidates_of(identity: Identity) -> list[MemberItem]:
    """The members a member number names, or the adults of an IV-D case a case number
    names."""
    if identity.member_id:
        found = agency.member(identity.member_id)
        return [found] if found else []
    stored = agency.case(identity.case_id or "")
    if stored is None or not is_iv_d(stored.case_type):
        return []
    adults = [p.member_id for p in stored.participants or [] if p.role != "child"]
    return [m for m in (agency.member(i) for i in adults) if m is not None]


def _matches(member: MemberItem, identity: Identity) -> bool:
    digits = ssn_digits(identity.ssn)
    return bool(digits and same_name(member.last_name, identity.last_name)
                and _same_ssn(member, digits)
                and member.date_of_birth == identity.date_of_birth)


def _same_ssn(member: MemberItem, digits: str) -> bool:
    """The SSN hashed with the key version the member's was hashed with (every version
    for a hash stored before versions were kept). A match with an older version than
    the current is hashed again with the current, so a second rotation loses no one who
    linked between them (integrations/secrets.py)."""
    stored = member.ssn_hmac or ""
    key = next((k for k in secrets.ssn_key(member.ssn_key_version)
                if same(stored, ssn_hmac(digits, k.value))), None)
    if key is None:
        return False
    current = secrets.ssn_keys()[0]
    if key.version != current.version or member.ssn_key_version is None:
        agency.rekey_ssn(member.member_id, stored, ssn_hmac(digits, current.value),
                         current.version)
    return True


def associate(user: User, identity: Identity, now: datetime, client: str | None) -> Confirmation:
    """Links by identity. Failures count for the logon and for each member the attempt
    named (by member or case number), across logons: five a day against one member pause
    linking it by identity, and its address on file is told; the emailed PIN and a
    mailed code still work, so no one can shut the real parent out. A paused member
    answers as a mismatch does: nothing says the record exists."""
    _not_linked_yet(user)
    failures = _check_lock(user, now)
    if not throttles.allow("assoc-identity#all", now, timedelta(minutes=1),
                           IDENTITY_PER_MINUTE):
        logger.warning("association by identity at its ceiling")
        raise Throttled("Too many people are looking for their case right now. Try again "
                        "in a minute.", code="rate_limited", retry_after=60)
    candidates = candidates_of(identity)
    member = next((m for m in candidates if not _member_paused(m, now)
                   and _matches(m, identity)), None)
    if member is None:
        for candidate in candidates:
            _member_failed(candidate, now)
        raise _failed(user, "identity", now, client)
    return _link(user, member.member_id, "identity", now, client, failures)


def _member_key(member_id: str) -> str:
    return f"assoc-member#{member_id}"


def _member_paused(member: MemberItem, now: datetime) -> bool:
    return throttles.status(_member_key(member.member_id), now).locked_until is not None


def _member_failed(member: MemberItem, now: datetime) -> None:
    until = throttles.record_failure(_member_key(member.member_id), now, WINDOW,
                                     MEMBER_ATTEMPTS, WINDOW)
    if until and member.email:
        logger.warning("association by identity paused for a member")
        outbox.save(mail=[outbox.compose(member.email, "association_locked", "en", {
            "first_name": member.first_name, "failures": MEMBER_ATTEMPTS,
            "locked_at": now}, now)])


def _link(user: User, member_id: str, how: str, now: datetime, client: str | None,
          failures: int) -> Confirmation:
    """Links the logon and the member in one transaction, with its activity event and the
    member's Action Center marks: a failure anywhere leaves neither linked, and the same
    request may be made again. (Marks too many for the transaction follow it.)"""
    items = agency.member_partition(member_id)
    roles = [(item.item.removeprefix("CASE#"), item.role)
             for item in items if item.item.startswith("CASE#")]
    marks = attention.member_marks(user.user_id, member_id, now, items)
    together = marks if len(marks) <= attention.WITH_A_LINK else []
    number = confirmation_number(counters.next_value("confirmation", RANGE))  # a gap if it fails
    taken = agency.link_logon(member_id, user, [activity.event(
        user.user_id, "case_associated", now, client=client, method=how, confirmation=number),
        *together])
    if taken == "member":
        activity.record(user.user_id, "association_failed", now, client=client, method=how,
                        reason="linked_elsewhere")
        raise Conflict("This record is already linked to another logon. Call us so we "
                       "can help.", code="member_linked_elsewhere")
    if taken == "logon":
        raise Conflict("Your logon is already linked to your agency record.",
                       code="already_linked")
    if marks and not together:
        attention.keep_member_marks(user.user_id, marks)
    if failures:
        try:
            throttles.clear(_lock_key(user))
        except DataError:  # the count of failed tries expires by itself
            logger.warning("association lock not cleared")
    return Confirmation(number, now, user.email, member_id, roles)


# --- emailed PIN (Kentucky) -----------------------------------------------------------------

@dataclass(frozen=True)
class PinAsk:
    """What a PIN request names (Kentucky's: the record, checked against all of it)."""
    member_id: str | None
    case_id: str | None
    last_name: str
    date_of_birth: str  # YYYY-MM-DD
    email: str


def request_pin(user: User, ask: PinAsk, now: datetime) -> str:
    """Asks for a 6-digit PIN to the address the agency has on file for the member.
    Returns a challenge id; whether a record matches is decided by the work queue's
    function once the request has answered (`send_pin`), so neither the answer nor its
    time says (services/public_work.py)."""
    _not_linked_yet(user)
    _check_lock(user, now)
    challenge_id = new_token()
    notices.later("pin", now, user_id=user.user_id, member_id=ask.member_id,
                  case_id=ask.case_id, last_name=ask.last_name,
                  date_of_birth=ask.date_of_birth, email=ask.email, challenge_id=challenge_id)
    return challenge_id


def _pin_matches(member: MemberItem, ask: PinAsk) -> bool:
    """The record's name, date of birth and email address on file are those given."""
    return bool(member.email) and same_name(member.last_name, ask.last_name) and (
        member.date_of_birth == ask.date_of_birth) and same(
        email_key(member.email or ""), email_key(ask.email))


def send_pin(user_id: str, ask: PinAsk, challenge_id: str, now: datetime) -> None:
    """Emails the PIN when a member matches all that was given (at most 3 a day to one
    member); a miss counts for the logon, as a wrong PIN does."""
    user = users.get(user_id)
    if user is None:
        return
    candidates = candidates_of(Identity(ask.last_name, "", "", ask.member_id, ask.case_id))
    member = next((m for m in candidates if _pin_matches(m, ask)), None)
    if member is None:  # a miss counts for the logon, as a wrong PIN does
        _failed(user, "pin_request", now, None)  # its lock shows at the next request
        return
    if not throttles.allow(f"assoc-pins#{member.member_id}", now, WINDOW, PINS_PER_MEMBER):
        logger.warning("association PINs for a member at their daily limit")
        return
    pin = new_code()
    tokens.issue(token_hash(challenge_id), purpose="association_pin", user_id=user.user_id,
                 now=now, expires_at=now + PIN_LIFETIME, code_hash=code_hash(challenge_id, pin),
                 subject=member.member_id, mail=[notices.message(
                     user, "association_pin", now, to=member.email, pin=pin,
                     first_name=member.first_name,
                     minutes=int(PIN_LIFETIME.total_seconds() // 60))])


def verify_pin(user: User, challenge_id: str, pin: str, now: datetime,
               client: str | None) -> Confirmation:
    _not_linked_yet(user)
    failures = _check_lock(user, now)
    key = token_hash(challenge_id)
    record = tokens.find(key, "association_pin")
    if (record is None or record.user_id != user.user_id or record.state(now, ATTEMPTS) != "valid"
            or not same(record.code_hash or "", code_hash(challenge_id, pin))):
        if record is not None and record.user_id == user.user_id:
            tokens.count_failure(key, ATTEMPTS)
        raise _failed(user, "pin", now, client, "That PIN is not correct or has expired.")
    if not tokens.consume(key, now, ATTEMPTS):
        raise _failed(user, "pin", now, client, "That PIN is not correct or has expired.")
    return _link(user, record.subject, "pin", now, client, failures)


# --- redeem codes (mailed by the agency) --------------------------------------------------

def issue_redeem_code(member_id: str, now: datetime) -> tuple[str, datetime]:
    """A single-use code for a letter to the member; stored only as a hash."""
    if agency.member(member_id) is None:
        raise NotFound("No member has that number.", code="member_not_found")
    code = recovery_codes.generate(1)[0][:14]  # XXXX-XXXX-XXXX: 60 random bits
    expires_at = now + REDEEM_LIFETIME
    tokens.issue(token_hash(recovery_codes.normalize(code)), purpose="redeem_code",
                 user_id="-", now=now, expires_at=expires_at, subject=member_id)
    return code, expires_at


def redeem(user: User, code: str, now: datetime, client: str | None) -> Confirmation:
    _not_linked_yet(user)
    failures = _check_lock(user, now)
    key = token_hash(recovery_codes.normalize(code))
    record = tokens.find(key, "redeem_code")
    if record is None or record.state(now, 1) != "valid" or not tokens.consume(key, now, 1):
        raise _failed(user, "redeem_code", now, client,
                      "That code is not valid, was already used or has expired.")
    return _link(user, record.subject, "redeem_code", now, client, failures)


# --- forgot case number (Arizona) -------------------------------------------------------------

def forgot_case_number(user: User, ssn: str, date_of_birth: str, zip_code: str,
                       now: datetime, client: str | None) -> None:
    """Emails the case numbers to the logon's own address when the details match the
    member it is linked to; says nothing either way."""
    _check_lock(user, now)
    member = agency.member(user.member_id) if user.member_id else None
    address = member.mailing_address if member else None
    if not (member and address and address.zip[:5] == zip_code[:5]
            and _matches(member, Identity(member.last_name, ssn, date_of_birth))):
        failure = _failed(user, "forgot_case_number", now, client)
        if isinstance(failure, Throttled):
            raise failure
        return
    case_ids = [i.item.removeprefix("CASE#") for i in agency.member_partition(member.member_id)
                if i.item.startswith("CASE#")]
    activity.record(user.user_id, "case_numbers_sent", now, client=client,
                    mail=notices.notice(user, "case_numbers", now, case_ids=sorted(case_ids)))


# --- Cancel Access (Settings) ------------------------------------------------------------

def cancel_access(caller: Caller, password: str, now: datetime) -> None:
    """Unlinks the logon from its member record, after the password: the cases leave the
    portal for this logon and for everyone it gave access to. The logon stays."""
    user = current_user(caller)
    mfa.require_password(user, password, now)
    if not user.member_id:
        raise Conflict("Your logon is not linked to a child support case.", code="not_linked")
    agency.unlink_member(user.member_id, user.user_id)
    users.set_member(user, None)
    attention.unlinked(user.user_id)
    ended = access.end_all_for(user.user_id, now)
    activity.record(user.user_id, "access_cancelled", now, client=caller.client,
                    delegates=str(ended), mail=notices.notice(
                        user, "account_changed", now, change="access_cancelled",
                        changed_at=now))

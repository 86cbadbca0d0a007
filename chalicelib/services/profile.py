"""Manage My Profile: names, phones, addresses, email addresses, password, security
questions, settings, signing out elsewhere and deleting the profile."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.dal import agency, credentials, users
from chalicelib.dal.base import Together, write_together
from chalicelib.dal.users import (
    FeeSetting,
    OtherEmail,
    Phone,
    PostalAddress,
    SecurityAnswer,
    User,
)
from chalicelib.domain.contact import email_key
from chalicelib.domain.passwords import phone_pin_problem
from chalicelib.domain.secrets import hash_secret
from chalicelib.domain.security_questions import normalize_answer
from chalicelib.errors import Conflict, InvalidInput, NotFound, Unauthorized
from chalicelib.services import (
    access,
    activity,
    attention,
    autopay,
    mfa,
    notices,
    sessions,
    signin,
)
from chalicelib.services.passwords import check_new_password, set_password
from chalicelib.services.scope import Caller, current_user

MAX_OTHER_EMAILS = 4


def _editable(caller: Caller, version: int | None = None) -> User:
    user = current_user(caller)
    if version is not None and user.version != version:
        raise Conflict()
    return user


CALLED = ("phone", "text")  # the preferred ways of contact that need a number


@dataclass(frozen=True)
class Changes:
    """What a profile edit sets; None leaves a field as it is."""
    version: int
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    language: str | None = None
    phones: list[tuple[str, str | None]] | None = None
    mailing_address: dict[str, Any] | None = None
    residential_address: dict[str, Any] | None = None
    preferred_contact: tuple[str, str | None] | None = None  # (method, number)


def update(caller: Caller, changes: Changes, now: datetime) -> User:
    """Applies an edit made from `changes.version`; a newer version on record is a 409."""
    user = _editable(caller, changes.version)
    changed = []
    for name in ("first_name", "middle_name", "last_name", "language"):
        value = getattr(changes, name)
        if value is not None and value != getattr(user, name):
            setattr(user, name, value)
            changed.append(name)
    if changes.phones is not None:
        user.phones = [Phone(number=n, type=t) for n, t in changes.phones]
        changed.append("phones")
    for name in ("mailing_address", "residential_address"):
        value = getattr(changes, name)
        if value is not None:
            setattr(user, name, PostalAddress(**value))
            changed.append(name)
    if changes.preferred_contact is not None:
        method, number = changes.preferred_contact
        number = number if method in CALLED else None
        if (method, number) != (user.contact_method, user.contact_number):
            user.contact_method, user.contact_number = method, number
            changed.append("preferred_contact")
    if changed:
        users.save_changes(user)
        activity.record(user.user_id, "profile_changed", now, client=caller.client,
                        fields=",".join(changed))
    return user


# --- email addresses ------------------------------------------------------------------

def add_email(caller: Caller, address: str, now: datetime) -> None:
    """Adds an address, usable once the link sent to it is opened."""
    user = current_user(caller)
    key = email_key(address)
    if key == email_key(user.email):
        raise Conflict("That is already your sign-in address.", code="email_exists")
    existing = next((e for e in user.other_emails if email_key(e.address) == key), None)
    if existing is None:
        if len(user.other_emails) >= MAX_OTHER_EMAILS:
            raise Conflict(f"You can keep up to {MAX_OTHER_EMAILS} other addresses.",
                           code="too_many_emails")
        user.other_emails = [*user.other_emails,
                             OtherEmail(address=address.strip(), added_at=now)]
        users.save_changes(user)
        activity.record(user.user_id, "email_added", now, client=caller.client)
    elif existing.verified_at is not None:
        raise Conflict("That address is already on your profile.", code="email_exists")
    notices.send_link(user, "add_email", now, to=address.strip())


def confirm_added_email(user: User, address: str, now: datetime) -> None:
    key = email_key(address)
    for item in user.other_emails:
        if email_key(item.address) == key and item.verified_at is None:
            item.verified_at = now
            users.save_changes(user)
            activity.record(user.user_id, "email_verified", now)
            return


def remove_email(caller: Caller, address: str, now: datetime) -> None:
    user = current_user(caller)
    key = email_key(address)
    if key == email_key(user.email):
        raise Conflict("Switch to another sign-in address before removing this one.",
                       code="sign_in_email")
    kept = [e for e in user.other_emails if email_key(e.address) != key]
    if len(kept) == len(user.other_emails):
        raise NotFound("That address is not on your profile.", code="email_not_found")
    user.other_emails = kept
    users.save_changes(user)
    activity.record(user.user_id, "email_removed", now, client=caller.client)


def switch_sign_in_email(caller: Caller, address: str, password: str, now: datetime) -> None:
    """Makes a verified other address the sign-in one; the old one stays as another."""
    user = current_user(caller)
    mfa.require_password(user, password, now)
    key = email_key(address)
    chosen = next((e for e in user.other_emails if email_key(e.address) == key), None)
    if chosen is None or chosen.verified_at is None:
        raise Conflict("Confirm that address from the link we sent before signing in with it.",
                       code="email_not_verified")
    old_address, old_key = user.email, email_key(user.email)
    user.other_emails = [e for e in user.other_emails if e is not chosen] + [
        OtherEmail(address=old_address, added_at=user.created_at,
                   verified_at=user.verified_at or now)]
    user.email = chosen.address
    failure = users.change_sign_in_email(user, key, old_key, now)
    if failure == "taken":
        raise Conflict("Another account signs in with that address.", code="email_in_use")
    if failure:
        raise Conflict()
    sessions.end_all(user.user_id, keep=caller)
    told = [notices.notice(user, "account_changed", now, to=address, change="sign_in_email",
                           new_email=user.email, changed_at=now)
            for address in (old_address, user.email)]  # both: the old one may be the owner's
    activity.record(user.user_id, "sign_in_email_changed", now, client=caller.client,
                    mail=[m for mail in told for m in mail])


# --- password and security questions -----------------------------------------------------

def change_password(caller: Caller, current: str, new: str, now: datetime) -> None:
    user = current_user(caller)
    mfa.require_password(user, current, now)
    check_new_password(user, new)
    set_password(user, new, now)
    _secured(caller, user, "password", "password_changed", now)


def change_security_questions(caller: Caller, password: str,
                              answers: list[tuple[str, str]], now: datetime) -> None:
    user = current_user(caller)
    mfa.require_password(user, password, now)
    user.security_answers = [SecurityAnswer(question_id=q, answer_hash=hash_secret(
        normalize_answer(a))) for q, a in answers]
    users.save_changes(user)
    _secured(caller, user, "security_questions", "security_questions_changed", now)


def change_phone_pin(caller: Caller, password: str, pin: str, now: datetime) -> None:
    """Sets or changes the PIN for the agency's phone line, after the password; never
    shown again. The history and the user are told (other sessions stay)."""
    user = current_user(caller)
    mfa.require_password(user, password, now)
    problem = phone_pin_problem(pin)
    if problem:
        raise InvalidInput(fields={"pin": problem})
    user.phone_pin_hash = hash_secret(pin)
    user.phone_pin_set_at = now
    users.save_changes(user)
    activity.record(user.user_id, "phone_pin_changed", now, client=caller.client,
                    mail=notices.notice(user, "account_changed", now, change="phone_pin",
                                        changed_at=now))


def _secured(caller: Caller, user: User, change: str, event: str, now: datetime) -> None:
    """After a security change: other sessions end, the history and the user are told."""
    sessions.end_all(user.user_id, keep=caller)
    activity.record(user.user_id, event, now, client=caller.client,
                    mail=notices.notice(user, "account_changed", now, change=change,
                                        changed_at=now))


def sign_out_others(caller: Caller, now: datetime) -> int:
    ended = sessions.end_all(caller.user_id, keep=caller)
    activity.record(caller.user_id, "sessions_ended", now, client=caller.client,
                    count=str(ended))
    return ended


# --- settings ---------------------------------------------------------------------------

def fee_accounts_of(user: User) -> list[FeeSetting]:
    """The member's fee accounts, each with its own mail settings (default where unset)."""
    if not user.member_id:
        return []
    own = {f.account: f for f in user.fee_settings or []}
    return [own.get(i.item.removeprefix("FEE#")) or FeeSetting(
        account=i.item.removeprefix("FEE#"), mail_delivery="default", notify_new_mail="default")
        for i in agency.member_partition(user.member_id) if i.item.startswith("FEE#")]


def update_settings(caller: Caller, mail_delivery: str, notify_new_mail: bool,
                    subscriptions: list[str], now: datetime,
                    notify_new_device: bool | None = None,
                    fee_accounts: list[tuple[str, str, str]] | None = None) -> User:
    """The individual's settings, and (given) each fee account's: (account, delivery,
    notification), an account the member does not have being a 422."""
    user = current_user(caller)
    user.mail_delivery, user.notify_new_mail = mail_delivery, notify_new_mail
    if notify_new_device is not None:
        user.notify_new_device = notify_new_device
    if fee_accounts is not None:
        known = {f.account for f in fee_accounts_of(user)}
        if {a for a, _, _ in fee_accounts} - known:
            raise InvalidInput(fields={"fee_accounts": "That is not one of your fee accounts."})
        user.fee_settings = [FeeSetting(account=a, mail_delivery=d, notify_new_mail=n)
                             for a, d, n in fee_accounts] or None
    users.subscribe(user, subscriptions)
    users.save_changes(user)
    activity.record(user.user_id, "settings_changed", now, client=caller.client)
    return user


# --- deleting the profile -------------------------------------------------------------------

def delete_profile(caller: Caller, password: str, method: str, now: datetime, *,
                   code: str | None = None, credential: dict[str, Any] | None = None,
                   challenge_id: str | None = None) -> None:
    """Deletes the logon with everything that acts for it: its saved bank accounts and
    automatic payments (stopped first, together), its sessions and sign-in methods, the
    access it gave and was given; and frees the email. After the password and a second
    factor. What the agency must keep (submissions, payments, letters) is not the
    logon's and stays, as docs/security/retention.md says for how long."""
    user = current_user(caller)
    mfa.require_password(user, password, now)
    if method == "email":
        _check_delete_code(user, challenge_id, code, now)
    else:
        mfa.require_second_factor(user, method, now, code=code, credential=credential)
    channels, _ = autopay.channels_removal(user, now, caller.client)
    # no autopay runs and no saved account outlives the logon (one notice: the deletion's)
    write_together(Together(updates=channels.updates, deletions=channels.deletions))
    users.delete(user, email_key(user.email))
    if user.member_id:  # the agency's record stays; it is just no longer this logon's
        agency.unlink_member(user.member_id, user.user_id)
    credentials.remove_all(user.user_id)
    attention.forget(user.user_id)
    sessions.end_all(user.user_id)
    access.end_all_for(user.user_id, now)  # those I gave access to, and mine to others
    access.end_mine(user.user_id, now)
    activity.record(user.user_id, "profile_deleted", now, client=caller.client,
                    mail=notices.notice(user, "account_changed", now, change="profile_deleted",
                                        changed_at=now))


DELETE_CODE = "delete_profile"


def send_delete_code(caller: Caller, now: datetime) -> str:
    """Emails a code that confirms deleting the profile; returns its challenge id."""
    return signin.emailed_code_challenge(current_user(caller), DELETE_CODE, now)


def _check_delete_code(user: User, challenge_id: str | None, code: str | None,
                       now: datetime) -> None:
    if not (challenge_id and code and signin.check_emailed_code(
            user, DELETE_CODE, challenge_id, code, now)):
        raise Unauthorized("The second step was not correct.", code="invalid_second_factor")

"""Web logons: the user record and the email address each one signs in with."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Callable

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.expressions.update import Action
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal import attention, throttles
from chalicelib.dal.base import (
    Maps,
    TableMeta,
    Together,
    Update,
    Wanted,
    decode_cursor,
    encode_cursor,
    get_together,
    guarded,
    is_condition_failure,
    page,
    strings,
    table_name,
    transaction,
    updated,
    written,
)
from chalicelib.dal.errors import Stale


class FeeSetting(MapAttribute):
    """A fee account's own mail settings (Alaska's Settings, Fees): each "default" (the
    individual's) unless set."""
    account = UnicodeAttribute()
    mail_delivery = UnicodeAttribute(default="default")  # default | electronic | paper
    notify_new_mail = UnicodeAttribute(default="default")  # default | on | off


class SecurityAnswer(MapAttribute):
    question_id = UnicodeAttribute()
    answer_hash = UnicodeAttribute()


class Phone(MapAttribute):
    number = UnicodeAttribute()  # E.164
    type = UnicodeAttribute(null=True)  # mobile | home | work


class PostalAddress(MapAttribute):
    line1 = UnicodeAttribute()
    line2 = UnicodeAttribute(null=True)
    city = UnicodeAttribute()
    state = UnicodeAttribute()
    zip = UnicodeAttribute()


class OtherEmail(MapAttribute):
    """An address besides the sign-in one; usable once its own link was opened."""
    address = UnicodeAttribute()
    added_at = UTCDateTimeAttribute()
    verified_at = UTCDateTimeAttribute(null=True)


class ByPurgeDay(GlobalSecondaryIndex):
    """Registrations not verified yet, by the day they are purged (sparse), with the
    address to free: the purge job reads nothing else (issue #27)."""
    class Meta:
        index_name = "by_purge_day"
        projection = IncludeProjection(["email"])

    unverified_until = UnicodeAttribute(hash_key=True)  # ISO date
    user_id = UnicodeAttribute(range_key=True)


class ByNews(GlobalSecondaryIndex):
    """The logons subscribed to the agency's news (sparse: only they carry `news`), with
    what its email needs: the news's fan-out reads pages of it, never the table."""
    class Meta:
        index_name = "by_news"
        projection = IncludeProjection(["email", "first_name", "language"])

    news = UnicodeAttribute(hash_key=True)  # always NEWS
    user_id = UnicodeAttribute(range_key=True)


class ByStaff(GlobalSecondaryIndex):
    """The agency's staff logons (sparse: only they carry `staff`), by email: a short
    list, read whole by the staff page."""
    class Meta:
        index_name = "by_staff"
        projection = IncludeProjection(["first_name", "last_name", "role", "status"])

    staff = UnicodeAttribute(hash_key=True)  # always STAFF
    email = UnicodeAttribute(range_key=True)


STAFF = "staff"
NEWS = "news"


class User(Model):
    class Meta(TableMeta):
        table_name = table_name("users")

    user_id = UnicodeAttribute(hash_key=True)
    email = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    middle_name = UnicodeAttribute(null=True)
    date_of_birth = UnicodeAttribute(null=True)
    phones = Maps(of=Phone, default=list)
    other_emails = Maps(of=OtherEmail, default=list)
    mailing_address = PostalAddress(null=True)
    residential_address = PostalAddress(null=True)
    language = UnicodeAttribute(default="en")
    status = UnicodeAttribute(default="pending")  # pending -> active
    password_hash = UnicodeAttribute()
    password_history: ListAttribute[str] = strings(default=list)
    password_changed_at = UTCDateTimeAttribute(null=True)
    # the PIN the parent gives the agency's phone line (Arizona), hashed as a password is
    phone_pin_hash = UnicodeAttribute(null=True)
    phone_pin_set_at = UTCDateTimeAttribute(null=True)
    security_answers = Maps(of=SecurityAnswer, default=list)
    terms_accepted_at = UTCDateTimeAttribute(null=True)
    terms_version = UnicodeAttribute(null=True)  # the terms.json version accepted
    created_at = UTCDateTimeAttribute()
    verified_at = UTCDateTimeAttribute(null=True)
    last_login_at = UTCDateTimeAttribute(null=True)
    previous_login_at = UTCDateTimeAttribute(null=True)
    email_codes = BooleanAttribute(default=True)  # emailed sign-in codes as a method
    # a new logon is offered an app or a passkey once, after its first sign-in (Alaska);
    # set at registration, removed when it chooses (logons made before it never see it)
    two_step_offer = BooleanAttribute(null=True)
    # parent, or a staff role (domain/staff_roles.py); staff also carry `staff`
    role = UnicodeAttribute(default="parent")
    staff = UnicodeAttribute(null=True)  # STAFF for the agency's logons (ByStaff)
    member_id = UnicodeAttribute(null=True)  # the agency member this logon is linked to
    # how the agency should reach the parent first: email | phone | text | mail, and the
    # number for a call or a text (AZCARES' preferred method of contact)
    contact_method = UnicodeAttribute(null=True)
    contact_number = UnicodeAttribute(null=True)
    mail_delivery = UnicodeAttribute(default="electronic")  # electronic | paper
    notify_new_mail = BooleanAttribute(default=True)
    fee_settings = Maps(of=FeeSetting, null=True)  # per fee account, where set
    notify_new_device = BooleanAttribute(default=True)  # email me at a new device's sign-in
    # the devices signed in from, newest first (keyed hashes: services/devices.py)
    devices: ListAttribute[str] = strings(null=True)
    subscriptions: ListAttribute[str] = strings(default=list)
    news = UnicodeAttribute(null=True)  # NEWS while "news" is among the subscriptions
    unverified_until = UnicodeAttribute(null=True)  # while pending: the purge day
    # while pending: verification links made before this are void (a newer registration
    # of the address replaced the one they were sent for)
    links_from = UTCDateTimeAttribute(null=True)
    # failed second steps in a row, across challenges, and the lock they set (lockouts):
    # on the logon, which every second step reads already
    second_step_failures = NumberAttribute(null=True)
    second_step_locked_until = UTCDateTimeAttribute(null=True)
    version = VersionAttribute()
    by_purge_day = ByPurgeDay()
    by_staff = ByStaff()
    by_news = ByNews()

    @property
    def personal_details(self) -> list[str | None]:
        return [self.first_name, self.last_name, self.middle_name, self.email,
                self.date_of_birth, *(p.number for p in self.phones)]


class EmailLogin(Model):
    """Claims an email address for one user: the key makes addresses unique."""

    class Meta(TableMeta):
        table_name = table_name("logins")

    email = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()


@guarded
def create(user: User, email_key: str) -> bool:
    """Saves a new user and claims its email in one transaction; False if the email is taken."""
    login = EmailLogin(email_key, user_id=user.user_id, created_at=user.created_at)

    def writes(t: TransactWrite) -> None:
        t.save(user, condition=User.user_id.does_not_exist())
        t.save(login, condition=EmailLogin.email.does_not_exist())

    return written(writes)


REPLACED_BY_A_NEWER_REGISTRATION = (
    "first_name", "last_name", "middle_name", "date_of_birth", "phones", "language",
    "password_hash", "password_history", "password_changed_at", "security_answers",
    "terms_accepted_at", "terms_version", "unverified_until")


@guarded
def replace_pending(existing: User, newer: User, now: datetime) -> bool:
    """A pending logon takes a newer registration's details (its password, questions,
    names) and voids the links sent before; False if it was verified meanwhile."""
    for name in REPLACED_BY_A_NEWER_REGISTRATION:
        setattr(existing, name, getattr(newer, name))
    existing.links_from = now
    try:
        existing.save(condition=User.status == "pending")
    except PutError as error:
        if is_condition_failure(error):
            return False
        raise
    return True


def to_text(user: User) -> str:
    """A logon not saved yet, as text (a public request's work carries it to the worker)."""
    return json.dumps(user.serialize())


def from_text(text: str) -> User:
    user = User()
    user.deserialize(json.loads(text))
    return user


@guarded
def get(user_id: str) -> User | None:
    try:
        return User.get(user_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def get_many(user_ids: list[str]) -> list[User]:
    """The logons with these ids that exist (one BatchGet; order not kept)."""
    wanted = sorted(set(user_ids))
    return list(User.batch_get(wanted, consistent_read=True)) if wanted else []


@guarded
def find_by_email(email_key: str) -> User | None:
    user_id = _signs_in_with(email_key)
    return get(user_id) if user_id else None


NO_ONE = "-"  # a user id no logon has (ids are 32 hex digits)


def key(user_id: str) -> Wanted:
    """The logon's key, for get_together."""
    return User, user_id


@guarded
def signing_in(email_key: str, lockout_key: str, now: datetime,
               also: Callable[[str], list[Wanted]]
               ) -> tuple[throttles.Status, User | None, list[Model | None]]:
    """The password lockout of an address and the logon that signs in with it, in two
    reads whether or not a logon has the address: the lockout with the address's
    sign-in record, in one BatchGet, then the logon (for an unknown address, of an id no
    one has) with the items `also` names by its id (what its second steps are), in
    another. Sign-in's answer takes the same time either way (docs/design.md, "No
    account enumeration")."""
    login, lockout = get_together((EmailLogin, email_key), (throttles.Throttle, lockout_key))
    status = throttles.status_of(lockout if isinstance(lockout, throttles.Throttle) else None,
                                 now)
    user_id = login.user_id if isinstance(login, EmailLogin) else NO_ONE
    user, *found = get_together((User, user_id), *also(user_id))
    return status, user if isinstance(user, User) else None, found


def _signs_in_with(email_key: str) -> str | None:
    """The id of the logon that signs in with the address, if one does."""
    try:
        return EmailLogin.get(email_key, consistent_read=True).user_id
    except DoesNotExist:
        return None


# Updates of single fields below skip the version check (they commute with other
# edits) but still increment the version, so a stale full save is refused.

@guarded
def activate(user: User, now: datetime) -> bool:
    """Marks a pending user active, with the Action Center's "link your case" (a logon
    is made unlinked); False if the user is gone or already active."""
    return updated(user, actions=[User.status.set("active"), User.verified_at.set(now),
                                  User.unverified_until.remove()],
                   condition=User.user_id.exists() & (User.status == "pending"),
                   add_version_condition=False, also=[attention.link_mark(user.user_id)])


def signed_in(user: User, now: datetime, devices: list[str] | None) -> Together:
    """A sign-in's update of the logon, for its transaction: the last sign-in time moves
    to the previous one and this one is recorded; the devices it signs in from, when
    they changed (services/devices.py); a count of failed second steps ends. Refused if
    the logon is gone."""
    actions: list[Action] = [User.last_login_at.set(now)]
    if user.last_login_at:
        actions.append(User.previous_login_at.set(user.last_login_at))
    if devices is not None:
        actions.append(User.devices.set(devices))
    if user.second_step_failures:
        actions.append(User.second_step_failures.remove())
    return Together(updates=[(user, actions, User.user_id.exists())], versioned=False)


@guarded
def set_member(user: User, member_id: str | None) -> bool:
    """Links the logon to a member (once), or unlinks it (None)."""
    if member_id is None:
        return updated(user, actions=[User.member_id.remove()], condition=User.user_id.exists(),
                       add_version_condition=False)
    return updated(user, actions=[User.member_id.set(member_id)],
                   condition=User.user_id.exists() & User.member_id.does_not_exist(),
                   add_version_condition=False)


@guarded
def count_second_step_failure(user: User, now: datetime, limit: int,
                              lock_for: timedelta) -> datetime | None:
    """One more failed second step; at the limit, the lock's end (and the count starts
    again from none after it)."""
    user.update(actions=[User.second_step_failures.add(1)], condition=User.user_id.exists(),
                add_version_condition=False)
    if int(user.second_step_failures or 0) < limit:
        return None
    until = now + lock_for
    user.update(actions=[User.second_step_locked_until.set(until),
                         User.second_step_failures.remove()],
                condition=User.user_id.exists(), add_version_condition=False)
    return until


@guarded
def clear_second_step_failures(user: User) -> None:
    user.update(actions=[User.second_step_failures.remove()],
                condition=User.user_id.exists(), add_version_condition=False)


@guarded
def set_email_codes(user: User, enabled: bool) -> None:
    user.update(actions=[User.email_codes.set(enabled)], condition=User.user_id.exists(),
                add_version_condition=False)


@guarded
def two_step_chosen(user: User) -> None:
    """The offer made after registration is answered: it is not made again."""
    user.update(actions=[User.two_step_offer.remove()], condition=User.user_id.exists(),
                add_version_condition=False)


def address_change(user: User, mailing: dict, residential: dict) -> Update:
    """The write of the logon's own addresses (as read: a change meanwhile is Stale), for a
    transaction with the member's (a change of address updates both, as Arizona's does)."""
    return (user, [User.mailing_address.set(PostalAddress(**mailing)),
                   User.residential_address.set(PostalAddress(**residential))],
            User.user_id.exists())


def subscribe(user: User, topics: list[str]) -> None:
    """Sets the topics (not saved): the news topic also puts the logon in `by_news`."""
    user.subscriptions = sorted(set(topics))
    user.news = NEWS if "news" in user.subscriptions else None


@guarded
def news_readers(cursor: str | None, limit: int) -> tuple[list[User], str | None]:
    """A page of the news's subscribers (email, first name, language), and the next."""
    start = decode_cursor(cursor, "news", NEWS, "user_id", table_keys=("user_id",))
    results = User.by_news.query(NEWS, limit=limit, last_evaluated_key=start)
    return list(results), encode_cursor(results.last_evaluated_key)


@guarded
def accept_terms(user: User, version: str, now: datetime) -> None:
    user.update(actions=[User.terms_version.set(version), User.terms_accepted_at.set(now)],
                condition=User.user_id.exists(), add_version_condition=False)


@guarded
def staff_logons() -> list[User]:
    """Every staff logon (the sparse index's projection: names, role, status)."""
    return list(User.by_staff.query(STAFF))


@guarded
def set_staff(user_id: str, *, role: str | None = None, status: str | None = None,
              was_role: str, was_status: str) -> bool:
    """A staff logon's role or status changed, if it is still as read (False if not: a
    second supervisor's change got there first, or the logon is no longer staff)."""
    actions = ([User.role.set(role)] if role else []) + (
        [User.status.set(status)] if status else [])
    return updated(User(user_id), actions=actions,
                   condition=(User.staff == STAFF) & (User.role == was_role)
                   & (User.status == was_status), add_version_condition=False)


@guarded
def save_changes(user: User) -> None:
    """Saves a user read earlier; a concurrent change in between is Stale."""
    try:
        user.save()
    except PutError as error:
        if is_condition_failure(error):
            raise Stale() from error
        raise


@guarded
def change_sign_in_email(user: User, new_key: str, old_key: str, now: datetime) -> str | None:
    """Claims the new address, releases the old one and saves the user in one
    transaction. Returns None, or what failed: "taken" or "conflict"."""
    try:
        with transaction() as t:
            t.save(EmailLogin(new_key, user_id=user.user_id, created_at=now),
                   condition=EmailLogin.email.does_not_exist())
            t.delete(EmailLogin(old_key), condition=EmailLogin.user_id == user.user_id)
            t.save(user)
    except TransactWriteError as error:
        if not is_condition_failure(error):
            raise
        # PynamoDB sends deletes before puts: [old claim, new claim, user]
        reasons = [r.code if r else None for r in (error.cancellation_reasons or [])]
        return "taken" if reasons[1:2] == ["ConditionalCheckFailed"] else "conflict"
    return None


@guarded
def purge_pending(user_id: str, email_key: str, day: str) -> bool:
    """Removes a registration never verified whose purge day has come, and frees its
    address, together; False if it was verified (or moved on) meanwhile."""
    def writes(t: TransactWrite) -> None:
        t.delete(User(user_id), condition=(User.status == "pending")
                 & (User.unverified_until <= day), add_version_condition=False)
        t.delete(EmailLogin(email_key), condition=EmailLogin.user_id == user_id)

    return written(writes)


@guarded
def delete(user: User, email_key: str) -> None:
    """Removes the user and frees its sign-in address, together."""
    with transaction() as t:
        t.delete(user)
        t.delete(EmailLogin(email_key), condition=EmailLogin.user_id == user.user_id)


@guarded
def unverified_until(day: str, cursor: dict | None = None, limit: int = 100):
    return page(User.by_purge_day, day, cursor, limit)

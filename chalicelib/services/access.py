"""Third-party access (Alaska's Access Management).

A parent grants another person access by email, full or limited to chosen permissions,
for all or some linked cases, with an optional last day. The invitee accepts with a
single-use link (7 days), signed in with the invited address. A delegate then switches
their session to act on the parent's account; every request re-reads the grant, so a
change or revocation applies to the very next request. What a delegate does is written
to the parent's activity history with the delegate's name.

Who may use a route is decided in `services/scope.py`."""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from chalicelib.clock import agency_date
from chalicelib.dal import grants as store
from chalicelib.dal import sessions as session_store
from chalicelib.dal import tokens, users
from chalicelib.dal.errors import Stale
from chalicelib.dal.grants import Grant
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import new_token, token_hash
from chalicelib.errors import Conflict, Forbidden, Gone, InvalidInput, NotFound
from chalicelib.services import activity, notices
from chalicelib.services import cases as case_service
from chalicelib.services.scope import PERMISSIONS, Caller, active, current_user

INVITATION_LIFETIME = timedelta(days=7)
MAX_GRANTS = 10


# -- the grantor ----------------------------------------------------------------------

def grant(caller: Caller, email: str, permissions: list[str], cases: list[str] | None,
          ends_on: date | None, now: datetime) -> Grant:
    caller.require_recent_sign_in(now)
    user = current_user(caller)
    _check_terms(user, permissions, cases, ends_on, now)
    if email_key(email) == email_key(user.email):
        raise InvalidInput(fields={"email": "Invite someone else."})
    live = [g for g in store.of_grantor(user.user_id) if g.status in ("invited", "active")]
    if len(live) >= MAX_GRANTS:
        raise Conflict(f"You can give up to {MAX_GRANTS} people access.", code="too_many_grants")
    made = Grant(secrets.token_hex(10), grantor_id=user.user_id,
                 grantor_name=f"{user.first_name} {user.last_name}", invited_email=email,
                 permissions=set(permissions), cases=cases or None,
                 ends_on=ends_on.isoformat() if ends_on else None, status="invited",
                 created_at=now)
    store.save(made)
    token = new_token()
    tokens.issue(token_hash(token), purpose="access_invitation", user_id=user.user_id,
                 now=now, expires_at=now + INVITATION_LIFETIME, subject=made.grant_id,
                 email=email, mail=[notices.message(
                     user, "access_invitation", now, to=email, first_name="",
                     grantor=made.grantor_name, permissions=_words(made),
                     link=notices.page_link("accept-access", token=token),
                     expires_at=now + INVITATION_LIFETIME)])
    activity.record(user.user_id, "access_granted", now, client=caller.client,
                    email=email, permissions=",".join(sorted(permissions)),
                    mail=_told(user, "granted", made, now))
    return made


def granted(caller: Caller) -> list[Grant]:
    return sorted(store.of_grantor(caller.user_id), key=lambda g: g.created_at, reverse=True)


def change(caller: Caller, grant_id: str, permissions: list[str], cases: list[str] | None,
           ends_on: date | None, now: datetime) -> Grant:
    user = current_user(caller)
    found = _grantors(user.user_id, grant_id)
    if found.status not in ("invited", "active"):
        raise Conflict("This access has ended. Grant it again instead.", code="grant_ended")
    _check_terms(user, permissions, cases, ends_on, now)
    found.permissions, found.cases = set(permissions), cases or None
    found.ends_on = ends_on.isoformat() if ends_on else None
    _save(found)
    activity.record(user.user_id, "access_changed", now, client=caller.client,
                    email=found.invited_email, permissions=",".join(sorted(permissions)),
                    mail=_told(user, "changed", found, now))
    return found


def revoke(caller: Caller, grant_id: str, now: datetime) -> None:
    found = _grantors(caller.user_id, grant_id)
    if found.status in ("invited", "active"):
        _end(found, "revoked", now)
        activity.record(caller.user_id, "access_revoked", now, client=caller.client,
                        email=found.invited_email,
                        mail=_told(current_user(caller), "revoked", found, now))


def end_all_for(grantor_id: str, now: datetime) -> int:
    """Ends every grant of a parent (Cancel Access, Delete Profile)."""
    ended = 0
    for found in store.of_grantor(grantor_id):
        current = store.get(found.grant_id)  # the index's copy may lag: end the current one
        if found.status in ("invited", "active") and current is not None:
            _end(current, "revoked", now)
            ended += 1
    return ended


def end_mine(delegate_id: str, now: datetime) -> None:
    """Ends the access a logon holds to others (its profile is being deleted)."""
    for found in store.of_delegate(delegate_id):
        current = store.get(found.grant_id)
        if found.status == "active" and current is not None:
            _end(current, "given_up", now)


# -- the delegate ---------------------------------------------------------------------

def _invitation(token: str, now: datetime) -> tokens.Token:
    record = tokens.find(token_hash(token), "access_invitation")
    if record is None or record.state(now, 1) != "valid":
        raise Gone("This invitation is not valid, was already used or has expired.",
                   code="invitation_invalid")
    return record


def invitation(token: str, now: datetime) -> Grant:
    """The invitation a link carries, for the page it opens before anyone signs in: who
    sent it and to which address (whoever holds the link was sent it there)."""
    found = store.get(_invitation(token, now).subject)
    if found is None or found.status != "invited":
        raise Gone("This invitation was withdrawn.", code="invitation_invalid")
    return found


def accept(caller: Caller, token: str, now: datetime) -> Grant:
    """Accepts an invitation, signed in with the address it was sent to."""
    key = token_hash(token)
    record = _invitation(token, now)
    user = current_user(caller)
    addresses = {email_key(user.email)} | {email_key(e.address) for e in user.other_emails
                                           if e.verified_at}
    if email_key(record.email or "") not in addresses:
        raise Forbidden("Sign in with the email address the invitation was sent to.",
                        code="invitation_for_another_address")
    found = store.get(record.subject)
    if found is None or found.status != "invited" or found.grantor_id == user.user_id:
        raise Gone("This invitation was withdrawn.", code="invitation_invalid")
    if not tokens.consume(key, now, 1):
        raise Gone("This invitation was already used.", code="invitation_invalid")
    found.status, found.accepted_at = "active", now
    found.delegate_id, found.delegate_name = user.user_id, f"{user.first_name} {user.last_name}"
    _save(found)
    activity.record(found.grantor_id, "access_accepted", now, actor=found.delegate_name,
                    mail=_told(users.get(found.grantor_id), "accepted", found, now))
    return found


def accounts(caller: Caller, now: datetime) -> list[Grant]:
    """The accounts I may act on (my own logon's user id is the caller's actor or self)."""
    me = caller.actor_id or caller.user_id
    return [g for g in store.of_delegate(me) if active(g, now)]


def act_as(caller: Caller, grant_id: str | None, now: datetime) -> Grant | None:
    """Switches this session to act on another parent's account, or back (None)."""
    me = caller.actor_id or caller.user_id
    found = None
    if grant_id:
        found = store.get(grant_id)
        if found is None or found.delegate_id != me or not active(found, now):
            raise NotFound("You do not have access to that account.", code="grant_not_found")
    session_store.set_acting_as(caller.session_hash, grant_id)
    return found


def give_up(caller: Caller, grant_id: str, now: datetime) -> None:
    """Manage My Access: a delegate ends their own access."""
    me = caller.actor_id or caller.user_id
    found = store.get(grant_id)
    if found is None or found.delegate_id != me:
        raise NotFound("You do not have access to that account.", code="grant_not_found")
    if found.status == "active":
        _end(found, "given_up", now)
        activity.record(found.grantor_id, "access_given_up", now, actor=found.delegate_name,
                        mail=_told(users.get(found.grantor_id), "given_up", found, now))
    if caller.acting_as == grant_id:
        session_store.set_acting_as(caller.session_hash, None)


def record_action(caller: Caller, what: str, now: datetime) -> None:
    """A delegate's change, in the parent's history with the delegate's name."""
    if caller.actor_id:
        activity.record(caller.user_id, "delegate_action", now, client=caller.client,
                        actor=caller.actor_name, action=what)


# -- shared -----------------------------------------------------------------------------

def _check_terms(user: User, permissions: list[str], cases: list[str] | None,
                 ends_on: date | None, now: datetime) -> None:
    problems = {}
    if not permissions or not set(permissions) <= set(PERMISSIONS):
        problems["permissions"] = f"Choose from {', '.join(PERMISSIONS)}."
    if cases:
        mine = {c.case_id for c in case_service.summary(user).cases}
        if not set(cases) <= mine:
            problems["cases"] = "Choose among your own cases."
    if ends_on is not None and ends_on < agency_date(now):
        problems["ends_on"] = "The last day of access cannot be in the past."
    if problems:
        raise InvalidInput(fields=problems)


def _grantors(grantor_id: str, grant_id: str) -> Grant:
    found = store.get(grant_id)
    if found is None or found.grantor_id != grantor_id:
        raise NotFound("That access was not found.", code="grant_not_found")
    return found


def _end(found: Grant, status: str, now: datetime) -> None:
    found.status, found.ended_at = status, now
    _save(found)


def _save(found: Grant) -> None:
    try:
        store.save(found)
    except Stale:
        raise Conflict("This access changed meanwhile. Reload and try again.",
                       code="grant_changed") from None


PERMISSION_WORDS = {
    "en": {"view": "view cases and payments", "pay": "make payments",
           "messages": "messages and letters", "submissions": "requests and documents",
           "all": "full access"},
    "es": {"view": "ver casos y pagos", "pay": "hacer pagos", "messages": "mensajes y cartas",
           "submissions": "solicitudes y documentos", "all": "acceso completo"}}


def _words(found: Grant, language: str = "en") -> str:
    names = PERMISSION_WORDS.get(language, PERMISSION_WORDS["en"])
    if set(found.permissions) == set(PERMISSIONS):
        return names["all"]
    return ", ".join(names[p] for p in PERMISSIONS if p in found.permissions)


def _told(grantor: User | None, change: str, found: Grant, now: datetime) -> list[Mail]:
    """The account owner's notice of a change to who may use the account."""
    if grantor is None:
        return []
    person = found.delegate_name or found.invited_email
    return notices.notice(grantor, "access_notice", now, change=change, person=person,
                          permissions=_words(found, grantor.language), changed_at=now)

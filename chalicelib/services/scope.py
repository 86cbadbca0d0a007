"""The per-request scope: who is calling, for which parent, with which permissions, over
which cases. Every service may import this module; it imports no service.

`authorize` is the one place that decides whether a caller may use a route: the router
calls it for every private route with the route's declared permission. A delegate acting
for another parent runs as that parent, limited to the grant's cases (`in_scope`)."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from chalicelib.clock import agency_date
from chalicelib.dal import grants, users
from chalicelib.dal.grants import Grant
from chalicelib.dal.users import User
from chalicelib.domain import staff_roles
from chalicelib.errors import Forbidden, Unauthorized

PERMISSIONS = ("view", "pay", "messages", "submissions")
SELF = "self"  # only the account's own logon: profile, security, access, direct deposit
RECENT_SIGN_IN = timedelta(minutes=15)
# The second steps that let a session open the agency's routes (they read bank account
# numbers): an authenticator app, a passkey, or a recovery code (had only with one of them)
STAFF_METHODS = frozenset({"totp", "passkey", "recovery_code"})

# The cases the current request may touch (None: all of the account's). Set per request
# by `authorize`; services that list or open cases consult `in_scope`.
_scope: ContextVar[frozenset[str] | None] = ContextVar("case_scope", default=None)


@dataclass(frozen=True)
class Caller:
    user_id: str
    session_hash: str
    session_id: str = ""
    client: str | None = None
    signed_in_at: datetime | None = None
    role: str = "parent"
    acting_as: str | None = None  # the grant this session acts under, if a delegate's
    actor_id: str | None = None  # when acting for another parent: the delegate's user id
    actor_name: str | None = None
    grant_id: str | None = None
    # what the grant allows, when acting for another parent (None: the account's own logon)
    permissions: frozenset[str] | None = None
    method: str | None = None  # the session's second step: email, totp, passkey, ...
    # the logon, as read with the session (one request: services/sessions.authenticate);
    # not the parent a delegate acts for, who is read when asked for
    user: User | None = field(default=None, compare=False, repr=False)

    def may(self, permission: str) -> bool:
        """Whether this request may do what the permission covers (for a record reached
        another way than its own route: a message's attachment needs "messages")."""
        return self.permissions is None or permission in self.permissions

    def require_staff(self, duty: str) -> None:
        """Staff whose role carries the route's duty (domain/staff_roles.py), signed in
        with an app or a passkey: emailed codes never open the agency's routes (a mailbox
        taken over must not read a parent's bank account)."""
        if not staff_roles.is_staff(self.role):
            raise Forbidden("This is for agency staff.", code="staff_only")
        if self.method not in STAFF_METHODS:
            raise Forbidden("Agency pages need a sign-in with an authenticator app or a "
                            "passkey. Add one under two-step verification.",
                            code="strong_sign_in_required")
        if not staff_roles.may(self.role, duty):
            raise Forbidden("Your role does not include this.", code="staff_role_refused")

    def require_recent_sign_in(self, now: datetime) -> None:
        """Adding a way to sign in needs a sign-in in the last 15 minutes (as login.gov)."""
        if self.signed_in_at is None or now - self.signed_in_at > RECENT_SIGN_IN:
            raise Forbidden("For your security, sign in again to make this change.",
                            code="recent_sign_in_required")


def current_user(caller: Caller) -> User:
    """The logon the request runs as (the parent, when a delegate acts for one)."""
    if caller.user is not None and caller.user.user_id == caller.user_id:
        return caller.user
    user = users.get(caller.user_id)
    if user is None:
        raise Unauthorized("Your session has ended. Sign in again.", code="session_invalid")
    return user


def reset_scope() -> None:
    """Every request (and job run) starts with no case scope: a container serves many."""
    _scope.set(None)


def in_scope(case_id: str | None) -> bool:
    allowed = _scope.get()
    return allowed is None or case_id is None or case_id in allowed


def authorize(caller: Caller, permission: str | tuple[str, ...], now: datetime) -> Caller:
    """The caller to run the route as: themselves, or (acting for another parent) that
    parent, if the grant is active, not past its last day and holds the permission."""
    _scope.set(None)
    if not caller.acting_as:
        return caller
    grant = grants.get(caller.acting_as)
    if grant is None or grant.delegate_id != caller.user_id or not active(grant, now):
        raise Forbidden("Your access to this account has ended.", code="access_revoked")
    needed = (permission,) if isinstance(permission, str) else permission
    if not any(p in grant.permissions for p in needed if p != SELF):
        raise Forbidden("Your access to this account does not include this.",
                        code="not_permitted")
    _scope.set(frozenset(grant.cases) if grant.cases else None)
    return replace(caller, user_id=grant.grantor_id, actor_id=caller.user_id, user=None,
                   actor_name=grant.delegate_name, grant_id=grant.grant_id,
                   permissions=frozenset(grant.permissions))


def active(grant: Grant, now: datetime) -> bool:
    """Accepted, not ended, and not past its last day (the agency's calendar)."""
    return grant.status == "active" and (
        grant.ends_on is None or agency_date(now).isoformat() <= grant.ends_on)

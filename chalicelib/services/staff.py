"""Agency staff logons: made by the tool (the first administrator by the deploy), then
listed, disabled, enabled, moved to another role and signed out by supervisors and
administrators (domain/staff_roles.py says who may change whose); and who a member is
for a caseworker."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chalicelib.dal import agency, users
from chalicelib.dal.users import STAFF, User
from chalicelib.domain import staff_roles
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.services import sessions, terms
from chalicelib.services.passwords import check_password
from chalicelib.services.scope import Caller


def create_staff(email: str, first_name: str, last_name: str, password: str, role: str,
                 now: datetime) -> str:
    if role not in staff_roles.ROLES:
        raise InvalidInput(fields={"role": f"Choose one of: {', '.join(staff_roles.ROLES)}."})
    check_password(password, [first_name, last_name, email])
    password_hash = hash_secret(password)
    user = User(uuid.uuid4().hex, email=email.strip(), first_name=first_name,
                last_name=last_name, role=role, staff=STAFF, status="active", language="en",
                password_hash=password_hash, password_history=[password_hash],
                password_changed_at=now, created_at=now, verified_at=now, terms_accepted_at=now,
                terms_version=terms.version())
    if not users.create(user, email_key(email)):
        raise Conflict("A logon with that email already exists.", code="email_in_use")
    return user.user_id


def has_administrator() -> bool:
    """Whether an active administrator exists (the deploy's bootstrap makes the first)."""
    return any(u.role == staff_roles.ADMINISTRATOR and u.status == "active"
               for u in users.staff_logons())


def logons() -> list[User]:
    return users.staff_logons()


def disable(caller: Caller, user_id: str) -> User:
    """Disabled: no sign-in, and every session ended at once."""
    target = _changeable(caller, user_id)
    if target.status == "disabled":
        return target
    _not_the_last_administrator(target)
    _save(target, status="disabled")
    sessions.end_all(target.user_id)
    return users.get(user_id) or target


def enable(caller: Caller, user_id: str) -> User:
    target = _changeable(caller, user_id)
    if target.status != "disabled":
        return target
    _save(target, status="active")
    return users.get(user_id) or target


def change_role(caller: Caller, user_id: str, role: str) -> User:
    """Another role; the logon's sessions end (a session keeps the role it started
    with), so the new role applies from the next sign-in."""
    if role not in staff_roles.ROLES:
        raise InvalidInput(fields={"role": f"Choose one of: {', '.join(staff_roles.ROLES)}."})
    target = _changeable(caller, user_id, role)
    if target.role == role:
        return target
    _not_the_last_administrator(target)
    _save(target, role=role)
    sessions.end_all(target.user_id)
    return users.get(user_id) or target


def sign_out(caller: Caller, user_id: str) -> int:
    """Ends every session of the logon; how many there were."""
    return sessions.end_all(_changeable(caller, user_id).user_id)


def _changeable(caller: Caller, user_id: str, new_role: str | None = None) -> User:
    """The staff logon the caller may change: not a parent's (which answers as one that
    does not exist), not the caller's own, and within the caller's role's reach."""
    target = users.get(user_id)
    if target is None or not staff_roles.is_staff(target.role):
        raise NotFound("No staff logon has that id.", code="staff_not_found")
    if target.user_id == caller.user_id:
        raise Forbidden("Another supervisor or administrator changes your own logon.",
                        code="own_logon")
    if not staff_roles.may_manage(caller.role, target.role, new_role):
        raise Forbidden("Your role cannot make that change.", code="staff_role_refused")
    return target


def _not_the_last_administrator(target: User) -> None:
    if target.role != staff_roles.ADMINISTRATOR or target.status != "active":
        return
    others = [u for u in users.staff_logons() if u.user_id != target.user_id
              and u.role == staff_roles.ADMINISTRATOR and u.status == "active"]
    if not others:
        raise Conflict("This is the last active administrator: make another first.",
                       code="last_administrator")


def _save(target: User, **change: str) -> None:
    if not users.set_staff(target.user_id, was_role=target.role, was_status=target.status,
                           **change):
        raise Conflict("The logon changed meanwhile. Look at it again.", code="staff_changed")


@dataclass(frozen=True)
class MemberCard:
    member_id: str
    name: str
    linked: bool  # a portal logon is linked to the member (messages and letters reach it)
    cases: list[tuple[str, str]]  # (case id, the member's role)
    contact: tuple[str, str | None] | None = None  # the logon's preferred (method, number)


def member_card(member_id: str) -> MemberCard:
    """Who a member is, before a caseworker writes to them: one Query (and the linked
    logon's read, for how the parent asked to be reached). NotFound for a number the
    agency's records do not have."""
    items = agency.member_partition(member_id)
    profile = next((i for i in items if i.item == agency.PROFILE), None)
    if profile is None:
        raise NotFound("No member has that number.", code="member_not_found")
    cases = sorted((i.item.removeprefix("CASE#"), i.role or "") for i in items
                   if i.item.startswith("CASE#"))
    logon = users.get(profile.linked_user_id) if profile.linked_user_id else None
    contact = (logon.contact_method, logon.contact_number) if (
        logon and logon.contact_method) else None
    return MemberCard(member_id, profile.full_name, bool(profile.linked_user_id), cases,
                      contact)

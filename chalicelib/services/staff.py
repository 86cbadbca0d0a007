"""Agency staff logons, and who a member is for a caseworker."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chalicelib.dal import agency, users
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.errors import Conflict, NotFound
from chalicelib.services.passwords import check_password


def create_caseworker(email: str, first_name: str, last_name: str, password: str,
                      now: datetime) -> str:
    check_password(password, [first_name, last_name, email])
    password_hash = hash_secret(password)
    user = User(uuid.uuid4().hex, email=email.strip(), first_name=first_name,
                last_name=last_name, role="caseworker", status="active", language="en",
                password_hash=password_hash, password_history=[password_hash],
                password_changed_at=now, created_at=now, verified_at=now, terms_accepted_at=now)
    if not users.create(user, email_key(email)):
        raise Conflict("A logon with that email already exists.", code="email_in_use")
    return user.user_id


@dataclass(frozen=True)
class MemberCard:
    member_id: str
    name: str
    linked: bool  # a portal logon is linked to the member (messages and letters reach it)
    cases: list[tuple[str, str]]  # (case id, the member's role)


def member_card(member_id: str) -> MemberCard:
    """Who a member is, before a caseworker writes to them: one Query. NotFound for a
    number the agency's records do not have."""
    items = agency.member_partition(member_id)
    profile = next((i for i in items if i.item == agency.PROFILE), None)
    if profile is None:
        raise NotFound("No member has that number.", code="member_not_found")
    cases = sorted((i.item.removeprefix("CASE#"), i.role or "") for i in items
                   if i.item.startswith("CASE#"))
    return MemberCard(member_id, profile.full_name, bool(profile.linked_user_id), cases)

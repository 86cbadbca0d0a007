"""Redeem Code (Alaska's Submissions section): a single-use code the agency sent by
letter, email or text opens what it was issued for. Before a logon is linked, a code
links it to the member (association); after, a code opens a request the agency filled
in ahead, as a draft for the parent to finish. Only a hash of a code is kept."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.dal import agency
from chalicelib.dal.agency import MemberItem
from chalicelib.dal.base import ttl_after
from chalicelib.domain import recovery_codes
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import Forbidden, InvalidInput, NotFound
from chalicelib.services import association, submissions
from chalicelib.services.association import Confirmation
from chalicelib.services.scope import Caller, current_user


@dataclass(frozen=True)
class Redeemed:
    opened: str  # association | submission
    confirmation: Confirmation | None = None
    submission: object | None = None


def _key(code: str) -> str:
    return token_hash(recovery_codes.normalize(code))


def redeem(caller: Caller, code: str, now: datetime) -> Redeemed:
    user = current_user(caller)
    if not user.member_id:
        # linking a logon to a member is the logon's own to do, as /association/* is
        if caller.actor_id:
            raise Forbidden("Your access to this account does not include this.",
                            code="not_permitted")
        return Redeemed("association", confirmation=association.redeem(
            user, code, now, caller.client))
    item = agency.take_code(user.member_id, _key(code), now, user.user_id)
    if item is None:
        raise InvalidInput("That code is not valid, was already used or has expired.",
                           code="code_invalid", fields={"code": "Check the code."})
    return Redeemed("submission", submission=submissions.start_from_code(caller, item, now))


def issue_request_code(staff: Caller, member_id: str, type_id: str, case_id: str | None,
                       answers: dict[str, dict[str, Any]], days: int,
                       now: datetime) -> tuple[str, datetime]:
    """A code that opens a request of the type, pre-filled, for the member's logon."""
    t = submissions.request_type(type_id)
    member = agency.member(member_id)
    if member is None:
        raise NotFound("No member has that number.", code="member_not_found")
    if t.needs_case:
        roles = {i.item.removeprefix("CASE#"): i.role for i in agency.member_partition(member_id)
                 if i.item.startswith("CASE#")}
        if case_id not in roles:
            raise InvalidInput(fields={"case_id": "Choose a case of this member."})
        if not t.may_file(roles[case_id]):
            raise Forbidden(f"{t.title} is not for the {roles[case_id]} on this case.",
                            code="not_eligible")
    clean = submissions.checked_answers(type_id, answers)
    code = recovery_codes.generate(1)[0][:14]  # XXXX-XXXX-XXXX: 60 random bits
    expires_at = now + timedelta(days=days)
    agency.put_code(MemberItem(member_id, f"CODE#{_key(code)}", request_type=t.id,
                               code_case_id=case_id if t.needs_case else None, answers=clean,
                               expires_at=expires_at, issued_by=staff.user_id, updated_at=now,
                               code_purge_on=ttl_after(expires_at).date().isoformat()),
                    member.linked_user_id)
    return code, expires_at


"""Direct deposit for parents who receive support (Kentucky's "update your electronic
deposit information"): the bank account the agency disburses to.

The account belongs to the member (the agency's record), not to the logon. The number
is kept only as KMS ciphertext bound to the member, for the agency's disbursements; the
parent sees the last four digits. A change needs a sign-in in the last 15 minutes, and
the confirmation goes to every address we know for the parent, including the one the
agency has on file and earlier sign-in addresses, so that whoever took over a logon
cannot move the money quietly."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.dal import agency
from chalicelib.dal.agency import DEPOSIT, MemberItem
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.domain import bank
from chalicelib.domain.contact import email_key
from chalicelib.errors import Forbidden, InvalidInput, NotFound
from chalicelib.integrations import kms
from chalicelib.observability import logger
from chalicelib.services import activity, notices
from chalicelib.services.scope import Caller, current_user


def current(caller: Caller) -> MemberItem | None:
    """The obligee's direct deposit account, None if they are paid another way."""
    _, deposit = _obligee(current_user(caller))
    return deposit


def enroll(caller: Caller, routing: str, account: str, confirmation: str, kind: str,
           holder: str, now: datetime) -> MemberItem:
    """Starts or changes direct deposit to this account."""
    caller.require_recent_sign_in(now)
    problems = bank.account_problems(routing, account)
    if "account_number" not in problems and confirmation != account:
        problems["account_number_confirmation"] = "The account numbers do not match."
    if problems:
        raise InvalidInput(fields=problems)
    user = current_user(caller)
    member, before = _obligee(user)
    item = MemberItem(user.member_id, DEPOSIT, routing_number=routing, account_kind=kind,
                      holder_name=holder, last4=bank.last_four(account),
                      account_ciphertext=kms.encrypt(account.encode(), _context(user.member_id)),
                      changed_by=user.user_id, updated_at=now)
    agency.save_direct_deposit(item)
    change = "changed" if before else "enrolled"
    activity.record(user.user_id, "direct_deposit_" + change, now, client=caller.client,
                    last4=item.last4,
                    mail=_notices(user, member, now, change=change, last4=item.last4,
                                  old_last4=before.last4 if before else None))
    return item


def stop(caller: Caller, now: datetime) -> None:
    """Stops direct deposit: the agency pays the parent its default way again."""
    caller.require_recent_sign_in(now)
    user = current_user(caller)
    member, before = _obligee(user)
    if before is None or not agency.remove_direct_deposit(user.member_id):
        raise NotFound("Direct deposit is not set up.", code="direct_deposit_not_found")
    activity.record(user.user_id, "direct_deposit_stopped", now, client=caller.client,
                    last4=before.last4,
                    mail=_notices(user, member, now, change="stopped", old_last4=before.last4))


def for_disbursement(member_id: str, staff_id: str) -> tuple[MemberItem, str]:
    """The member's direct deposit account with its full number, for the agency's
    disbursement (the parent never sees the number again). Each read is logged."""
    deposit = agency.member_item(member_id, DEPOSIT)
    if deposit is None:
        raise NotFound("This member has no direct deposit account.",
                       code="direct_deposit_not_found")
    logger.info("direct deposit read", extra={"staff_id": staff_id, "member_id": member_id})
    return deposit, kms.decrypt(deposit.account_ciphertext, _context(member_id)).decode()


def _obligee(user: User) -> tuple[MemberItem | None, MemberItem | None]:
    """The member's profile and direct deposit item, if the member receives support on
    a case (one Query); 403 otherwise."""
    items = agency.member_partition(user.member_id) if user.member_id else []
    if not any(i.item.startswith("CASE#") and i.role == "obligee" for i in items):
        raise Forbidden("Direct deposit is for parents who receive support.",
                        code="not_an_obligee")
    found = {i.item: i for i in items}
    return found.get(agency.PROFILE), found.get(DEPOSIT)


def _context(member_id: str) -> dict[str, str]:
    return {"member_id": member_id, "purpose": "direct_deposit"}


def _notices(user: User, member: MemberItem | None, now: datetime,
             **detail: Any) -> list[Mail]:
    """To the sign-in address, every confirmed other address and the agency's address."""
    addresses = [user.email] + [e.address for e in user.other_emails if e.verified_at]
    if member is not None and member.email:
        addresses.append(member.email)
    seen: set[str] = set()
    told: list[Mail] = []
    for address in addresses:
        if email_key(address) not in seen:
            seen.add(email_key(address))
            told += notices.notice(user, "direct_deposit", now, to=address, changed_at=now,
                                   **{"last4": None, "old_last4": None, **detail})
    return told

"""The phone PIN (Arizona's DCSS asks a caller for it): the parent sets six digits in
Security (services/profile.change_phone_pin, hashed as a password is, never shown), and
the agency's phone staff check the PIN a caller gives against the member's logon. Its
own lockout: five wrong PINs for one member within an hour lock its checks for an hour
(whoever checks), so a caller cannot try PINs through a patient agent. Each check is in
the parent's activity, by whom."""
from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.dal import agency, throttles, users
from chalicelib.domain.secrets import verify_secret
from chalicelib.errors import Conflict, NotFound, Throttled
from chalicelib.services import activity

WRONG_PINS, WINDOW, LOCK = 5, timedelta(hours=1), timedelta(hours=1)


def check(member_id: str, pin: str, staff_id: str, now: datetime) -> bool:
    """Whether the PIN is the member's; Throttled while the member's checks are locked."""
    member = agency.member(member_id)
    if member is None:
        raise NotFound("No member has that number.", code="member_not_found")
    key = f"phone-pin#{member_id}"
    locked = throttles.status(key, now).locked_until
    if locked is not None:
        raise Throttled("Too many wrong PINs for this member: checks are locked for an "
                        "hour. Verify the caller another way.", code="phone_pin_locked",
                        retry_after=max(int((locked - now).total_seconds()), 1))
    user = users.get(member.linked_user_id) if member.linked_user_id else None
    if user is None or not user.phone_pin_hash:
        raise Conflict("This member has set no phone PIN: verify the caller another way.",
                       code="no_phone_pin")
    matches = verify_secret(user.phone_pin_hash, pin)
    if not matches:
        throttles.record_failure(key, now, WINDOW, WRONG_PINS, LOCK)
    activity.record(user.user_id, "phone_pin_checked", now, actor=staff_id,
                    result="matched" if matches else "wrong")
    return matches

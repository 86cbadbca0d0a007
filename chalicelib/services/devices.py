"""The devices a person signs in from, so a sign-in from a new one can be told to them
(login.gov's "new device" email; issue #22). A device is the web client's device cookie
(handlers/cookies.py) or, for another client, its description; the logon keeps the last
10 as keyed hashes, newest first. The first device a logon ever signs in from is no
news; a sign-in from one not among the last 10 is, unless the person turned the notice
off in their settings."""
from __future__ import annotations

from datetime import datetime

from chalicelib.dal.activity import Event
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.domain.secrets import keyed_hash
from chalicelib.integrations import secrets
from chalicelib.services import activity, notices

KEPT = 10


def signing_in_from(user: User, device: str, now: datetime, client: str | None
                    ) -> tuple[list[str] | None, list[Event | Mail]]:
    """For the sign-in's transaction: the logon's devices once this one is first among
    them (None: it already is, nothing to write), and the new items that tell of a new
    device (its activity event and notice), if it is one."""
    # hashed with the current key; one hashed with the previous (before a rotation,
    # integrations/secrets.py) is the same device, kept again under the current
    key, *before = [keyed_hash(k.value, "device", device) for k in secrets.ssn_keys()]
    known = list(user.devices or [])
    if known[:1] == [key]:
        return None, []  # the usual device: nothing to write
    seen = key in known or any(k in known for k in before)
    kept = [key, *(k for k in known if k != key and k not in before)][:KEPT]
    if not known or seen:
        return kept, []
    mail = (notices.notice(user, "new_device", now, client=client or "", signed_in_at=now)
            if user.notify_new_device else [])
    return kept, [activity.event(user.user_id, "new_device", now, client=client), *mail]

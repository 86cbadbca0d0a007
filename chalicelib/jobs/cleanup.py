"""Keeping tables small: single-use tokens (verification and reset links, sign-in and
association codes, passkey challenges, mailed redeem codes) and request codes are deleted once their grace
after expiry is over (every read refuses them when expired; DynamoDB TTL is the
backstop), and registrations never verified within 7 days are purged, freeing the
email address."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

from chalicelib.dal import agency, tokens, users
from chalicelib.domain.contact import email_key
from chalicelib.jobs.runs import Run, job

LOOK_BACK_DAYS = 3


def _days(run: Run):
    today = run.now.date()
    return [(today - timedelta(days=back)).isoformat() for back in range(LOOK_BACK_DAYS, -1, -1)]


@job("expire_tokens")
def expire_tokens(run: Run) -> None:
    for day in _days(run):
        run.each(run.pages(partial(tokens.purgeable_on, day)),
                 lambda key: None if tokens.purge(key.token_hash, run.now) else "skipped")
        run.each(run.pages(partial(agency.codes_to_purge, day)),
                 lambda key: None if agency.purge_code(key.member_id, key.item, run.now)
                 else "skipped")


@job("purge_unverified")
def purge_unverified(run: Run) -> None:
    for day in _days(run):
        run.each(run.pages(partial(users.unverified_until, day)),
                 lambda key: _purge(run, key))


def _purge(run: Run, entry) -> str | None:
    """The index entry holds the address to free; the registration goes only if it is
    still pending and due (a condition of the write), so nothing else is read."""
    if not entry.email:
        return "skipped"
    purged = users.purge_pending(entry.user_id, email_key(entry.email),
                                 run.now.date().isoformat())
    return None if purged else "skipped"

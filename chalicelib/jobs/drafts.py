"""Drafts: a reminder 7 days and 1 day before a draft expires ("This may expire if it is
not submitted"), then the draft is marked expired (and leaves the expiry index)."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

from chalicelib.dal import submissions as store
from chalicelib.dal import users
from chalicelib.dal.errors import Stale
from chalicelib.jobs.runs import Run, job
from chalicelib.services import notices
from chalicelib.services.submissions import request_type

REMIND_BEFORE = (7, 1)
LOOK_BACK_DAYS = 3  # a day missed by a failed run is still taken


@job("drafts")
def drafts(run: Run) -> None:
    today = run.now.date()
    for days in REMIND_BEFORE:
        day = (today + timedelta(days=days)).isoformat()
        run.each(run.pages(partial(store.expiring_on, day)),
                 partial(_remind, run, day=day, days=days))
    for back in range(LOOK_BACK_DAYS, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        run.each(run.pages(partial(store.expiring_on, day)),
                 lambda draft: _expire(run, draft))


def _remind(run: Run, draft, day: str, days: int) -> str:
    if draft.status != "draft" or draft.draft_expires_on != day:
        return "skipped"
    user = users.get(draft.user_id)
    if user is None:
        return "skipped"
    return run.once(f"{draft.submission_id}:{draft.expires_at.isoformat()}:{days}d",
                    notices.notice(user, "draft_expiring", run.now,
                                   title=request_type(draft.type).title,
                                   expires_at=draft.expires_at))


def _expire(run: Run, draft) -> str | None:
    """Acts on the index's copy: if the draft was saved since, its version refuses."""
    if draft.status != "draft" or draft.expires_at > run.now:
        return "skipped"
    draft.status = "expired"
    store.index_fields(draft)
    try:
        store.save(draft)
    except Stale:  # saved meanwhile: no longer due
        return "skipped"
    return None

"""Items read by a job run over a large table: 100,000 drafts of which 1,000 expire on
the run's day; the others expire over the next months. The drafts job must read about
the due ones only (target: at most 1.1 x the due count)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

TOTAL, DUE = 100_000, 1_000
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def seed(total: int, due: int) -> None:
    from chalicelib.dal import submissions as store
    from chalicelib.dal.submissions import Submission

    later = total - due
    with Submission.batch_write() as batch:
        for i in range(total):
            expires = (NOW - timedelta(hours=1) if i < due
                       else NOW + timedelta(days=10 + (i - due) * 98 // later))
            draft = Submission(f"user-{i % 5000:05d}", f"20260501000000-{i:06d}",
                               type="close_case", status="draft", case_id="000020108",
                               answers={}, created_at=expires - timedelta(days=30),
                               updated_at=expires - timedelta(days=30), expires_at=expires,
                               version=1)
            store.index_fields(draft)
            batch.save(draft)


def items_read(total: int = TOTAL, due: int = DUE) -> dict:
    """Runs the drafts job over a seeded table; returns its figures."""
    from chalicelib import jobs
    from tests.bench.requests import ITEMS

    seed(total, due)
    before = ITEMS.items
    done = jobs.run("drafts", NOW)
    read = ITEMS.items - before
    assert done.failed == 0 and done.read == due, done
    return {"job": "drafts (expire the day's drafts)", "total": total, "due": due,
            "read": read, "ratio": read / due}

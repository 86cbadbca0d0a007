"""A payment counts the user's pending payments among the recent ones only, and reads
back only those (issue #27: make load found each payment reading the parent's whole
history, then every recent payment whole)."""
from datetime import datetime, timedelta, timezone

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def test_a_users_pending_payments_are_read_without_the_older_ones(aws):
    from chalicelib.dal import payments
    from chalicelib.dal.payments import Payment
    from tests.bench.requests import ITEMS

    for days, status in ((400, "pending"), (100, "posted"), (10, "pending"), (5, "posted"),
                         (1, "pending")):
        made = NOW - timedelta(days=days)
        Payment("u1", f"{made:%Y%m%d%H%M%S}-0000000{days % 10}", amount_cents=100 + days,
                member_id="04025286", case_id="000020108", method="bank",
                processor_key=f"k{days}", status=status, last4="6789", created_at=made,
                distribution=[]).save()
    before = ITEMS.items
    pending = payments.pending_of_user("u1", since=NOW - timedelta(days=45))
    assert [int(p.amount_cents) for p in pending] == [110, 101]
    assert ITEMS.items - before == 3  # the older two not even examined
    # only what counts a payment against what is owed comes back
    assert pending[0].case_id == "000020108" and pending[0].last4 is None
    assert len(payments.of_user("u1")) == 5

"""A payment looks for the user's pending payments among the recent ones only (issue #27:
make load found each payment reading the parent's whole history)."""
from datetime import datetime, timezone

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def test_a_users_recent_payments_are_read_without_the_older_ones(aws):
    from datetime import timedelta

    from chalicelib.dal import payments
    from chalicelib.dal.payments import Payment
    from tests.bench.requests import ITEMS

    for days in (400, 100, 10, 1):
        made = NOW - timedelta(days=days)
        Payment("u1", f"{made:%Y%m%d%H%M%S}-0000000{days % 10}", amount_cents=100,
                member_id="04025286", method="bank", processor_key=f"k{days}",
                status="pending", last4="6789", created_at=made).save()
    before = ITEMS.items
    recent = payments.of_user("u1", since=NOW - timedelta(days=45))
    assert [p.created_at for p in recent] == [NOW - timedelta(days=10), NOW - timedelta(days=1)]
    assert ITEMS.items - before == 2  # the older two not even examined
    assert len(payments.of_user("u1")) == 4

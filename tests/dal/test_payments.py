"""A payer's pending totals (dal/payments.py): a pending payment is added to the total
of what it pays, in the transaction that makes it, and taken from it in the one that
moves it on, once; a payment made before the totals were kept is in none (issue #27:
a payment read the payer's pending payments with a Query that grew with them)."""
from datetime import datetime, timezone

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def _payment(n: int, amount: int, **paying):
    from chalicelib.dal.payments import Payment

    return Payment("u1", f"20260615120000-0000000{n}", amount_cents=amount, member_id="04025286",
                   method="bank", processor_key=f"k{n}", status="pending", last4="6789",
                   created_at=NOW, **paying)


def _totals():
    from chalicelib.dal import payments
    from chalicelib.dal.base import get_together

    keys = [payments.pending_key("u1", "000020108"), payments.pending_key("u1", all_cases=True),
            payments.pending_key("u1", fee_account="F1")]
    return [payments.pending_cents(t) for t in get_together(*keys)]


def test_a_pending_payment_is_in_its_total_until_it_moves_on_once(aws):
    from chalicelib.dal import payments

    case, every, fees = (_payment(1, 1000, case_id="000020108"),
                         _payment(2, 250, case_ids=["000020108", "000030001"]),
                         _payment(3, 75, fee_account="F1"))
    payments.add(case)
    payments.add(every)
    payments.add(fees)
    assert _totals() == [1000, 250, 75]
    assert payments.settle(case, "posted", NOW) is True
    assert payments.settle(case, "posted", NOW) is False  # moved on already: once
    assert payments.fail(every, NOW, "no charge") is True
    assert payments.fail(every, NOW, "no charge") is False
    assert _totals() == [0, 0, 75]
    posted = payments.get("u1", case.payment_id)
    assert payments.settle(posted, "returned", NOW, reason="R01") is True  # not pending
    assert _totals() == [0, 0, 75]


def test_a_payment_made_before_the_totals_were_kept_is_taken_from_none(aws):
    from chalicelib.dal import payments

    older = _payment(4, 500, case_id="000020108")
    older.save()  # as a payment made before: not counted
    payments.add(_payment(5, 300, case_id="000020108"))
    assert payments.settle(payments.get("u1", older.payment_id), "posted", NOW) is True
    assert _totals() == [300, 0, 0]


def test_a_total_read_below_nothing_counts_as_nothing(aws):
    from chalicelib.dal import payments
    from chalicelib.dal.counters import Counter

    assert payments.pending_cents(None) == 0
    assert payments.pending_cents(Counter("x", value=-5)) == 0

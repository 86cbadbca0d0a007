from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.ledger import Entry, PeriodTotal, balances, outstanding_by_period, totals


def test_the_alaska_example_800_arrears_and_this_month_met():
    # Given $800 unpaid from last year and this month's $0 obligation
    entries = [Entry(date(2025, 1, 1), "charge", 80000)]
    result = balances(totals(entries), "2026-11")
    assert (result.current_due, result.arrears, result.total) == (0, 80000, 80000)
    assert result.obligation_met


def test_a_payment_goes_to_the_current_month_first_then_the_oldest_arrears():
    periods = {"2026-09": PeriodTotal(50000, 0), "2026-10": PeriodTotal(50000, 0),
               "2026-11": PeriodTotal(50000, 70000)}
    assert outstanding_by_period(periods, "2026-11") == {
        "2026-09": 30000, "2026-10": 50000, "2026-11": 0}
    result = balances(periods, "2026-11")
    assert result.obligation_met and result.arrears == 80000 and result.total == 80000


def test_a_partial_payment_leaves_the_month_unmet():
    result = balances({"2026-11": PeriodTotal(50000, 20000)}, "2026-11")
    assert not result.obligation_met and result.current_due == 30000 and result.arrears == 0


def test_future_periods_do_not_count_yet():
    result = balances({"2026-11": PeriodTotal(500, 0), "2026-12": PeriodTotal(500, 0)}, "2026-11")
    assert result.total == 500


def test_an_overpayment_is_a_credit():
    result = balances({"2026-11": PeriodTotal(500, 800)}, "2026-11")
    assert result.total == -300 and result.current_due == 0 and result.arrears == 0


def test_negative_adjustments_reduce_what_is_owed():
    entries = [Entry(date(2026, 10, 1), "charge", 1000),
               Entry(date(2026, 10, 5), "adjustment", -400),
               Entry(date(2026, 10, 6), "interest", 15)]
    assert totals(entries) == {"2026-10": PeriodTotal(615, 0)}


@given(st.dictionaries(
    st.sampled_from([f"2026-{m:02d}" for m in range(1, 13)]),
    st.tuples(st.integers(-10 ** 6, 10 ** 7), st.integers(0, 10 ** 7)), max_size=12))
def test_distribution_never_loses_or_makes_money(raw):
    periods = {p: PeriodTotal(c, d) for p, (c, d) in raw.items()}
    result = balances(periods, "2026-12")
    assert result.total == sum(t.charged - t.paid for t in periods.values())
    assert result.current_due >= 0 and result.arrears >= 0
    assert result.current_due + result.arrears == max(result.total, 0)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.arrears_plan import ImpossiblePlan, plan


def test_800_over_12_months():
    result = plan(80000, months=12)
    assert result.monthly == 6667 and result.months == 12
    assert result.last_payment == 80000 - 11 * 6667 == 6663
    assert result.schedule[-1].remaining == 0


def test_800_at_150_a_month_takes_6_months():
    result = plan(80000, monthly=15000)
    assert result.months == 6 and result.last_payment == 5000


@pytest.mark.parametrize("kwargs, words", [
    ({"balance": 0, "months": 3}, "no arrears"),
    ({"balance": 100, "months": 3, "monthly": 50}, "not both"),
    ({"balance": 100}, "either"),
    ({"balance": 100, "months": 0}, "1 to 600"),
    ({"balance": 100000000, "monthly": 100}, "more than 50 years"),
    ({"balance": 10000, "monthly": 99}, "at least $1.00"),
    ({"balance": 100, "months": 600}, "at least $1.00"),
])
def test_impossible_plans_are_refused_clearly(kwargs, words):
    with pytest.raises(ImpossiblePlan, match=words.replace("$", r"\$")):
        plan(**kwargs)


@given(st.integers(1, 10 ** 9), st.integers(1, 600))
def test_a_plan_always_pays_exactly_the_balance(balance, months):
    try:
        result = plan(balance, months=months)
    except ImpossiblePlan:
        assert balance / months < 100
        return
    assert sum(i.payment for i in result.schedule) == balance
    assert result.months <= months

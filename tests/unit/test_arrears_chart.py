"""Alaska's arrears amortization chart, 15 AAC 125.545(a) (data/AK/arrears_chart.json), at
its boundaries, and the pay-off with interest accruing (AS 25.27.025's 6% a year, charged
monthly on the unpaid principal as 15 AAC 125.840(a) does)."""
import json
from fractions import Fraction
from pathlib import Path

import pytest

from chalicelib.domain.arrears_chart import Chart
from chalicelib.domain.arrears_plan import ImpossiblePlan, payoff_with_interest

CHART = Chart.from_data(json.loads(
    (Path(__file__).resolve().parents[2] / "chalicelib/data/AK/arrears_chart.json").read_text()))
INCOME = 5000000  # $50,000 adjusted annual income: above the chart's $20,400


@pytest.mark.parametrize("owed,monthly", [
    (2500, 2500), (39999, 2500), (40000, 3000), (199999, 10500), (200000, 11500),
    (224999, 11500), (225000, 12500), (399999, 18500), (400000, 19500), (499999, 20500),
    (500000, 21500), (1899999, 34500), (1900000, 35500), (6000000, 76500),
    (10899999, 124500)])
def test_the_chart_at_its_boundaries_15_aac_125_545_a(owed, monthly):
    """Each row as the regulation prints it: $25-$399 is $25 a month, $400-$499 $30 ...
    $2,000-$2,249 $115 ... $5,000-$5,999 $215 ... $108,000-$108,999 $1,245."""
    answer = CHART.monthly(INCOME, owed)
    assert (answer.outcome, answer.monthly_cents) == ("charted", monthly)


def test_the_chart_applies_above_20400_of_adjusted_income_only_15_aac_125_545_a():
    assert CHART.monthly(2040000, 100000).outcome == "income_too_low"  # (b)'s chart
    assert CHART.monthly(2040001, 100000).monthly_cents == 6000


def test_outside_the_rows_the_chart_does_not_answer():
    assert CHART.monthly(INCOME, 10900000).outcome == "above_chart"
    assert (CHART.monthly(INCOME, 2499).outcome, CHART.monthly(INCOME, 2499).monthly_cents) == (
        "below_chart", 2499)  # less than a row: paid at once


def test_the_chart_is_whole_and_in_order():
    assert all(x.high + 1 == y.low and x.monthly < y.monthly
               for x, y in zip(CHART.bands, CHART.bands[1:], strict=False))
    with pytest.raises(ValueError):
        Chart.from_data({"chart": "x", "income_above_cents": 0, "rows": [[1, 5, 1], [7, 9, 2]]})


def test_the_pay_off_with_interest_accruing_as_25_27_025():
    """$1,000 at $250 a month: principal first; 0.5% a month on what is unpaid of it
    ($3.75, $2.50, $1.25), paid in a fifth month."""
    payoff = payoff_with_interest(100000, 25000, Fraction(6))
    assert (payoff.months, payoff.interest) == (5, 750)
    assert payoff_with_interest(100000, 25000, Fraction(0)).months == 4
    with pytest.raises(ImpossiblePlan):
        payoff_with_interest(10 ** 9, 100, Fraction(6))

"""Alaska Civil Rule 90.3: the worked examples published in the rule's commentary, to the
cent, and each of the rule's figures (cap, minimum, low-income adjustment, limits)."""
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from chalicelib.domain.support_guideline import (
    Children,
    EstimateRefused,
    Income,
    adjusted_income,
    cents,
    estimate,
    figures_on,
)

RULE = json.loads((Path(__file__).resolve().parents[2]
                   / "chalicelib/data/AK/support_guideline.json").read_text())
FIGURES = figures_on(RULE["figures"], date(2026, 3, 2))


def plain(dollars: int) -> Income:
    """A parent whose adjusted annual income is `dollars` (no deductions)."""
    return Income(total=dollars * 100)


def test_commentary_v_e_sample_hybrid_custody_calculation():
    # Four children; mother (A) has primary custody of two, the other two are shared
    # 70% with mother, 30% with father. Father $50,000, mother $40,000 adjusted income.
    children = Children(primary_with_a=2, shared=2, shared_time_with_a=Fraction(70, 100))
    result = estimate(children, {"a": plain(40_000), "b": plain(50_000)}, FIGURES)
    steps = [(s.code, s.parent, s.amount) for s in result.steps]
    assert steps == [
        ("primary", "b", 900_000),        # Step Two: $50,000 x 18% = $9,000
        ("shared_base", "a", 720_000),    # $40,000 x 18% = $7,200
        ("shared_time", "a", 216_000),    # x 30% = $2,160
        ("shared_base", "b", 900_000),    # $50,000 x 18% = $9,000
        ("shared_time", "b", 630_000),    # x 70% = $6,300
        ("shared_award", "b", 621_000),   # ($6,300 - $2,160) x 1.5 = $6,210
    ]
    assert result.custody == "hybrid"
    assert (result.obligor, result.annual) == ("b", 1_521_000)  # Step Four: $15,210
    assert result.monthly == 126_750


def test_commentary_xi_third_party_custody_example():
    # Father (A) has two children, the mother's sister has the third; both parents have
    # $45,000 adjusted annual income.
    children = Children(primary_with_a=2, third_party=1)
    result = estimate(children, {"a": plain(45_000), "b": plain(45_000)}, FIGURES)
    # 90.3(i)(1): $45,000 x 33% x 1/3 = $4,950 a year to the sister, from each parent.
    assert result.third_party == {"a": 495_000, "b": 495_000}
    # 90.3(i)(2): pro rata 11% a child, so the mother owes the father $45,000 x 22%.
    assert (result.custody, result.obligor, result.annual) == ("primary", "b", 990_000)


def test_commentary_v_d_divided_custody_offsets_the_two_primary_amounts():
    # Father (A) has one child, mother (B) three: father owes 33% of his income for three,
    # offset by 20% of the mother's for one.
    children = Children(primary_with_a=1, primary_with_b=3)
    result = estimate(children, {"a": plain(60_000), "b": plain(36_000)}, FIGURES)
    assert [(s.code, s.parent, s.amount) for s in result.steps] == [
        ("primary", "b", 720_000), ("primary", "a", 1_980_000), ("offset", None, 1_260_000)]
    assert (result.custody, result.obligor, result.annual) == ("divided", "a", 1_260_000)


@pytest.mark.parametrize("count, percent", [(1, 20), (2, 27), (3, 33), (4, 36), (6, 42)])
def test_primary_custody_percentages(count, percent):
    result = estimate(Children(primary_with_a=count), {"b": plain(50_000)}, FIGURES)
    assert (result.custody, result.obligor) == ("primary", "b")
    assert result.annual == 50_000 * percent


def test_income_over_the_cap_is_not_counted():
    result = estimate(Children(primary_with_b=1), {"a": plain(150_000)}, FIGURES)
    assert result.incomes["a"].counted == 13_800_000
    assert result.annual == 2_760_000 and result.monthly == 230_000


def test_the_minimum_is_fifty_dollars_a_month():
    result = estimate(Children(primary_with_b=2), {"a": plain(1_000)}, FIGURES)
    assert [s.code for s in result.steps] == ["primary", "minimum"]
    assert result.annual == 60_000 and result.monthly == 5_000


def test_low_income_adjustment_takes_the_lesser_amount():
    income = Income(total=2_400_000, income_tax=100_000, social_security_tax=148_800,
                    medicare_tax=34_800)
    adjusted = adjusted_income(income, FIGURES)
    assert adjusted.itemized == 2_116_400
    assert adjusted.low_income == 1_650_000  # $24,000 - $7,500
    assert adjusted.adjusted == 1_650_000
    over = adjusted_income(Income(total=3_000_001), FIGURES)
    assert over.low_income is None and over.adjusted == 3_000_001


def test_deductions_and_their_limits():
    income = Income(total=10_000_000, income_tax=1_200_000, social_security_tax=620_000,
                    medicare_tax=145_000, union_dues=60_000, mandatory_retirement=500_000,
                    voluntary_retirement=600_000, prior_child_support=300_000,
                    prior_spousal_support=100_000, child_care=400_000,
                    health_insurance=1_500_000, life_insurance=200_000)
    adjusted = adjusted_income(income, FIGURES)
    allowed = {d.name: d.allowed for d in adjusted.deductions}
    assert allowed["voluntary_retirement"] == 250_000  # 7.5% of total minus mandatory
    assert allowed["health_insurance"] == 1_000_000  # 10% of total
    assert allowed["life_insurance"] == 120_000  # $1,200 a year
    assert adjusted.adjusted == 10_000_000 - sum(allowed.values()) == 5_305_000


def test_shared_custody_is_capped_at_the_primary_amount():
    # Equal time, one parent without income: the difference times 1.5 would exceed what
    # the earner would pay with primary custody, so the primary amount applies.
    children = Children(shared=1, shared_time_with_a=Fraction(1, 2))
    result = estimate(children, {"a": plain(0), "b": plain(60_000)}, FIGURES)
    codes = [s.code for s in result.steps]
    assert codes == ["shared_base", "minimum", "shared_time", "shared_base", "shared_time",
                     "shared_award"]
    # A: $0 -> minimum $600 x 50% = $300; B: $12,000 x 50% = $6,000; ($5,700) x 1.5
    assert (result.obligor, result.annual) == ("b", 855_000)
    capped = estimate(Children(shared=1, shared_time_with_a=Fraction(30, 100)),
                      {"a": plain(0), "b": plain(60_000)}, FIGURES)
    # B: $12,000 x 30% = $3,600; A: $600 x 70% = $420; x 1.5 = $4,770 (under $12,000)
    assert capped.annual == 477_000
    equal = estimate(Children(shared=2, shared_time_with_a=Fraction(1, 2)),
                     {"a": plain(40_000), "b": plain(40_000)}, FIGURES)
    assert (equal.obligor, equal.annual) == (None, 0)


def test_shared_limit_applies_when_the_award_exceeds_the_primary_amount():
    children = Children(shared=1, shared_time_with_a=Fraction(70, 100))
    result = estimate(children, {"a": plain(0), "b": plain(100_000)}, FIGURES)
    # B: $20,000 x 70% = $14,000; A: $600 x 30% = $180; x 1.5 = $20,730 > $20,000
    assert result.steps[-1].code == "shared_limit"
    assert (result.obligor, result.annual) == ("b", 2_000_000)


@pytest.mark.parametrize("children, incomes, message", [
    (Children(), {"a": plain(1)}, "at least one child"),
    (Children(primary_with_a=21), {"b": plain(1)}, "up to 20"),
    (Children(primary_with_a=1), {"a": plain(1)}, "income of parent B"),
    (Children(shared=1), {"a": plain(1), "b": plain(1)}, "share of the year"),
    (Children(shared=1, shared_time_with_a=Fraction(80, 100)),
     {"a": plain(1), "b": plain(1)}, "at least 30%"),
    (Children(primary_with_a=1, shared_time_with_a=Fraction(1, 2)),
     {"b": plain(1)}, "only to shared"),
    (Children(third_party=1), {}, "at least one parent"),
])
def test_refusals(children, incomes, message):
    with pytest.raises(EstimateRefused, match=message):
        estimate(children, incomes, FIGURES)


def test_figures_are_dated():
    rows = RULE["figures"] + [dict(RULE["figures"][0], effective="2027-01-01",
                                   income_cap_cents=15_000_000)]
    assert figures_on(rows, date(2026, 12, 31)).income_cap == 13_800_000
    assert figures_on(rows, date(2027, 1, 1)).income_cap == 15_000_000
    with pytest.raises(EstimateRefused, match="not on file"):
        figures_on(rows, date(2020, 1, 1))


def test_rounding_is_half_up_to_the_cent():
    assert cents(Fraction(1, 2)) == 1 and cents(Fraction(149, 100)) == 1
    assert cents(Fraction(5, 2)) == 3 and cents(0) == 0


def test_shared_custody_multiplies_the_exact_difference_rule_90_3_b_1():
    """90.3(b)(1): each parent's amount times the other's share of time, and the difference
    times 1.5. The weighted amounts are shown to the cent, but the award is computed from
    them as they are: rounding each first made it a cent off for 4 of 10 inputs."""
    children = Children(shared=1, shared_time_with_a=Fraction(37, 100))
    result = estimate(children, {"a": Income(total=3_000_033), "b": Income(total=4_502_671)},
                      FIGURES)
    shown = {(s.code, s.parent): s.amount for s in result.steps}
    assert shown[("shared_base", "a")] == 600_007 and shown[("shared_base", "b")] == 900_534
    # A: $6,000.07 x 63% = $3,780.0441; B: $9,005.34 x 37% = $3,331.9758 (shown $3,780.04
    # and $3,331.98); ($3,780.0441 - $3,331.9758) x 1.5 = $672.10245 -> $672.10, where the
    # rounded amounts gave ($3,780.04 - $3,331.98) x 1.5 = $672.09
    assert (shown[("shared_time", "a")], shown[("shared_time", "b")]) == (378_004, 333_198)
    assert (result.obligor, result.annual) == ("a", 67_210)


def test_the_minimum_applies_to_what_a_parent_owes_a_third_party_rule_90_3_c_3():
    """90.3(c)(3) and Commentary VI.C: the $50 a month minimum holds for support owed to a
    third-party custodian too, pro rata for the children there ($600 x 1/3 = $200 a year
    for one of three children)."""
    children = Children(primary_with_a=2, third_party=1)
    result = estimate(children, {"a": plain(1_000), "b": plain(45_000)}, FIGURES)
    assert result.third_party == {"a": 20_000, "b": 495_000}
    raised = [s for s in result.steps if s.code == "minimum"]
    assert [(s.parent, s.amount) for s in raised] == [("a", 20_000)]

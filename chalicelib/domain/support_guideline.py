"""Estimate child support under a percentage-of-income guideline (Alaska Civil Rule 90.3).

Pure arithmetic on integer cents with exact fractions; every amount is rounded to the cent
(half up) once, where the rule produces it, and every step is recorded so a parent can
follow the estimate. The dollar figures (income cap, minimum, low-income adjustment,
deduction limits) come from a dated table, so next year's cap is a data change.

Parents are "a" and "b". Children are counted by where they live: in A's primary custody,
in B's primary custody, shared (each parent at least 30% of overnights), or with a third
party (a relative or the state). From those counts the custody type follows:

- primary (90.3(a)): the non-custodial parent pays the percentage for the number of
  children of adjusted annual income, at least the minimum;
- shared (90.3(b)(1)): each parent's amount as if the other had primary custody, times the
  other's share of time; the larger pays the difference times 1.5, never more than the
  primary-custody amount;
- divided (90.3(b)(2)): each owes the other for the children in the other's primary
  custody; the amounts are offset;
- hybrid (90.3(b)(3)): primary parts and a shared part with pro-rata percentages,
  combined;
- third party (90.3(i)): each parent owes the third party a pro-rata share, and support
  between the parents uses pro-rata percentages.

Not modelled (court discretion): variations under 90.3(c)(1), additional awards above the
cap, extended visitation credits, in-kind support for prior children living with a
parent, health insurance allocation, seasonal payment schedules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

from chalicelib.domain.money import display as _dollars
from chalicelib.domain.money import half_up as cents

MAX_CHILDREN = 20


class EstimateRefused(ValueError):
    """The inputs cannot make an estimate; the message says why, in plain words."""


# -- the rule's figures ---------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    effective: date
    percent_by_children: tuple[Fraction, ...]
    percent_each_additional_child: Fraction
    income_cap: int
    minimum_annual: int
    low_income_total_income: int
    low_income_standard_deduction: int
    retirement_limit: Fraction
    health_insurance_limit: Fraction
    life_insurance_limit: int
    shared_minimum: Fraction
    shared_multiplier: Fraction

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Figures:
        def pct(text: str | int) -> Fraction:
            return Fraction(text) / 100
        return cls(
            effective=date.fromisoformat(row["effective"]),
            percent_by_children=tuple(pct(p) for p in row["percent_by_children"]),
            percent_each_additional_child=pct(row["percent_each_additional_child"]),
            income_cap=row["income_cap_cents"],
            minimum_annual=row["minimum_annual_cents"],
            low_income_total_income=row["low_income_total_income_cents"],
            low_income_standard_deduction=row["low_income_standard_deduction_cents"],
            retirement_limit=pct(row["retirement_limit_percent_of_total_income"]),
            health_insurance_limit=pct(row["health_insurance_limit_percent_of_total_income"]),
            life_insurance_limit=row["life_insurance_limit_annual_cents"],
            shared_minimum=pct(row["shared_custody_minimum_percent"]),
            shared_multiplier=Fraction(row["shared_custody_multiplier"]),
        )

    def percent(self, children: int) -> Fraction:
        """The 90.3(a)(2) percentage for a number of children."""
        table = self.percent_by_children
        if children <= len(table):
            return table[children - 1]
        return table[-1] + (children - len(table)) * self.percent_each_additional_child


def figures_on(rows: list[dict[str, Any]], day: date) -> Figures:
    """The figures in force on `day`: the latest row effective on or before it."""
    in_force = [Figures.from_row(r) for r in rows if date.fromisoformat(r["effective"]) <= day]
    if not in_force:
        raise EstimateRefused(f"The guideline figures before {day.isoformat()} are not on file.")
    return max(in_force, key=lambda f: f.effective)


def cents_down(amount: Fraction | int) -> int:
    """A limit, rounded down so an allowed deduction never exceeds it."""
    value = Fraction(amount)
    return value.numerator // value.denominator


# -- adjusted annual income (90.3(a)(1), (a)(5), (c)(2)) -------------------------------------

DEDUCTIONS = (
    # (field, 90.3 paragraph, description)
    ("income_tax", "(a)(1)(A)(i)", "Federal, state and local income tax"),
    ("social_security_tax", "(a)(1)(A)(ii)", "Social Security or self-employment tax"),
    ("medicare_tax", "(a)(1)(A)(iii)", "Medicare tax"),
    ("union_dues", "(a)(1)(A)(iv)", "Mandatory union dues"),
    ("mandatory_retirement", "(a)(1)(A)(v)", "Mandatory retirement contributions"),
    ("voluntary_retirement", "(a)(1)(B)", "Voluntary tax-deferred retirement contributions"),
    ("prior_child_support", "(a)(1)(C)(i)", "Ordered support for prior children"),
    ("prior_spousal_support", "(a)(1)(C)(ii)", "Ordered spousal support paid to a former spouse"),
    ("child_care", "(a)(1)(E)", "Work-related child care for these children"),
    ("health_insurance", "(a)(1)(F)", "Health insurance premiums for the parent only"),
    ("life_insurance", "(a)(1)(G)", "Life insurance premiums for the children's benefit"),
)


@dataclass(frozen=True)
class Income:
    """A parent's annual figures in cents."""

    total: int
    income_tax: int = 0
    social_security_tax: int = 0
    medicare_tax: int = 0
    union_dues: int = 0
    mandatory_retirement: int = 0
    voluntary_retirement: int = 0
    prior_child_support: int = 0
    prior_spousal_support: int = 0
    child_care: int = 0
    health_insurance: int = 0
    life_insurance: int = 0


@dataclass(frozen=True)
class Deduction:
    name: str
    rule: str
    description: str
    claimed: int
    allowed: int


@dataclass(frozen=True)
class AdjustedIncome:
    total: int
    deductions: list[Deduction]
    itemized: int  # total minus the allowed deductions
    low_income: int | None  # total minus the standard deduction, when (a)(5) applies
    adjusted: int  # the adjusted annual income
    counted: int  # the part the percentages apply to (the cap)


def adjusted_income(income: Income, figures: Figures) -> AdjustedIncome:
    limits = {
        "voluntary_retirement": max(0, cents_down(figures.retirement_limit * income.total)
                                    - income.mandatory_retirement),
        "health_insurance": cents_down(figures.health_insurance_limit * income.total),
        "life_insurance": figures.life_insurance_limit,
    }
    deductions = []
    for name, rule, description in DEDUCTIONS:
        claimed = getattr(income, name)
        allowed = min(claimed, limits[name]) if name in limits else claimed
        deductions.append(Deduction(name, rule, description, claimed, allowed))
    itemized = max(0, income.total - sum(d.allowed for d in deductions))
    low_income = None
    adjusted = itemized
    if income.total <= figures.low_income_total_income:
        low_income = max(0, income.total - figures.low_income_standard_deduction)
        adjusted = min(itemized, low_income)
    return AdjustedIncome(income.total, deductions, itemized, low_income, adjusted,
                          min(adjusted, figures.income_cap))


# -- custody and the award ----------------------------------------------------------------

@dataclass(frozen=True)
class Children:
    primary_with_a: int = 0
    primary_with_b: int = 0
    shared: int = 0
    third_party: int = 0
    shared_time_with_a: Fraction | None = None  # share of the year with A, for shared children

    @property
    def total(self) -> int:
        return self.primary_with_a + self.primary_with_b + self.shared + self.third_party

    def custody(self) -> str:
        a, b, shared = self.primary_with_a, self.primary_with_b, self.shared
        if shared and (a or b):
            return "hybrid"
        if shared:
            return "shared"
        if a and b:
            return "divided"
        if a or b:
            return "primary"
        return "third_party"


@dataclass(frozen=True)
class Step:
    code: str
    description: str
    amount: int
    parent: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the description's figures, for other languages


@dataclass
class Estimate:
    figures: Figures
    custody: str
    incomes: dict[str, AdjustedIncome]
    obligor: str | None = None
    annual: int = 0
    third_party: dict[str, int] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)

    @property
    def monthly(self) -> int:
        return cents(Fraction(self.annual, 12))

    def step(self, code: str, description: str, amount: int, parent: str | None = None,
             **values: str) -> int:
        self.steps.append(Step(code, description, amount, parent, values))
        return amount


OTHER = {"a": "b", "b": "a"}


def _validate(children: Children, incomes: dict[str, Income | None]) -> None:
    if children.total < 1:
        raise EstimateRefused("Count at least one child.")
    if children.total > MAX_CHILDREN:
        raise EstimateRefused(f"This estimate handles up to {MAX_CHILDREN} children.")
    if children.shared:
        time = children.shared_time_with_a
        if time is None:
            raise EstimateRefused("For shared children, give the share of the year they "
                                  "spend with parent A.")
        if not 0 <= time <= 1:
            raise EstimateRefused("The share of the year must be from 0 to 100 percent.")
    elif children.shared_time_with_a is not None:
        raise EstimateRefused("A share of the year applies only to shared children.")
    needed = set()
    if children.primary_with_b or children.shared:
        needed.add("a")
    if children.primary_with_a or children.shared:
        needed.add("b")
    for parent in sorted(needed):
        if incomes.get(parent) is None:
            raise EstimateRefused(f"Enter the income of parent {parent.upper()}: "
                                  "they may owe support for these children.")
    if not any(incomes.values()):
        raise EstimateRefused("Enter the income of at least one parent.")


def estimate(children: Children, incomes: dict[str, Income | None], figures: Figures) -> Estimate:
    _validate(children, incomes)
    if children.shared:
        floor = figures.shared_minimum
        time_a = children.shared_time_with_a
        if time_a is None:
            raise EstimateRefused("For shared children, give the share of the year they "
                                  "spend with parent A.")
        if time_a < floor or 1 - time_a < floor:
            raise EstimateRefused(
                "Shared custody needs each parent to have the children at least "
                f"{_percent(floor)}% of the year (about {cents_down(365 * floor)} overnights). "
                "Count these children as in the primary custody of the parent they "
                "mostly live with.")
    adjusted = {p: adjusted_income(i, figures) for p, i in incomes.items() if i is not None}
    result = Estimate(figures, children.custody(), adjusted)
    pro_rata = result.custody == "hybrid" or bool(children.third_party)
    per_child = figures.percent(children.total) / children.total

    def share(count: int) -> Fraction:
        """The percentage for `count` of the children: pro rata in hybrid and third-party
        cases (90.3(b)(3), (i)(2)), else the (a)(2) percentage."""
        return per_child * count if pro_rata else figures.percent(count)

    def minimum(count: int) -> int:
        """The $50 a month minimum is for all children, so a part of them carries its
        pro-rata part of it (Commentary VI.C)."""
        if pro_rata:
            return cents(Fraction(figures.minimum_annual * count, children.total))
        return figures.minimum_annual

    def primary_amount(payer: str, count: int, code: str) -> int:
        """What `payer` owes for `count` children in the other parent's primary custody."""
        counted = adjusted[payer].counted
        amount = cents(share(count) * counted)
        result.step(code, f"Parent {payer.upper()}: {_percent(share(count))}% of "
                    f"{_dollars(counted)} for {count} child(ren)", amount, payer,
                    who=payer.upper(), percent=_percent(share(count)), income=_dollars(counted),
                    count=str(count))
        if amount < minimum(count):
            amount = result.step("minimum", "Raised to the minimum support amount",
                                 minimum(count), payer)
        return amount

    owed = {"a": 0, "b": 0}  # what each owes the other
    for payer, count in (("b", children.primary_with_a), ("a", children.primary_with_b)):
        if count:
            owed[payer] += primary_amount(payer, count, "primary")
    if children.shared:
        shared_payer, amount = _shared(result, children, primary_amount, figures)
        if shared_payer:
            owed[shared_payer] += amount
    if children.third_party:
        for parent in sorted(adjusted):
            counted = adjusted[parent].counted
            part = Fraction(children.third_party, children.total)
            to_third = result.step(
                "third_party", f"Parent {parent.upper()} to the third party: "
                f"{_percent(figures.percent(children.total))}% of {_dollars(counted)} "
                f"x {children.third_party}/{children.total}",
                cents(figures.percent(children.total) * counted * part), parent,
                who=parent.upper(), percent=_percent(figures.percent(children.total)),
                income=_dollars(counted), part=f"{children.third_party}/{children.total}")
            # 90.3(c)(3): the minimum applies to what each parent owes the third party too,
            # its pro-rata part for the children there (Commentary VI.C; issue #23)
            if to_third < minimum(children.third_party):
                to_third = result.step("minimum", "Raised to the minimum support amount",
                                       minimum(children.third_party), parent)
            result.third_party[parent] = to_third
    net = owed["a"] - owed["b"]
    if owed["a"] and owed["b"]:
        result.step("offset", "Amounts offset", abs(net))
    result.obligor = "a" if net > 0 else "b" if net < 0 else None
    result.annual = abs(net)
    return result


def _shared(result: Estimate, children: Children, primary_amount: Callable[[str, int, str], int],
            figures: Figures) -> tuple[str | None, int]:
    """90.3(b)(1) for the shared children: returns who pays and the annual amount."""
    with_a = children.shared_time_with_a or Fraction(0)  # set whenever children are shared
    time = {"a": with_a, "b": 1 - with_a}
    stage_one: dict[str, int] = {}
    weighted: dict[str, Fraction] = {}  # exact: rounded once, in the award (issue #23)
    for payer in ("a", "b"):
        stage_one[payer] = primary_amount(payer, children.shared, "shared_base")
        weighted[payer] = stage_one[payer] * time[OTHER[payer]]
        result.step(
            "shared_time", f"Parent {payer.upper()}: times the {_percent(time[OTHER[payer]])}% "
            f"of the year with parent {OTHER[payer].upper()}",
            cents(weighted[payer]), payer, who=payer.upper(),
            percent=_percent(time[OTHER[payer]]), other=OTHER[payer].upper())
    if weighted["a"] == weighted["b"]:
        result.step("shared_equal", "The amounts are equal: no support for shared children", 0)
        return None, 0
    payer = "a" if weighted["a"] > weighted["b"] else "b"
    # 90.3(b)(1)(C): the difference times 1.5, of the amounts as weighted, not as shown
    # rounded to the cent (rounding each first made the award a cent off for 4 of 10 inputs)
    amount = result.step("shared_award", f"Difference times {_number(figures.shared_multiplier)}",
                         cents(abs(weighted["a"] - weighted["b"]) * figures.shared_multiplier),
                         payer, multiplier=_number(figures.shared_multiplier))
    if amount > stage_one[payer]:
        amount = result.step("shared_limit", "Limited to the primary custody amount",
                             stage_one[payer], payer)
    return payer, amount


def _percent(value: Fraction) -> str:
    return _number(value * 100)


def _number(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal('0.0001')).normalize():f}"

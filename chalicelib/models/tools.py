"""Public tools."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from chalicelib.models.common import AddressOut, Body, Day, Out

Cents = Annotated[int, Field(strict=True, ge=0, le=10 ** 11)]


class ArrearsRequest(Body):
    arrears_balance_cents: Cents
    months: int | None = Field(None, strict=True, ge=1, le=600)
    monthly_payment_cents: Cents | None = None


class InstallmentOut(Out):
    month: int
    payment_cents: int
    remaining_cents: int


class ArrearsPlanOut(Out):
    arrears_balance_cents: int
    months: int
    monthly_payment_cents: int
    last_payment_cents: int
    schedule: list[InstallmentOut]


class ArrearsChartRequest(Body):
    adjusted_annual_income_cents: Cents = Field(description="the obligor's adjusted annual "
                                                "income (Alaska: 15 AAC 125.065)")
    arrears_balance_cents: Cents


class ArrearsChartOut(Out):
    outcome: Literal["charted", "below_chart", "income_too_low", "above_chart"] = Field(
        description="charted: the chart's amount; below_chart: less than the chart's first "
                    "row, paid at once; income_too_low: the income is at or below the chart's "
                    "floor, where another chart (not carried) applies; above_chart: more "
                    "arrears than the chart carries. The last two: ask the agency, or use "
                    "the pay-off planner.")
    monthly_payment_cents: int | None
    citation: str
    income_floor_cents: int
    annual_interest_percent: str = Field(description="the state's rate on arrears, 0 if none")
    months: int | None = Field(None, description="months to pay off at the chart's amount, "
                               "interest accruing")
    interest_cents: int | None = Field(None, description="the interest charged meanwhile")


class ResourcesQuery(Body):
    q: str | None = Field(None, max_length=100)


class ResourceLink(Out):
    name: str
    description: str
    url: str


class ResourceCategory(Out):
    category: str
    links: list[ResourceLink]


class ResourcesOut(Out):
    categories: list[ResourceCategory]


class OfficesQuery(Body):
    zip: str = Field(pattern=r"^[0-9]{5}(-[0-9]{4})?$")
    limit: int = Field(3, ge=1, le=20)


class OfficeOut(Out):
    name: str
    address: AddressOut
    hours: str
    phone: str
    toll_free: str | None = None
    distance_miles: float
    map_url: str = Field(description="OpenStreetMap: at the office's coordinates, or its "
                         "address searched")
    transit: str | None = Field(None, description="how to get there by public transit")


class OfficesOut(Out):
    zip: str
    offices: list[OfficeOut]


class LanguageQuery(Body):
    lang: Literal["en", "es"] = "en"


class BenefitsOut(Out):
    title: str
    items: list[str]
    before_you_start: list[str]


Children = Annotated[int, Field(strict=True, ge=0, le=20)]


class IncomeIn(Body):
    """A parent's annual figures, in cents. Deductions the rule limits are limited for you."""

    total_income_cents: Cents = Field(description="Total income from all sources, a year")
    income_tax_cents: Cents = 0
    social_security_tax_cents: Cents = 0
    medicare_tax_cents: Cents = 0
    union_dues_cents: Cents = 0
    mandatory_retirement_cents: Cents = 0
    voluntary_retirement_cents: Cents = 0
    prior_child_support_cents: Cents = 0
    prior_spousal_support_cents: Cents = 0
    child_care_cents: Cents = 0
    health_insurance_cents: Cents = 0
    life_insurance_cents: Cents = 0


class SupportEstimateRequest(Body):
    parent_a: IncomeIn | None = None
    parent_b: IncomeIn | None = None
    children_primary_with_a: Children = 0
    children_primary_with_b: Children = 0
    children_shared: Children = 0
    children_with_third_party: Children = 0
    shared_percent_with_a: Annotated[Decimal, Field(ge=0, le=100, max_digits=5,
                                                    decimal_places=2)] | None = Field(
        None, description="For shared children: the percent of the year with parent A")
    as_of: Day | None = Field(None, description="Use the figures in force on this date")


class DeductionOut(Out):
    name: str
    rule: str
    description: str
    claimed_cents: int
    allowed_cents: int


class AdjustedIncomeOut(Out):
    total_income_cents: int
    deductions: list[DeductionOut]
    itemized_adjusted_income_cents: int
    low_income_adjusted_income_cents: int | None
    adjusted_annual_income_cents: int
    income_counted_cents: int


class EstimateStepOut(Out):
    code: str
    description: str
    parent: Literal["a", "b"] | None
    amount_cents: int


class GuidelineFiguresOut(Out):
    guideline: str
    effective: date
    income_cap_cents: int
    minimum_annual_cents: int
    source: str


class SupportEstimateOut(Out):
    guideline: GuidelineFiguresOut
    custody: Literal["primary", "shared", "divided", "hybrid", "third_party"]
    obligor: Literal["a", "b"] | None
    annual_support_cents: int
    monthly_support_cents: int
    third_party_annual_cents: dict[str, int]
    incomes: dict[str, AdjustedIncomeOut]
    steps: list[EstimateStepOut]
    note: str


class ContactOut(Out):
    purpose: str
    phone: str
    hours: str | None = None


class LinkOut(Out):
    label: str
    url: str


class AboutOut(Out):
    title: str
    text: str
    links: list[LinkOut] = []


class WayToPayOut(Out):
    how: str
    text: str


class PortalOut(Out):
    agency_name: str
    agency_phone: str
    agency_state: str
    agency_timezone: str = Field(description="IANA zone the agency's dates and times are "
                                 "shown in, e.g. America/Anchorage")
    payments: bool  # a payment processor is configured
    sandbox: bool  # it is the sandbox: test cards through POST /sandbox/card-tokens
    contacts: list[ContactOut] = Field(default_factory=list, description=(
        "every way to reach the agency, by purpose, with hours (the footer and Help)"))
    about: AboutOut | None = Field(None, description="the About page: the agency, its links")
    ways_to_pay: list[WayToPayOut] = Field(default_factory=list, description=(
        "ways to pay besides the portal (the payments page)"))


class NewsOut(Out):
    news_id: str
    title: str
    body: str
    posted_at: datetime


class NewsListOut(Out):
    news: list[NewsOut] = Field(description="the latest, newest first, in the asked "
                                "language where the agency gave it")


class NewsIn(Body):
    title: str = Field(min_length=1, max_length=120)
    body: str = Field(min_length=1, max_length=2000)
    title_es: str | None = Field(None, min_length=1, max_length=120)
    body_es: str | None = Field(None, min_length=1, max_length=2000, description=(
        "the Spanish, for parents who read Spanish (both or neither)"))

    @model_validator(mode="after")
    def both_or_neither(self) -> "NewsIn":
        if (self.title_es is None) != (self.body_es is None):
            raise ValueError("Give the Spanish title and text together, or neither.")
        return self


class TermsSection(Out):
    title: str
    text: str


class TermsDocument(Out):
    id: Literal["terms", "privacy", "disclaimer"]
    title: str
    intro: str
    sections: list[TermsSection]


class TermsOut(Out):
    version: str = Field(description="send it back to accept these (POST /me/terms)")
    documents: list[TermsDocument]


class SurveyIn(Body):
    rating: int = Field(ge=1, le=5, description="how easy the portal was to use: 1 very "
                        "hard, 5 very easy")
    task: Literal["pay", "balance", "request", "message", "link_case", "other"] = Field(
        description="what the person came to do: pay, see a balance, send a request, "
                    "message the agency, link a case, something else")
    done: Literal["yes", "partly", "no"] = Field(description="whether they got it done")
    comments: str | None = Field(None, max_length=1000, description=(
        "anything else (the page asks for no case number or other personal details)"))


class SurveyMonth(Body):
    month: str = Field(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$", description="YYYY-MM")


class RatingCount(Out):
    rating: int
    answers: int


class SurveyComment(Out):
    answered_at: datetime
    rating: int
    task: str
    done: str
    language: str
    comments: str


class SurveyReportOut(Out):
    month: str
    answers: int
    average_tenths: int | None = Field(description="the average rating in tenths (42: 4.2); "
                                       "none without answers")
    ratings: list[RatingCount]
    tasks: dict[str, int] = Field(description="answers by what the person came to do")
    done: dict[str, int] = Field(description="answers by whether they got it done")
    comments: list[SurveyComment] = Field(description="the month's newest 100 comments")

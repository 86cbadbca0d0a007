"""Public tools."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chalicelib.models.common import AddressOut, Body, Out

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
    zip: str = Field(pattern=r"^\d{5}(-\d{4})?$")
    limit: int = Field(3, ge=1, le=20)


class OfficeOut(Out):
    name: str
    address: AddressOut
    hours: str
    phone: str
    toll_free: str | None = None
    distance_miles: float


class OfficesOut(Out):
    zip: str
    offices: list[OfficeOut]


class LanguageQuery(Body):
    lang: Literal["en", "es"] = "en"


class BenefitsOut(Out):
    title: str
    items: list[str]
    before_you_start: list[str]

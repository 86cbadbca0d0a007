"""Public tools: resources, the office locator, the benefits of registering, the arrears
payment calculator and the child support estimate. State content is data under
chalicelib/data/<state>/."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import zipcodes

from chalicelib import language
from chalicelib.clock import agency_date
from chalicelib.domain import arrears_chart, arrears_plan, wording
from chalicelib.errors import InvalidInput, NotFound
from chalicelib.services.state_data import interest_rule, state_data

if TYPE_CHECKING:  # imported where it is used (cold start: 12 ms)
    from chalicelib.domain import support_guideline

EARTH_RADIUS_MILES = 3958.8


def _in(language: str, item: dict[str, Any], key: str) -> str:
    """An entry's words in the language (the data's `<key>_es`), else its English."""
    return str(item.get(f"{key}_{language}") or item[key] if language != "en" else item[key])


def resources(text: str | None, language: str = "en") -> list[dict[str, Any]]:
    """The Resource Programs categories in the language, keeping only the links that
    mention `text`."""
    categories: list[dict[str, Any]] = [{"category": _in(language, c, "category"), "links": [
        {"name": link["name"], "description": _in(language, link, "description"),
         "url": link["url"]} for link in c["links"]]}
        for c in state_data("resources")["categories"]]
    if not text:
        return categories
    needle = text.casefold()
    found = []
    for category in categories:
        in_category = needle in category["category"].casefold()
        links = [link for link in category["links"] if in_category or needle in
                 f"{link['name']} {link['description']}".casefold()]
        if links:
            found.append({"category": category["category"], "links": links})
    return found


def agency_content(language: str) -> dict[str, Any]:
    """How to reach the agency, About, and the ways to pay besides the portal, from the
    state's data file in the language (English where it has no other); a part the file
    leaves out is empty."""
    content = state_data("content")

    def part(name: str, empty: Any) -> Any:
        words = content.get(name)
        return (words.get(language) or words["en"]) if words else empty

    return {"contacts": part("contacts", []), "about": part("about", None),
            "ways_to_pay": part("ways_to_pay", [])}


def benefits(language: str) -> dict[str, Any]:
    content = state_data("content")["benefits"]
    found: dict[str, Any] = content.get(language, content["en"])
    return found


@cache
def _zip_point(zip_code: str) -> tuple[float, float] | None:
    try:
        found = zipcodes.matching(zip_code)  # type: ignore[no-untyped-call]
    except (TypeError, ValueError):
        return None
    if not found:
        return None
    return float(found[0]["lat"]), float(found[0]["long"])


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class NearbyOffice:
    office: dict[str, Any]
    miles: float


def office_in(language: str, office: dict[str, Any]) -> dict[str, Any]:
    """An office as the locator shows it, its hours (and public-transit note, where the
    file has one) in the language, and a map of it: OpenStreetMap at the office's
    coordinates where the file has them, else its search for the street address."""
    a = office["address"]
    if "lat" in office and "lon" in office:
        map_url = (f"https://www.openstreetmap.org/?mlat={office['lat']}&mlon={office['lon']}"
                   f"#map=17/{office['lat']}/{office['lon']}")
    else:
        place = ", ".join(p for p in (a["line1"], a["city"], f"{a['state']} {a['zip']}") if p)
        map_url = f"https://www.openstreetmap.org/search?query={quote(place)}"
    shown = {k: v for k, v in office.items() if not k.endswith("_es") and k not in ("lat", "lon")}
    return {**shown, "hours": _in(language, office, "hours"), "map_url": map_url,
            **({"transit": _in(language, office, "transit")} if "transit" in office else {})}


def office(office_id: str | None, language: str) -> dict[str, Any] | None:
    """The office with this id in the state's file, as the locator shows it (None for no
    id, or an id the file no longer has)."""
    found = next((o for o in state_data("offices")["offices"] if o.get("id") == office_id),
                 None) if office_id else None
    return office_in(language, found) if found else None


def offices_near(zip_code: str, limit: int) -> list[NearbyOffice]:
    origin = _zip_point(zip_code[:5])
    if origin is None:
        raise NotFound(f"We do not know the ZIP code {zip_code}. Check it and try again.",
                       code="unknown_zip")
    found = []
    for office in state_data("offices")["offices"]:
        point = _zip_point(office["address"]["zip"][:5])
        if point is not None:
            found.append(NearbyOffice(office, round(miles(origin, point), 1)))
    return sorted(found, key=lambda o: o.miles)[:limit]


def arrears_payment(balance: int, months: int | None, monthly: int | None) -> arrears_plan.Plan:
    try:
        return arrears_plan.plan(balance, months=months, monthly=monthly)
    except arrears_plan.ImpossiblePlan as error:
        raise InvalidInput(wording.refusal(str(error), language.current()),
                           code="impossible_plan") from None


@dataclass(frozen=True)
class ChartPlan:
    """The chart's monthly catch-up and, at it, how long the pay-off takes while interest
    accrues (none when the chart does not answer or the state charges no interest)."""
    answer: arrears_chart.Answer
    citation: str
    income_floor_cents: int
    annual_interest_percent: Fraction
    payoff: arrears_plan.Payoff | None


def arrears_by_chart(income: int, balance: int) -> ChartPlan:
    """Alaska's Calculate Arrears Payment: the monthly amount toward arrears from the
    state's amortization chart (15 AAC 125.545), for the adjusted annual income."""
    chart = arrears_chart.Chart.from_data(state_data("arrears_chart"))
    rate = interest_rule().annual_percent
    answer = chart.monthly(income, balance)
    payoff = None
    if answer.monthly_cents:
        try:
            payoff = arrears_plan.payoff_with_interest(balance, answer.monthly_cents, rate)
        except arrears_plan.ImpossiblePlan as error:
            raise InvalidInput(wording.refusal(str(error), language.current()),
                               code="impossible_plan") from None
    return ChartPlan(answer, chart.citation, chart.income_above_cents, rate, payoff)


def support_estimate(children: support_guideline.Children,
                     incomes: dict[str, support_guideline.Income | None],
                     as_of: date | None,
                     now: datetime) -> tuple[dict[str, Any], support_guideline.Estimate]:
    """Estimate support under the state's guideline with the figures in force on `as_of`
    (the agency's today by default). Returns the guideline's description and the estimate."""
    from chalicelib.domain import support_guideline  # cold start: 12 ms, at an estimate

    rule = state_data("support_guideline")
    try:
        figures = support_guideline.figures_on(rule["figures"], as_of or agency_date(now))
        return rule, support_guideline.estimate(children, incomes, figures)
    except support_guideline.EstimateRefused as error:
        raise InvalidInput(wording.refusal(str(error), language.current()),
                           code="estimate_refused") from None

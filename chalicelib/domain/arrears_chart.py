"""The arrears amortization chart (Alaska: 15 AAC 125.545): the monthly amount an obligor
pays toward arrears, by the arrears owed, for an adjusted annual income above the
chart's floor. Pure; the chart is the state's data (data/<state>/arrears_chart.json).
Amounts due are whole dollars in the chart: an amount owed in cents is read at its
dollars (a band runs from its first dollar to its last, $399.99 is in 25-399)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Outcome = Literal["charted", "income_too_low", "above_chart", "below_chart"]


@dataclass(frozen=True)
class Band:
    low: int  # whole dollars owed, from
    high: int  # to, inclusive
    monthly: int  # dollars a month


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    monthly_cents: int | None  # the chart's amount, when the chart answers


@dataclass(frozen=True)
class Chart:
    citation: str
    income_above_cents: int
    bands: tuple[Band, ...]

    @classmethod
    def from_data(cls, found: dict[str, Any]) -> Chart:
        bands = tuple(Band(int(a), int(b), int(p)) for a, b, p in found["rows"])
        if any(x.high + 1 != y.low for x, y in zip(bands, bands[1:], strict=False)):
            raise ValueError("the chart's rows must follow one another without a gap")
        return cls(str(found["chart"]), int(found["income_above_cents"]), bands)

    def monthly(self, income_cents: int, arrears_cents: int) -> Answer:
        """The chart's monthly catch-up for an adjusted annual income and the arrears."""
        if income_cents <= self.income_above_cents:
            return Answer("income_too_low", None)
        dollars = arrears_cents // 100
        if dollars < self.bands[0].low:
            return Answer("below_chart", arrears_cents or None)  # pay it: less than a row
        band = next((b for b in self.bands if b.low <= dollars <= b.high), None)
        if band is None:
            return Answer("above_chart", None)
        return Answer("charted", min(band.monthly * 100, arrears_cents))

"""Shared body pieces: strict inputs, the error body, plain acknowledgements."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.fields import AddressIn, Day, Name, PhoneNumber, PhoneType, Strict

__all__ = ["AddressIn", "Day", "Name", "PhoneNumber", "PhoneType"]  # with the models below


class Body(Strict):
    """A request body: unknown fields are refused, nothing is coerced from strings."""


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)


class Accepted(Out):
    status: str = "accepted"
    message: str


class ErrorDetail(Out):
    code: str
    message: str
    fields: dict[str, str] | None = None
    attempts_remaining: int | None = None
    rules: list[str] | None = None


class ErrorResponse(Out):
    error: ErrorDetail


class PhoneIn(Body):
    number: PhoneNumber
    type: PhoneType | None = None


class AddressOut(Out):
    line1: str
    line2: str | None = None
    city: str
    state: str
    zip: str


class PhoneOut(Out):
    number: str
    type: str | None = None


class AllocationOut(Out):
    """What a payment paid of one debt: the month it fell due, what it was (that month's
    current support, support in arrears, interest or a fee), whom it was owed to (the
    family, or the state by assignment) and who keeps the money."""
    period: str
    case_id: str | None = Field(None, description="a payment split among several cases: "
                                "the case this part went to")
    applied_to: Literal["current support", "arrears", "interest", "fees"]
    amount_cents: int
    owed_to: Literal["family", "state"] = "family"
    kept_by: Literal["family", "state"] = "family"

    @classmethod
    def listed(cls, allocations, paid_period: str) -> list[AllocationOut]:
        """From stored allocations; one stored before the kinds were (period and cents
        only) is support, current when it is of the month paid."""
        return [cls(period=a.period, amount_cents=int(a.cents), case_id=a.case_id,
                    applied_to=_applied_to(a, paid_period),
                    owed_to=a.owner or "family", kept_by=a.kept_by or a.owner or "family")
                for a in allocations or []]


def _applied_to(a, paid_period: str) -> str:
    if a.kind in ("interest", "fee"):
        return "interest" if a.kind == "interest" else "fees"
    current = a.current if a.current is not None else a.period >= paid_period
    return "current support" if current else "arrears"
"""Shared body pieces: strict inputs, the error body, plain acknowledgements."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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
    """What a payment paid in one month: that month's current support, or arrears."""
    period: str
    applied_to: Literal["current support", "arrears"]
    amount_cents: int

    @classmethod
    def listed(cls, allocations, paid_period: str) -> list[AllocationOut]:
        return [cls(period=a.period, amount_cents=int(a.cents),
                    applied_to="current support" if a.period >= paid_period else "arrears")
                for a in allocations or []]

"""What a valid name, day, phone number and US postal address are: field types that the
request types' steps (domain/request_types.py) and the API's bodies (chalicelib/models)
share. Pydantic types, so that one rule makes both the check and the JSON Schema."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from chalicelib.domain.contact import US_STATES, normalize_phone, valid_zip

_NAME = re.compile(r"^[^\W\d_]+(?:[ '.-]{1,2}[^\W\d_]+)*\.?$")


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError("Use letters, spaces, hyphens, apostrophes and periods only.")
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
                 AfterValidator(_name)]


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_day(value: object) -> date:
    """A day is written YYYY-MM-DD: not a number, which pydantic would read as seconds
    since 1970, nor a time of day."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # 2026-02-30
    raise ValueError("Enter the date as YYYY-MM-DD.")


Day = Annotated[date, BeforeValidator(_iso_day)]


def _phone(value: str) -> str:
    phone = normalize_phone(value)
    if phone is None:
        raise ValueError("Enter a valid phone number, like 907-555-0142.")
    return phone


PhoneNumber = Annotated[str, Field(max_length=30, description="A phone number (US unless it "
                                   "starts with +country code); stored as E.164."),
                        AfterValidator(_phone)]
PhoneType = Literal["mobile", "home", "work"]



class Strict(BaseModel):
    """Input: unknown fields are refused, nothing is coerced from strings."""

    model_config = ConfigDict(extra="forbid", str_max_length=1000, defer_build=True)


class AddressIn(Strict):
    line1: str = Field(min_length=1, max_length=100)
    line2: str | None = Field(None, max_length=100)
    city: str = Field(min_length=1, max_length=60)
    state: str = Field(min_length=2, max_length=2, description="Two-letter USPS code.")
    zip: str = Field(max_length=10, description="ZIP or ZIP+4.")

    @field_validator("state")
    @classmethod
    def known_state(cls, value: str) -> str:
        if value.upper() not in US_STATES:
            raise ValueError("Use a two-letter state code, like AK.")
        return value.upper()

    @field_validator("zip")
    @classmethod
    def zip_code(cls, value: str) -> str:
        if not valid_zip(value.strip()):
            raise ValueError("Enter a 5-digit ZIP code (or ZIP+4).")
        return value.strip()

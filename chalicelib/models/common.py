"""Shared body pieces: strict inputs, the error body, plain acknowledgements."""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

_NAME = re.compile(r"^[^\W\d_]+(?:[ '.-]{1,2}[^\W\d_]+)*\.?$")


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError("Use letters, spaces, hyphens, apostrophes and periods only.")
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
                 AfterValidator(_name)]


class Body(BaseModel):
    """A request body: unknown fields are refused, nothing is coerced from strings."""

    model_config = ConfigDict(extra="forbid", str_max_length=1000, defer_build=True)


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


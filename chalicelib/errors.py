"""Domain errors. Services raise these; the handler layer maps them to HTTP in one place."""
from __future__ import annotations

from typing import Any, Mapping


class DomainError(Exception):
    code = "error"
    message = "The request could not be completed."

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: Mapping[str, str] | None = None, **details: Any) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.fields = dict(fields or {})
        self.details = details
        super().__init__(self.message)


class BadRequest(DomainError):
    code = "bad_request"


class InvalidInput(DomainError):
    code = "invalid_input"
    message = "Some fields are not valid."


class Unauthorized(DomainError):
    code = "unauthenticated"
    message = "Sign in to continue."


class Declined(DomainError):
    code = "payment_declined"
    message = "The payment was declined."


class Forbidden(DomainError):
    code = "forbidden"
    message = "You may not do that."


class NotFound(DomainError):
    code = "not_found"
    message = "Not found."


class Conflict(DomainError):
    code = "conflict"
    message = "The record changed since you read it. Reload and try again."


class Gone(DomainError):
    code = "gone"
    message = "This link or code is no longer valid."


class PayloadTooLarge(DomainError):
    code = "payload_too_large"
    message = "The request body is too large."


class Unavailable(DomainError):
    code = "unavailable"
    message = "A service the portal needs did not answer. Try again in a few minutes."


class Throttled(DomainError):
    code = "throttled"
    message = "Too many attempts. Try again later."

    def __init__(self, message: str | None = None, *, retry_after: int = 900, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


def invalid_cursor() -> InvalidInput:
    """A page cursor that is not one this list gave (or not the caller's)."""
    return InvalidInput("The page cursor is not valid.", code="invalid_cursor",
                        fields={"cursor": "Not a cursor from this list."})

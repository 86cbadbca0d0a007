"""Checking single-use link tokens: one set of answers for unknown, used and expired."""
from __future__ import annotations

from datetime import datetime

from chalicelib.dal import tokens
from chalicelib.dal.tokens import Token
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import BadRequest, Gone

MAX_ATTEMPTS = 5


def valid_token(token: str, purpose: str | tuple[str, ...], now: datetime) -> Token:
    record = tokens.find(token_hash(token), purpose)
    if record is None:
        raise BadRequest("This link is not valid. Check that you copied all of it.",
                         code="invalid_token")
    state = record.state(now, MAX_ATTEMPTS)
    if state == "used":
        raise Gone("This link was already used.", code="token_used")
    if state == "expired":
        raise Gone("This link has expired. Ask for a new one.", code="token_expired")
    if state == "voided":
        raise Gone("This link can no longer be used. Ask for a new one.", code="token_voided")
    return record


def use_token(record: Token, now: datetime) -> None:
    """Consumes the token once; a concurrent use of the same token loses with 410."""
    if not tokens.consume(record.token_hash, now, MAX_ATTEMPTS):
        raise Gone("This link was already used.", code="token_used")

"""Request rates per client address for public routes. An address is kept only as an HMAC
under a key of the stage's (derived from its SSN matching key, for this purpose alone): a
plain SHA-256 of an IPv4 address is undone by hashing them all."""
from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.dal import throttles
from chalicelib.domain.secrets import keyed_hash
from chalicelib.errors import Throttled
from chalicelib.integrations import secrets


def check(name: str, address: str, rate: tuple[int, int], now: datetime) -> None:
    """At most rate[0] requests in rate[1] seconds from one address to one route."""
    count, seconds = rate
    if not throttles.allow(f"rate#{name}#{address_key(address)}", now,
                           timedelta(seconds=seconds), count):
        raise Throttled("Too many requests. Wait a minute and try again.", code="rate_limited",
                        retry_after=seconds)


def address_key(address: str) -> str:
    return keyed_hash(secrets.ssn_hmac_key(), "client-address", address)

"""Request rates per client address for public routes (addresses are kept only hashed)."""
from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.dal import throttles
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import Throttled


def check(name: str, address: str, rate: tuple[int, int], now: datetime) -> None:
    """At most rate[0] requests in rate[1] seconds from one address to one route."""
    count, seconds = rate
    if not throttles.allow(f"rate#{name}#{token_hash(address)}", now,
                           timedelta(seconds=seconds), count):
        raise Throttled("Too many requests. Wait a minute and try again.", code="rate_limited",
                        retry_after=seconds)

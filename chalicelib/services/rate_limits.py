"""Request rates on routes anyone can call. An address is kept only as an HMAC under a
key of the stage's (derived from its SSN matching key, for this purpose alone): a plain
SHA-256 of an IPv4 address is undone by hashing them all.

`check` is a route's simple limit per client address. `check_policy` is the abuse limit
of a public route that sends email or checks a secret (docs/design.md, "Abuse limits"):
per client address, per target (the address asked about, hashed alike whether or not a
logon has it, so a 429 tells nothing about who is registered) and a ceiling for all
clients together, which fails closed: a flood gets 429s, not the agency's SES quota or
someone's inbox."""
from __future__ import annotations

import contextvars
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.dal import throttles
from chalicelib.dal.throttles import Limit
from chalicelib.domain.secrets import keyed_hash
from chalicelib.errors import Throttled
from chalicelib.integrations import secrets
from chalicelib.settings import get_settings

MINUTE, HOUR, DAY = 60, 3600, 86400
CEILING_SHARD = 50  # requests a minute that one counter of a ceiling takes at most


@dataclass(frozen=True)
class Policy:
    """(count, seconds) per client address and per target; per minute for everyone."""
    per_address: tuple[int, int]
    per_target: tuple[int, int] | None
    per_minute: int


# After login.gov's rack-attack limits (requests and logins per IP, logins per email and
# IP), with room for an agency office or a library behind one address.
POLICIES = {
    "login": Policy((60, 5 * MINUTE), (30, HOUR), 600),
    "register": Policy((20, HOUR), (5, HOUR), 120),
    "resend": Policy((20, HOUR), (5, HOUR), 120),
    "forgot": Policy((20, HOUR), (5, HOUR), 120),
    "second_step": Policy((60, 5 * MINUTE), None, 600),  # codes, passkey options, verify
    "link": Policy((60, 5 * MINUTE), None, 600),  # an emailed link's token is checked
    "pin": Policy((10, HOUR), (6, DAY), 60),  # the association PIN, per member
    "case_numbers": Policy((10, HOUR), (6, DAY), 60),  # forgot case number, per SSN
    "username": Policy((10, HOUR), (6, DAY), 60),  # forgot username, per number asked
    "survey": Policy((10, HOUR), None, 120),  # the short survey: a few answers an hour
}


def check(name: str, address: str, rate: tuple[int, int], now: datetime) -> None:
    """At most rate[0] requests in rate[1] seconds from one address to one route."""
    count, seconds = rate
    _count([Limit(f"rate#{name}#{address_key(address)}", timedelta(seconds=seconds), count)],
           now)


def check_policy(name: str, address: str, target: str | None, now: datetime) -> None:
    """The route's abuse limits (POLICIES[name]), counted together in one request;
    Throttled with the seconds to wait."""
    policy, scale = POLICIES[name], get_settings().public_limit_scale
    client = address_key(address)
    count, seconds = policy.per_address
    limits = [Limit(f"abuse#{name}#ip#{client}", timedelta(seconds=seconds), count * scale)]
    if target is not None and policy.per_target is not None:
        count, seconds = policy.per_target
        limits.append(Limit(f"abuse#{name}#to#{target_key(target)}",
                            timedelta(seconds=seconds), count * scale))
    limits.append(_ceiling_share(name, client, policy.per_minute, scale))
    _count(limits, now)


class Counting:
    """check_policy counted in a thread of its own while the route reads what it needs
    (the read has no effect: nothing is written, and nothing checked against it, until
    `result` says the request is within its limits)."""

    def __init__(self, name: str, address: str, target: str | None, now: datetime) -> None:
        self._refused: BaseException | None = None
        context = contextvars.copy_context()  # the request's (its settings, its scope)
        self._thread = threading.Thread(target=context.run, daemon=True,
                                        args=(self._count, name, address, target, now))
        self._thread.start()

    def _count(self, name: str, address: str, target: str | None, now: datetime) -> None:
        try:
            check_policy(name, address, target, now)
        except BaseException as refused:  # noqa: BLE001 (raised in the request's thread)
            self._refused = refused

    def result(self) -> None:
        """Once counted: Throttled, or the counters' own failure (busy), as check_policy."""
        self._thread.join()
        if self._refused is not None:
            raise self._refused


def _ceiling_share(name: str, client: str, ceiling: int, scale: int = 1) -> Limit:
    """The client's share of the ceiling for everyone: the ceiling is counted in shards
    of about CEILING_SHARD a minute, a client always in the same one (by its hashed
    address), so that no one counter takes every request of a busy route, and a
    transaction holding it rarely meets another (one that does is counted one by one:
    dal/throttles.allow_all). A flood from a few addresses fills only their shards. The
    scale (PUBLIC_LIMIT_SCALE, for a test stack whose requests all come from one
    address) widens each shard, not their number."""
    shards = max(1, ceiling // CEILING_SHARD)
    shard = int(client[:8], 16) % shards
    return Limit(f"abuse#{name}#all#{shard}", timedelta(seconds=MINUTE),
                 ceiling * scale // shards)


def _count(limits: list[Limit], now: datetime) -> None:
    full = throttles.allow_all(limits, now)
    if full is not None:
        seconds = int(limits[full].window.total_seconds())
        left = seconds - int(now.timestamp()) % seconds  # the fixed window's end
        raise Throttled("Too many requests. Wait a while and try again.", code="rate_limited",
                        retry_after=max(left, 1))


def address_key(address: str) -> str:
    return keyed_hash(secrets.ssn_hmac_key(), "client-address", address)


def target_key(target: str) -> str:
    return keyed_hash(secrets.ssn_hmac_key(), "abuse-target", target)

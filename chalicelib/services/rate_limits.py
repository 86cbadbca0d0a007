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

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.dal import throttles
from chalicelib.domain.secrets import keyed_hash
from chalicelib.errors import Throttled
from chalicelib.integrations import secrets
from chalicelib.settings import get_settings

MINUTE, HOUR, DAY = 60, 3600, 86400


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
    _count(f"rate#{name}#{address_key(address)}", rate, now)


def check_policy(name: str, address: str, target: str | None, now: datetime) -> None:
    """The route's abuse limits (POLICIES[name]); Throttled with the seconds to wait."""
    policy, scale = POLICIES[name], get_settings().public_limit_scale
    count, seconds = policy.per_address
    _count(f"abuse#{name}#ip#{address_key(address)}", (count * scale, seconds), now)
    if target is not None and policy.per_target is not None:
        count, seconds = policy.per_target
        _count(f"abuse#{name}#to#{target_key(target)}", (count * scale, seconds), now)
    _count(f"abuse#{name}#all", (policy.per_minute * scale, MINUTE), now)


def _count(key: str, rate: tuple[int, int], now: datetime) -> None:
    count, seconds = rate
    if not throttles.allow(key, now, timedelta(seconds=seconds), count):
        left = seconds - int(now.timestamp()) % seconds  # the fixed window's end
        raise Throttled("Too many requests. Wait a while and try again.", code="rate_limited",
                        retry_after=max(left, 1))


def address_key(address: str) -> str:
    return keyed_hash(secrets.ssn_hmac_key(), "client-address", address)


def target_key(target: str) -> str:
    return keyed_hash(secrets.ssn_hmac_key(), "abuse-target", target)

"""Random tokens and codes, and how they and passwords are stored.

Passwords and security answers: argon2id at OWASP's recommended cost
(m=19 MiB, t=2, p=1). One-time tokens: 256 random bits, stored as SHA-256.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM = 2, 19 * 1024, 1


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # cold start: 2.4 ms, at the first password

    return PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                          parallelism=ARGON2_PARALLELISM)


@cache
def _dummy_hash() -> str:
    """A hash of a random value, verified when an account does not exist, so that a
    sign-in for an unknown email costs the same time as one for a known email."""
    return _hasher().hash(secrets.token_hex(16))


def new_token() -> str:
    """A URL-safe single-use token with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


def new_code(digits: int = 6) -> str:
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"


def keyed_hash(key: str, purpose: str, value: str) -> str:
    """HMAC-SHA256 of a value under a key made for the purpose from `key`: for values too
    few to hide by a plain hash (the four billion IPv4 addresses are hashed in minutes)."""
    subkey = hmac.new(key.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(subkey, value.encode(), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def code_hash(challenge: str, code: str) -> str:
    """A code is hashed with its (secret) challenge id so a stored hash cannot be reversed alone."""
    return hashlib.sha256(f"{challenge}:{code}".encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def hash_secret(value: str) -> str:
    return _hasher().hash(value)


def verify_secret(stored_hash: str | None, value: str) -> bool:
    """True when value matches stored_hash; with no hash, spends the same time and is False."""
    from argon2.exceptions import InvalidHashError, VerificationError  # cold start: 2.4 ms

    try:
        return _hasher().verify(stored_hash or _dummy_hash(), value) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False

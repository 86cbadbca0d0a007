"""Recovery codes: 10 single-use codes of 16 Crockford base-32 characters (80 bits),
shown once, stored as SHA-256, typed back forgivingly (case, dashes, O for 0, I/L for 1)."""
from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
COUNT, LENGTH = 10, 16
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate(count: int = COUNT) -> list[str]:
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        codes.append("-".join(raw[i:i + 4] for i in range(0, LENGTH, 4)))
    return codes


def normalize(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum()).translate(_TYPOS)


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize(code).encode()).hexdigest()


def looks_like(code: str) -> bool:
    value = normalize(code)
    return len(value) == LENGTH and all(c in ALPHABET for c in value)

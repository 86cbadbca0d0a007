"""Bank account rules: ABA routing numbers (9 digits, checksum) and account numbers."""
from __future__ import annotations

import re

ACCOUNT_TYPES = ("checking", "savings")


def valid_routing_number(routing: str) -> bool:
    """Nine digits whose weighted sum (3, 7, 1, repeated) is a multiple of 10, and whose
    first two digits are a Federal Reserve routing symbol (00-12, 21-32, 61-72, 80)."""
    if not re.fullmatch(r"\d{9}", routing):
        return False
    prefix = int(routing[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    digits = [int(d) for d in routing]
    weighted = sum(w * d for w, d in zip((3, 7, 1) * 3, digits, strict=True))
    return weighted % 10 == 0 and routing != "000000000"


def valid_account_number(account: str) -> bool:
    return re.fullmatch(r"\d{4,17}", account) is not None


def last_four(account: str) -> str:
    return account[-4:]

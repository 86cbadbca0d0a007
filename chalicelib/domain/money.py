"""Money is integer cents everywhere; this is how it is written for people."""
from __future__ import annotations


def display(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}${whole:,}.{part:02d}"

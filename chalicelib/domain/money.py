"""Money is integer cents everywhere; this is how it is written for people."""
from __future__ import annotations

from fractions import Fraction


def display(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}${whole:,}.{part:02d}"


def half_up(amount: Fraction | int) -> int:
    """Rounds to the cent, half up (amounts rounded here are never negative)."""
    value = Fraction(amount)
    return int(value.numerator * 2 + value.denominator) // (2 * value.denominator)

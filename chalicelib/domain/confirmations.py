"""Confirmation numbers: one sequence per agency (an atomic counter), shown the way the
Alaska portal shows them."""
from __future__ import annotations


def confirmation_number(value: int) -> str:
    """0-000-019-809: ten digits in groups, as the Alaska portal shows them."""
    digits = f"{value:010d}"
    return f"{digits[0]}-{digits[1:4]}-{digits[4:7]}-{digits[7:10]}"

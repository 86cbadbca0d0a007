"""Confirmation numbers: one sequence per agency (an atomic counter, taken in ranges of
RANGE by each container), shown the way the Alaska portal shows them."""
from __future__ import annotations

RANGE = 20  # confirmation numbers a container takes at once (dal/counters.next_value)


def confirmation_number(value: int) -> str:
    """0-000-019-809: ten digits in groups, as the Alaska portal shows them."""
    digits = f"{value:010d}"
    return f"{digits[0]}-{digits[1:4]}-{digits[4:7]}-{digits[7:10]}"


def payment_reference(payment_id: str) -> str:
    """A payment's number as a person reads it out: P-C693-E18F, from its id
    (20261201211141-c693e18f: the time it was made, then eight random hex digits)."""
    tail = payment_id.rsplit("-", 1)[-1].upper()
    return f"P-{tail[:4]}-{tail[4:8]}" if len(tail) >= 8 else f"P-{tail}"

"""Bank account rules: ABA routing numbers (9 digits, checksum) and account numbers."""
from __future__ import annotations

import re
from datetime import date

ACCOUNT_TYPES = ("checking", "savings")


def valid_routing_number(routing: str) -> bool:
    """Nine digits whose weighted sum (3, 7, 1, repeated) is a multiple of 10, and whose
    first two digits are a Federal Reserve routing symbol (00-12, 21-32, 61-72, 80)."""
    if not re.fullmatch(r"[0-9]{9}", routing):
        return False
    prefix = int(routing[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    digits = [int(d) for d in routing]
    weighted = sum(w * d for w, d in zip((3, 7, 1) * 3, digits, strict=True))
    return weighted % 10 == 0 and routing != "000000000"


def valid_account_number(account: str) -> bool:
    return re.fullmatch(r"[0-9]{4,17}", account) is not None


def account_problems(routing: str, account: str) -> dict[str, str]:
    """What is wrong with a routing and account number, by field (empty if nothing)."""
    problems = {}
    if not re.fullmatch(r"[0-9]{9}", routing):
        problems["routing_number"] = "Enter the 9-digit routing number printed on your checks."
    elif not valid_routing_number(routing):  # nine digits, but no bank's
        problems["routing_number"] = ("This number doesn't match a US bank routing number. "
                                      "Check it against your check or your bank.")
    if not valid_account_number(account):
        problems["account_number"] = "Enter an account number of 4 to 17 digits."
    return problems


def last_four(account: str) -> str:
    return account[-4:]


# -- cards (the sandbox processor checks these; a real processor's card form does) ------

BRANDS = (("4", "visa"), ("51", "mastercard"), ("52", "mastercard"), ("53", "mastercard"),
          ("54", "mastercard"), ("55", "mastercard"), ("2", "mastercard"), ("34", "amex"),
          ("37", "amex"), ("6011", "discover"), ("65", "discover"))


def valid_card_number(number: str) -> bool:
    """13 to 19 digits passing the Luhn check (every second digit from the right doubled)."""
    if not re.fullmatch(r"[0-9]{13,19}", number):
        return False
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(number)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def card_brand(number: str) -> str:
    return next((brand for prefix, brand in BRANDS if number.startswith(prefix)), "card")


def card_expired(month: int, year: int, today: date) -> bool:
    """A card is good through the last day of its expiry month."""
    return (year, month) < (today.year, today.month)


BRAND_NAMES = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
               "discover": "Discover"}


def brand_name(brand: str | None) -> str:
    return BRAND_NAMES.get(brand or "", "card")

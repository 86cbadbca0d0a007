"""Email and phone normalisation."""
from __future__ import annotations

import re


def email_key(email: str) -> str:
    """The form an email is matched by: trimmed and lower-cased."""
    return email.strip().lower()


def normalize_us_phone(phone: str) -> str | None:
    """A US phone number as E.164 (+1XXXXXXXXXX), or None when it is not one."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        return None
    return f"+1{digits}"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"

"""Email and phone normalisation."""
from __future__ import annotations

import re


def email_key(email: str) -> str:
    """The form an email is matched by: trimmed and lower-cased."""
    return email.strip().lower()


def normalize_phone(phone: str, region: str = "US") -> str | None:
    """A valid phone number as E.164 (+19075550142), or None. Numbers without a country
    code are read as US numbers."""
    import phonenumbers  # cold start: 23 ms (its metadata), at the first phone number

    try:
        parsed = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE "
    "AP".split())


def valid_zip(code: str) -> bool:
    return re.fullmatch(r"[0-9]{5}(-[0-9]{4})?", code) is not None


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"


def hint(email: str) -> str:
    """An address masked to a hint, its domain too: jdoe@gmail.com -> j***@g***.com."""
    local, _, domain = email.partition("@")
    name, dot, tld = domain.rpartition(".")
    if not dot:
        name, tld = domain, ""
    return f"{local[:1]}***@{name[:1]}***{dot}{tld}"

"""Password rules (AZCARES): 14+ characters, upper, lower, digit, special, no leading or
trailing space, no personal information, and a zxcvbn score of at least 3.
The "none of the last 24" rule needs stored hashes, so the service applies it."""
from __future__ import annotations

import re
from typing import Iterable

MIN_LENGTH = 14
MAX_LENGTH = 128
HISTORY_SIZE = 24
MIN_STRENGTH = 3

RULES = {
    "too_short": f"Use at least {MIN_LENGTH} characters.",
    "too_long": f"Use at most {MAX_LENGTH} characters.",
    "no_upper": "Include an uppercase letter.",
    "no_lower": "Include a lowercase letter.",
    "no_digit": "Include a number.",
    "no_special": "Include a special character.",
    "edge_space": "Do not start or end with a space.",
    "personal_info": "Do not use your name, email, phone number or date of birth.",
    "too_weak": "Choose a password that is harder to guess.",
    "reused": f"Do not use any of your last {HISTORY_SIZE} passwords.",
}


def personal_fragments(values: Iterable[str | None]) -> list[str]:
    """The pieces of a person's details that must not appear in their password."""
    parts: set[str] = set()
    for value in values:
        if not value:
            continue
        text = value.lower()
        parts.update(p for p in re.split(r"[^a-z0-9]+", text.split("@")[0]) if len(p) >= 3)
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 7:  # phone numbers: the last seven digits; dates: as written
            parts.add(digits[-7:])
        if len(digits) >= 4 and "-" in text:
            parts.update(p for p in text.split("-") if len(p) == 4 and p.isdigit())
    return sorted(parts)


def problems(password: str, personal: Iterable[str | None] = ()) -> list[str]:
    """The rule codes the password breaks, in RULES order; empty when it is acceptable."""
    found = []
    if len(password) < MIN_LENGTH:
        found.append("too_short")
    if len(password) > MAX_LENGTH:
        found.append("too_long")
    if not re.search(r"[A-Z]", password):
        found.append("no_upper")
    if not re.search(r"[a-z]", password):
        found.append("no_lower")
    if not re.search(r"\d", password):
        found.append("no_digit")
    if not re.search(r"[^A-Za-z0-9\s]", password):
        found.append("no_special")
    if password != password.strip():
        found.append("edge_space")
    fragments = personal_fragments(personal)
    lowered = password.lower()
    if any(f in lowered for f in fragments):
        found.append("personal_info")
    if not found:
        from zxcvbn import zxcvbn  # cold start: 37 ms (its dictionaries), at a new password

        if zxcvbn(password[:MAX_LENGTH], user_inputs=fragments)["score"] < MIN_STRENGTH:
            found.append("too_weak")
    return found


def describe(codes: Iterable[str]) -> str:
    return " ".join(RULES[c] for c in codes)


def phone_pin_problem(pin: str) -> str | None:
    """What is wrong with a phone PIN, or None: six digits (Arizona's DCSS PIN), not one
    digit six times nor a run up or down (111111, 123456, 654321), which a caller's
    impostor would try first."""
    if len(pin) != 6 or not (pin.isascii() and pin.isdigit()):
        return "Enter 6 digits."
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({0}, {1}, {-1}):
        return "Choose a PIN that is not one digit repeated or a run like 123456."
    return None

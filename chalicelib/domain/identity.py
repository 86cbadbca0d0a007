"""Matching a person to the agency's member record: SSNs are kept only as an HMAC (for
matching) and the last four digits (for display)."""
from __future__ import annotations

import hashlib
import hmac
import re

CASE_TYPES = ("Never Assistance IV-D", "Current Assistance (TANF)", "Former Assistance",
              "Medicaid only", "Foster care", "Intergovernmental", "Non-IV-D")
NON_IV_D = "Non-IV-D"


def is_iv_d(case_type: str | None) -> bool:
    return case_type is not None and case_type != NON_IV_D


def ssn_digits(ssn: str) -> str | None:
    digits = re.sub(r"[\s-]", "", ssn)
    if not re.fullmatch(r"[0-9]{9}", digits) or digits.startswith(("000", "666", "9")) \
            or digits[3:5] == "00" or digits[5:] == "0000":
        return None
    return digits


def ssn_hmac(digits: str, key: str) -> str:
    if not key:
        raise RuntimeError("SSN_HMAC_KEY is not set for this stage")
    return hmac.new(key.encode(), digits.encode(), hashlib.sha256).hexdigest()


def mask_ssn(last4: str) -> str:
    return f"***-**-{last4}"


def same_name(a: str | None, b: str | None) -> bool:
    """Legal last names compared without case, accents' absence aside, or spacing."""
    def norm(x: str) -> str:
        return re.sub(r"[\s'.-]", "", x).casefold()
    return bool(a and b) and hmac.compare_digest(norm(a or ""), norm(b or ""))

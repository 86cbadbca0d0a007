"""Forgot case number, from the sign-in page (Arizona): a parent who has never linked a
logon gives their SSN, date of birth and mailing ZIP, and the case numbers are emailed
to the address the agency has on file for that member, never shown. The request answers
the same whether or not anything matched: it hashes the SSN (so the number itself never
leaves it) and leaves the rest to the work queue's function (services/public_work.py),
which looks for the member once the answer is gone. Limited as the association PIN is:
per client address and per SSN (rate_limits "case_numbers"), and at most three emails a
day to one member."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from chalicelib.dal import agency, outbox, throttles
from chalicelib.domain.identity import is_iv_d, ssn_digits, ssn_hmac
from chalicelib.integrations import secrets
from chalicelib.observability import logger
from chalicelib.services import notices

EMAILS_PER_MEMBER = 3  # a day
DAY = timedelta(days=1)


def ask(ssn: str, date_of_birth: date, zip_code: str, language: str, now: datetime) -> None:
    digits = ssn_digits(ssn) or ""
    hashes = [ssn_hmac(digits, key.value) for key in secrets.ssn_keys()]
    notices.later("case_numbers", now, ssn_hashes=hashes,
                  date_of_birth=date_of_birth.isoformat(), zip=zip_code[:5],
                  language=language)


def send(ssn_hashes: list[str], date_of_birth: str, zip_code: str, language: str,
         now: datetime) -> None:
    """Emails each matching member (SSN, date of birth and mailing ZIP) with an address
    on file their IV-D case numbers."""
    for member in agency.members_with_ssn(ssn_hashes):
        address = member.mailing_address
        if not (member.email and member.date_of_birth == date_of_birth and address
                and (address.zip or "")[:5] == zip_code):
            continue
        if not throttles.allow(f"case-numbers#{member.member_id}", now, DAY,
                               EMAILS_PER_MEMBER):
            logger.warning("case numbers for a member at their daily limit")
            continue
        paying = [i.item.removeprefix("CASE#") for i in agency.member_partition(
            member.member_id) if i.item.startswith("CASE#")]
        case_ids = sorted(c.case_id for c in agency.cases(paying) if is_iv_d(c.case_type))
        if case_ids:
            outbox.save(mail=[outbox.compose(member.email, "case_numbers", language, {
                "first_name": member.first_name or "", "case_ids": case_ids}, now)])

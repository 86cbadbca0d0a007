"""A sandbox processor that behaves like a real one, for ACH debits and cards.

Bank accounts: the outcome is chosen by the last four digits of the test account number:

| account ends in | outcome |
| --- | --- |
| 0001 | declined: insufficient_funds |
| 0002 | declined: invalid_account |
| 0003 | accepted, posted, then returned (R01, insufficient funds) |
| 0004 | accepted, but the answer times out (the charge exists; status finds it) |
| 0005 | the request is lost on the way: it times out and no charge exists |
| anything else | accepted, pending, posted after the settle time |

Cards: the sandbox tokenizes only these test numbers (any future expiry, any 3 or 4
digit security code), as a real processor's card form would in the browser; a card token
is good for 15 minutes and one payment:

| card number | outcome |
| --- | --- |
| 4111 1111 1111 1111 (Visa), 5555 5555 5555 4444 (Mastercard) | approved, posted |
| 4000 0000 0000 0002 | declined: card_declined |
| 4000 0000 0000 9995 | declined: insufficient_funds |
| 4000 0000 0000 0069 | declined: expired_card |
| 4000 0000 0000 0119 | approved, but the answer times out |
| 4000 0000 0000 0259 | approved, posted, then disputed (returned: chargeback) |
| 4000 0000 0000 0127 | the request is lost on the way: it times out and no charge exists |

The settle time is SANDBOX_SETTLE_SECONDS (2 days; `make run` uses a minute); a return
comes after twice that. A charge is known to `status` as soon as it exists; "no such
charge" is final after SANDBOX_NO_CHARGE_SECONDS (10 minutes; a real processor's adapter
says its own).

It keeps its own records (as a processor would) in its table, by token and by
idempotency key: the same key never charges twice."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from chalicelib.dal import sandbox_processor as store
from chalicelib.domain import bank
from chalicelib.integrations.payments import (
    BankToken,
    CardRefused,
    CardToken,
    Charge,
    ProcessorTimeout,
)
from chalicelib.settings import get_settings

OUTCOMES = {"0001": "decline:insufficient_funds", "0002": "decline:invalid_account",
            "0003": "return:R01", "0004": "timeout", "0005": "lost"}
CARD_OUTCOMES = {"4111111111111111": "post", "5555555555554444": "post",
                 "4000000000000002": "decline:card_declined",
                 "4000000000009995": "decline:insufficient_funds",
                 "4000000000000069": "decline:expired_card", "4000000000000119": "timeout",
                 "4000000000000259": "return:chargeback", "4000000000000127": "lost"}
CARD_TOKEN_LIFETIME = timedelta(minutes=15)


class SandboxProcessor:
    @property
    def no_charge_window(self) -> timedelta:
        return timedelta(seconds=get_settings().sandbox_no_charge_seconds)

    def tokenize_bank_account(self, routing: str, account: str, kind: str, holder: str,
                              now: datetime) -> BankToken:
        token = f"sbx_ba_{secrets.token_hex(12)}"
        store.save_token(token, account[-4:], OUTCOMES.get(account[-4:], "post"), now)
        return BankToken(token, account[-4:])

    def tokenize_card(self, number: str, exp_month: int, exp_year: int, cvc: str,
                      now: datetime) -> CardToken:
        """What the processor's card form does in the browser (sandbox only)."""
        number = number.replace(" ", "").replace("-", "")
        if not bank.valid_card_number(number):
            raise CardRefused("number", "Check the card number.")
        if number not in CARD_OUTCOMES:
            raise CardRefused("number", "The sandbox takes only its test card numbers.")
        if not 1 <= exp_month <= 12 or bank.card_expired(exp_month, exp_year, now.date()):
            raise CardRefused("exp_month", "The card has expired: check the month and year.")
        if not (cvc.isascii() and cvc.isdigit() and len(cvc) in (3, 4)):
            raise CardRefused("cvc", "Enter the 3 or 4 digit security code.")
        token = CardToken(f"sbx_card_{secrets.token_hex(12)}", number[-4:],
                          bank.card_brand(number), now + CARD_TOKEN_LIFETIME)
        store.save_token(token.token, token.last4, CARD_OUTCOMES[number], now,
                         brand=token.brand, expires_at=token.expires_at)
        return token

    def card(self, token: str, now: datetime) -> CardToken | None:
        record = store.token(token) if token.startswith("sbx_card_") else None
        if record is None or record.used_at is not None or record.expires_at <= now:
            return None
        return CardToken(token, record.last4, record.brand, record.expires_at)

    @property
    def return_window(self) -> timedelta:
        return timedelta(seconds=get_settings().sandbox_settle_seconds)  # returns come then

    def debit(self, token: str, amount_cents: int, idempotency_key: str, now: datetime,
              recurring: bool = False, payer_reference: str = "") -> Charge:
        existing, record = store.charge_and_token(idempotency_key, token)
        if existing is not None:
            return self._as_charge(existing, now)
        outcome = record.outcome if record else None
        if record is not None and record.expires_at is not None and not store.use_token(
                token, now):
            outcome = None  # a card token is good for one charge, for a short while
        if outcome is None:
            return Charge(f"sbx_ch_{secrets.token_hex(8)}", "declined", amount_cents,
                          "invalid_token" if token.startswith("sbx_card_")
                          else "invalid_account")
        if outcome == "lost":
            raise ProcessorTimeout("the sandbox processor never received the request")
        status, reason = "pending", None
        if outcome.startswith("decline:"):
            status, reason = "declined", outcome.split(":", 1)[1]
        record = store.create_charge(idempotency_key, f"sbx_ch_{secrets.token_hex(8)}", token,
                                     amount_cents, status, reason, outcome, now)
        if outcome == "timeout":
            raise ProcessorTimeout("the sandbox processor did not answer")
        return self._as_charge(record, now)

    def status(self, idempotency_key: str, now: datetime) -> Charge | None:
        record = store.charge(idempotency_key)
        return self._as_charge(record, now) if record else None

    @staticmethod
    def _as_charge(record, now: datetime) -> Charge:
        status, reason = record.status, record.reason
        age = now - record.created_at
        settle = timedelta(seconds=get_settings().sandbox_settle_seconds)
        if status == "pending" and age >= settle:
            status = "posted"
            if record.outcome.startswith("return:") and age >= 2 * settle:
                status, reason = "returned", record.outcome.split(":", 1)[1]
        return Charge(record.reference, status, int(record.amount_cents), reason)

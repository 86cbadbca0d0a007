"""A sandbox processor that behaves like a real ACH processor, chosen by the last four
digits of the test account number:

| account ends in | outcome |
| --- | --- |
| 0001 | declined: insufficient_funds |
| 0002 | declined: invalid_account |
| 0003 | accepted, posted, then returned (R01, insufficient funds) |
| 0004 | accepted, but the answer times out (the charge exists; status finds it) |
| anything else | accepted, pending, posted after the settle time |

The settle time is SANDBOX_SETTLE_SECONDS (2 days; `make run` uses a minute); a return
comes after twice that.

It keeps its own records (as a processor would) in its table, by token and by
idempotency key: the same key never charges twice."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from chalicelib.dal import sandbox_processor as store
from chalicelib.integrations.payments import BankToken, Charge, ProcessorTimeout
from chalicelib.settings import get_settings

OUTCOMES = {"0001": "decline:insufficient_funds", "0002": "decline:invalid_account",
            "0003": "return:R01", "0004": "timeout"}


class SandboxProcessor:
    def tokenize_bank_account(self, routing: str, account: str, kind: str, holder: str,
                              now: datetime) -> BankToken:
        token = f"sbx_ba_{secrets.token_hex(12)}"
        store.save_token(token, account[-4:], OUTCOMES.get(account[-4:], "post"), now)
        return BankToken(token, account[-4:])

    def debit(self, token: str, amount_cents: int, idempotency_key: str,
              now: datetime) -> Charge:
        existing = store.charge(idempotency_key)
        if existing is not None:
            return self._as_charge(existing, now)
        outcome = store.token_outcome(token)
        if outcome is None:
            return Charge(f"sbx_ch_{secrets.token_hex(8)}", "declined", amount_cents,
                          "invalid_account")
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

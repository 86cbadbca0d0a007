"""The payment processor adapter. The portal never stores a full account or card
number: it keeps the processor's token and the last four digits. A processor plugs in
by implementing `Processor` and naming it in PAYMENT_PROCESSOR (services/processors.py
picks it): the sandbox, the ACH rail (the agency's bank), or a state's card processor."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


class ProcessorTimeout(Exception):
    """The processor did not answer in time: the charge may or may not exist. Ask
    `status` with the same idempotency key later; never charge again."""


@dataclass(frozen=True)
class BankToken:
    token: str
    last4: str


@dataclass(frozen=True)
class CardToken:
    """A card as the processor's token: made in the parent's browser by the processor's
    own card form, so the card number never reaches the portal."""
    token: str
    last4: str
    brand: str
    expires_at: datetime


class CardRefused(ValueError):
    """The processor refused to tokenize a card: `field` says which input is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Charge:
    reference: str
    status: str  # pending | posted | returned | declined
    amount_cents: int
    reason: str | None = None  # a decline or return reason code
    # when a pending charge is expected to settle, if the processor knows (the ACH
    # rail: the day after the entry's effective date); else its settle time says
    settles_at: datetime | None = None


class Processor(Protocol):
    @property
    def no_charge_window(self) -> timedelta:
        """After a debit whose answer never came (ProcessorTimeout), how long `status` may
        still not know a charge that exists. Past it, "no such charge" is final: the
        payment failed, and its idempotency key may be used again."""

    @property
    def return_window(self) -> timedelta:
        """How long after a charge posted the settlement job should still ask about a
        return (zero: the processor tells of returns itself, as the ACH rail's return
        files do)."""

    def tokenize_bank_account(self, routing: str, account: str, kind: str, holder: str,
                              now: datetime) -> BankToken: ...

    def card(self, token: str, now: datetime) -> CardToken | None:
        """A card token that can still be charged (unknown, used or expired: None)."""

    def debit(self, token: str, amount_cents: int, idempotency_key: str, now: datetime,
              recurring: bool = False, payer_reference: str = "") -> Charge:
        """Charges a bank account or card token once per idempotency key (`recurring`:
        for automatic payments, which an ACH entry marks so; `payer_reference`: the
        payment's number as the payer reads it, P-C693-E18F, which an ACH entry carries
        as its individual identification number)."""

    def status(self, idempotency_key: str, now: datetime) -> Charge | None: ...

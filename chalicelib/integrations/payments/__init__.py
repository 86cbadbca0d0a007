"""The payment processor adapter. The portal never stores a full account or card
number: it keeps the processor's token and the last four digits. A production
processor plugs in by implementing `Processor` and naming it in PAYMENT_PROCESSOR."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from chalicelib.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.settings import get_settings


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


class Processor(Protocol):
    @property
    def no_charge_window(self) -> timedelta:
        """After a debit whose answer never came (ProcessorTimeout), how long `status` may
        still not know a charge that exists. Past it, "no such charge" is final: the
        payment failed, and its idempotency key may be used again."""

    def tokenize_bank_account(self, routing: str, account: str, kind: str, holder: str,
                              now: datetime) -> BankToken: ...

    def card(self, token: str, now: datetime) -> CardToken | None:
        """A card token that can still be charged (unknown, used or expired: None)."""

    def debit(self, token: str, amount_cents: int, idempotency_key: str,
              now: datetime) -> Charge:
        """Charges a bank account or card token once per idempotency key."""

    def status(self, idempotency_key: str, now: datetime) -> Charge | None: ...


def processor() -> Processor:
    name = get_settings().payment_processor
    if name == "sandbox":
        # cold start: 19 ms (the sandbox's table model), only on a sandbox stage
        from chalicelib.integrations.payments.sandbox import SandboxProcessor

        return SandboxProcessor()
    # "none" (prod's default until the agency names its processor) or a name no adapter
    # answers to: no money can move, so nothing is taken or saved
    if name != "none":
        logger.error("unknown payment processor", extra={"processor": name})
    raise Unavailable("Online payments are not available. You can pay by mail or at an "
                      "office.", code="payments_unavailable")

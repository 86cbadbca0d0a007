"""Bank accounts, payments and automatic payments."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from chalicelib.models.common import Body, Out


class BankAccountIn(Body):
    routing_number: str = Field(min_length=1, max_length=20)
    account_number: str = Field(min_length=1, max_length=30)
    account_type: Literal["checking", "savings"]
    holder_name: str = Field(min_length=1, max_length=100)
    nickname: str | None = Field(None, max_length=40)


class BankAccountOut(Out):
    account_id: str
    last4: str
    routing_number: str
    account_type: str
    holder_name: str
    nickname: str | None = None
    created_at: datetime


class BankAccountsOut(Out):
    bank_accounts: list[BankAccountOut]


class PaymentIn(Body):
    case_id: str = Field(pattern=r"^\d{6,12}$")
    bank_account_id: str = Field(min_length=1, max_length=40)
    amount_cents: int = Field(strict=True, description="Whole cents: $100.00 is 10000.")


class PaymentsQuery(Body):
    case_id: str | None = Field(None, pattern=r"^\d{6,12}$")
    status: Literal["pending", "posted", "returned"] | None = None


class AllocationOut(Out):
    period: str
    applied_to: Literal["current support", "arrears"]
    amount_cents: int


class PaymentOut(Out):
    payment_id: str
    case_id: str
    amount_cents: int
    amount: str
    status: str
    bank_account_last4: str
    created_at: datetime
    posted_at: datetime | None = None
    returned_at: datetime | None = None
    return_reason: str | None = None
    distribution: list[AllocationOut] | None = None
    credit_cents: int | None = None


class PaymentsOut(Out):
    payments: list[PaymentOut]


class AutopayIn(Body):
    case_id: str = Field(min_length=1, max_length=20)
    bank_account_id: str = Field(min_length=1, max_length=40)
    amount_cents: int | None = Field(None, strict=True, ge=100, le=10 ** 9, description=(
        "A fixed amount; leave it out to pay the case's monthly obligation"))
    day_of_month: int = Field(strict=True, ge=1, le=28)
    start: date
    end: date | None = None


class AutopayOut(Out):
    schedule_id: str
    case_id: str
    bank_account_last4: str
    amount_cents: int | None
    pays_monthly_obligation: bool
    day_of_month: int
    start: date
    end: date | None
    status: Literal["active", "cancelled"]
    created_at: datetime
    cancelled_at: datetime | None = None


class AutopaysOut(Out):
    schedules: list[AutopayOut]


class ChannelsRemovedOut(Out):
    bank_accounts_removed: int
    automatic_payments_stopped: int

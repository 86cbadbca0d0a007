"""Bank accounts, payments and automatic payments."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from chalicelib.models.common import AllocationOut, Body, Day, Out


class BankAccountIn(Body):
    routing_number: str = Field(min_length=1, max_length=20)
    account_number: str = Field(min_length=1, max_length=30)
    account_type: Literal["checking", "savings"]
    holder_name: str = Field(min_length=1, max_length=100)
    nickname: str | None = Field(None, max_length=40)
    authorize: Literal[True] = Field(description=(
        "The parent authorizes the agency's payment processor to debit this account for the "
        "payments they make or schedule from it (as direct deposit asks for its account)"))


class BankAccountOut(Out):
    account_id: str
    last4: str
    routing_number: str
    account_type: str
    holder_name: str
    nickname: str | None = None
    created_at: datetime
    authorized_at: datetime | None = Field(None, description="when I authorized debits from it")
    blocked: str | None = Field(None, description=(
        "the bank's return code that stopped debits from it (R02 account closed, R03 no "
        "account, R04 invalid number, R07/R10 not authorized...): add another account"))
    blocked_reason: str | None = Field(None, description="what the code means, in my language")


class BankAccountsOut(Out):
    bank_accounts: list[BankAccountOut]


class PaymentIn(Body):
    """Pay a case, all my cases or a fee account, from a saved bank account or a card
    token."""
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")
    all_cases: bool = Field(False, strict=True, description=(
        "every active case I pay on, split as the state allocates one payment among "
        "several cases (45 CFR 303.100: current support pro rata, then arrears oldest "
        "first)"))
    confirm_overpayment: bool = Field(False, strict=True, description=(
        "more than the cases owe, knowingly: without it such a payment is refused "
        "(422 confirm_overpayment, saying what is owed); the rest is a credit"))
    fee_account: str | None = Field(None, pattern=r"^[0-9-]{6,30}$")
    bank_account_id: str | None = Field(None, min_length=1, max_length=40)
    card_token: str | None = Field(None, pattern=r"^[A-Za-z0-9_]{8,100}$", description=(
        "The token the processor's card form returned (the card number never reaches the "
        "portal)."))
    amount_cents: int = Field(strict=True, description="Whole cents: $100.00 is 10000.")

    @model_validator(mode="after")
    def one_of_each(self):
        if [self.case_id is not None, self.fee_account is not None, self.all_cases].count(True) != 1:
            raise ValueError("Send one of case_id, fee_account or all_cases.")
        if (self.bank_account_id is None) == (self.card_token is None):
            raise ValueError("Send either bank_account_id or card_token.")
        return self


class PaymentsQuery(Body):
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")
    status: Literal["pending", "posted", "returned", "failed"] | None = None
    limit: int = Field(50, ge=1, le=100)
    cursor: str | None = Field(None, max_length=500)


class PaymentOut(Out):
    payment_id: str
    reference: str = Field(description="the payment's number as a person reads it: P-C693-E18F")
    case_id: str | None = None
    case_ids: list[str] | None = Field(None, description="a payment for all my cases: "
                                       "which (its distribution names each part's case)")
    fee_account: str | None = None
    amount_cents: int
    amount: str
    status: Literal["pending", "posted", "returned", "failed"] = Field(description=(
        "pending until the processor settles it; failed: declined after all, or no charge "
        "behind it (nothing was taken; its Idempotency-Key may be used again)"))
    checking: bool = Field(False, description=(
        "pending past the time it should have settled: the settlement job asks the "
        "processor about it on its next run (within the hour)"))
    method: Literal["bank_account", "card"]
    last4: str
    card_brand: str | None = None
    created_at: datetime
    posted_at: datetime | None = None
    returned_at: datetime | None = None
    return_reason: str | None = Field(None, description=(
        "the bank's return code (R01 insufficient funds...) or the processor's reason"))
    return_reason_words: str | None = Field(None, description=(
        "what a bank's return code means, in my language"))
    authorization: str | None = Field(None, description=(
        "a bank payment's authorization, in the words I accepted (kept as NACHA requires)"))
    represents: str | None = Field(None, description=(
        "a payment the bank returned for insufficient or uncollected funds (R01, R09), "
        "which this one presents again"))
    failed_at: datetime | None = None
    failure_reason: str | None = Field(None, description="no_charge, or the decline's reason")
    distribution: list[AllocationOut] | None = None
    credit_cents: int | None = None


class PaymentsOut(Out):
    payments: list[PaymentOut]
    next_cursor: str | None = None


class HistoryLine(Out):
    on: date = Field(description="the day at the agency it was paid or received")
    direction: Literal["paid", "received"] = Field(description=(
        "paid: on a case where I pay (or a fee); received: on a case where I receive"))
    amount_cents: int = Field(description="negative for a payment taken back (a bank return)")
    source: str = Field(description="portal, income_withholding, check, money_order, cash, "
                        "federal_tax_offset, state_tax_offset, pfd_garnishment, "
                        "unemployment_intercept, other")
    status: Literal["pending", "posted", "returned", "failed"]
    checking: bool = Field(False, description="my own portal payment, pending past the time "
                           "it should have settled (GET /payments/{payment_id})")
    case_id: str | None = None
    fee_account: str | None = None
    payment_id: str | None = Field(None, description="my own portal payment (GET "
                                   "/payments/{payment_id})")
    method: Literal["bank_account", "card"] | None = None
    last4: str | None = Field(None, description="my own portal payment's card or account")


class HistoryOut(Out):
    payments: list[HistoryLine]


class AutopayChangeIn(Body):
    bank_account_id: str = Field(min_length=1, max_length=40)
    amount_cents: int | None = Field(None, strict=True, ge=100, le=10 ** 9, description=(
        "A fixed amount; leave it out to pay the case's monthly obligation"))
    day_of_month: int = Field(strict=True, ge=1, le=28)
    start: Day
    end: Day | None = None


class AutopayIn(AutopayChangeIn):
    case_id: str = Field(min_length=1, max_length=20)


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


def _four_digit_year(year: int) -> int:
    """The year as printed on a card ("30") or in full ("2030")."""
    full = 2000 + year if 0 <= year < 100 else year
    if not 2000 <= full <= 2100:
        raise ValueError("Enter the year on the card, like 30 or 2030.")
    return full


class CardIn(Body):
    number: str = Field(min_length=12, max_length=23)
    exp_month: int = Field(strict=True, ge=1, le=12)
    exp_year: Annotated[int, Field(strict=True, ge=0, le=2100,
                                   description="as on the card (30) or in full (2030)"),
                        AfterValidator(_four_digit_year)]
    cvc: str = Field(min_length=3, max_length=4)


class CardTokenOut(Out):
    token: str
    last4: str
    brand: str
    expires_at: datetime


class DirectDepositIn(Body):
    routing_number: str = Field(min_length=1, max_length=20)
    account_number: str = Field(min_length=1, max_length=30)
    account_number_confirmation: str = Field(min_length=1, max_length=30)
    account_type: Literal["checking", "savings"]
    holder_name: str = Field(min_length=1, max_length=100)
    authorize: Literal[True] = Field(description=(
        "The parent authorizes the agency to deposit support payments to this account "
        "(and to reverse a deposit made in error)."))


class DirectDepositOut(Out):
    enrolled: bool
    routing_number: str | None = None
    account_type: str | None = None
    holder_name: str | None = None
    last4: str | None = None
    updated_at: datetime | None = None

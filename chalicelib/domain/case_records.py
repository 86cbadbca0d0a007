"""Records from the agency's system of record, as loaded by the API, the command-line
import and the demo data (one format for all three: docs/case-data.md)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Union

from pydantic import Field, field_validator, model_validator

from chalicelib.domain.fields import AddressIn, Day, Strict
from chalicelib.domain.identity import CASE_TYPES, ssn_digits

MemberId = Annotated[str, Field(pattern=r"^[0-9]{6,12}$")]
CaseId = Annotated[str, Field(pattern=r"^[0-9]{6,12}$")]
ItemId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
Cents = Annotated[int, Field(ge=-10 ** 11, le=10 ** 11, strict=True)]
Text = Annotated[str, Field(min_length=1, max_length=500)]
# how a payment reached the agency (outside the portal's own, whose source is "portal")
PaymentSource = Literal["income_withholding", "check", "money_order", "cash",
                        "federal_tax_offset", "state_tax_offset", "pfd_garnishment",
                        "unemployment_intercept", "lottery_intercept", "other"]


class MemberRecord(Strict):
    type: Literal["member"]
    member_id: MemberId
    first_name: Text
    middle_name: str | None = Field(None, max_length=100)
    last_name: Text
    date_of_birth: Day
    ssn: str = Field(description="9 digits; kept only as an HMAC and the last four.")
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=30)
    mailing_address: AddressIn | None = None
    residential_address: AddressIn | None = None

    @field_validator("ssn")
    @classmethod
    def valid_ssn(cls, value: str) -> str:
        digits = ssn_digits(value)
        if digits is None:
            raise ValueError("Not a valid SSN.")
        return digits


class ParticipantIn(Strict):
    member_id: MemberId
    role: Literal["obligor", "obligee", "child"]
    name: Text


class ObligationIn(Strict):
    monthly_support_cents: Cents
    medical_support_cents: Cents = 0
    due_day: int = Field(ge=1, le=28)
    start: Day
    end: Day | None = None


class OrderChangeIn(Strict):
    effective: Day
    description: Text
    custody: str | None = Field(None, max_length=200)
    monthly_support_cents: Cents | None = None
    medical_support_cents: Cents | None = None


class AssistanceIn(Strict):
    """A spell of public assistance (TANF, foster care) for the case's children: support
    that fell due in it is assigned to the state (42 U.S.C. 608(a)(3))."""
    start: Day
    end: Day | None = None

    @model_validator(mode="after")
    def ends_after_it_starts(self) -> "AssistanceIn":
        if self.end is not None and self.end < self.start:
            raise ValueError("A spell of assistance ends on or after the day it starts.")
        return self


class CaseRecord(Strict):
    type: Literal["case"]
    case_id: CaseId
    case_type: Literal[CASE_TYPES]  # type: ignore[valid-type]
    status: Literal["active", "closed"]
    participants: list[ParticipantIn] = Field(min_length=1, max_length=20)
    custody: str | None = Field(None, max_length=200)
    payment_method: Literal["self_paid", "income_withholding"] = "self_paid"
    obligation: ObligationIn | None = None
    order_history: list[OrderChangeIn] = Field(default_factory=list, max_length=100)
    assistance: list[AssistanceIn] = Field(
        default_factory=list, max_length=50,
        description="spells of assistance, oldest first; without them the case type says "
                    "whether support is assigned")
    office_id: str | None = Field(None, max_length=40, pattern=r"^[a-z0-9-]+$", description=(
        "the local office that works the case (an id in the state's offices.json)"))
    caseworker_name: str | None = Field(None, min_length=1, max_length=100, description=(
        "the caseworker assigned to the case, as the parent sees it"))
    caseworker_email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$",
                                         description=(
        "the assigned caseworker's staff logon: the parent's messages about the case wait "
        "in that caseworker's queue first"))


class LedgerRecord(Strict):
    type: Literal["ledger"]
    case_id: CaseId
    entry_id: ItemId
    on: Day
    kind: Literal["charge", "payment", "adjustment", "interest", "fee"]
    amount_cents: Cents
    description: Text
    source: PaymentSource | None = Field(None, description="a payment's: how it reached "
                                         "the agency (the parent's history names it)")
    owner: Literal["family", "state"] | None = Field(
        None, description="a debt's: owed to the family or assigned to the state; without "
                          "it, the case's assistance on the day says")


class ActionRecord(Strict):
    type: Literal["action"]
    case_id: CaseId
    action_id: ItemId
    on: Day
    description: Text


class EventRecord(Strict):
    type: Literal["event"]
    case_id: CaseId
    event_id: ItemId
    at: datetime
    kind: Literal["court_date", "appointment"]
    description: Text
    location: str | None = Field(None, max_length=300)

    @field_validator("at")
    @classmethod
    def with_time_zone(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("Give the time with its offset, like 2026-12-01T09:00:00-09:00.")
        return value


class FeeAccountRecord(Strict):
    type: Literal["fee_account"]
    member_id: MemberId
    account: Annotated[str, Field(pattern=r"^[0-9-]{6,30}$")]
    description: Text = "Fees"
    balance_cents: Cents


class EmploymentRecord(Strict):
    type: Literal["employment"]
    member_id: MemberId
    employer_id: ItemId
    employer: Text
    employer_address: AddressIn | None = None
    started: Day | None = None
    ended: Day | None = None


Record = Annotated[Union[MemberRecord, CaseRecord, LedgerRecord, ActionRecord, EventRecord,
                         FeeAccountRecord, EmploymentRecord], Field(discriminator="type")]

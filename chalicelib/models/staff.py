"""Agency staff: loading records, issuing redeem codes, recording payments."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from chalicelib.domain.case_records import PaymentSource
from chalicelib.models.common import AllocationOut, Body, Day, Out


class RecordsIn(Body):
    records: list[dict[str, Any]] = Field(min_length=1, max_length=500, description=(
        "member, case, ledger, action, event, fee_account and employment records: the "
        "format of docs/case-data.md."))


class RecordResult(Out):
    index: int
    type: str | None = None
    key: str | None = None
    status: str
    error: str | None = None


class RecordsOut(Out):
    results: list[RecordResult]
    counts: dict[str, int]


class SignInResetIn(Body):
    identity_checked: Literal[True] = Field(description=(
        "The caller's identity was checked against the member's record (for a person "
        "with no security answer, authenticator app or recovery code)."))
    how: Literal["phone", "in_person", "in_writing"] = Field(description=(
        "How the person was in touch when it was checked, for the audit record (a "
        "choice, not free text: no identity details are written down)."))


class SignInResetOut(Out):
    sent_to: str = Field(description="The address the reset link went to, masked.")


class RedeemCodeOut(Out):
    code: str
    member_id: str
    expires_at: datetime


class OutsidePaymentIn(Body):
    amount_cents: int = Field(strict=True, ge=1, le=10 ** 9)
    received_on: Day
    source: PaymentSource
    reference: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                           description="The agency's remittance, check or batch number: "
                                       "recording the same reference again changes nothing")


class PaperDebitIn(Body):
    """A bank debit the member authorized on a signed paper form (the ACH rail: PPD)."""
    case_id: str = Field(pattern=r"^[0-9]{6,12}$")
    routing_number: str = Field(min_length=1, max_length=20)
    account_number: str = Field(min_length=1, max_length=30)
    account_type: Literal["checking", "savings"]
    holder_name: str = Field(min_length=1, max_length=100)
    amount_cents: int = Field(strict=True, description="Whole cents, as the form says")
    signed_on: Day = Field(description="the day the member signed the form")
    reference: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                           description="The agency's number for the form: entering the "
                                       "same form again debits nothing more")


class PaperDebitOut(Out):
    payment_id: str
    reference: str = Field(description="the payment's number, as the bank's files carry it")
    member_id: str
    case_id: str
    amount_cents: int
    last4: str
    status: str
    settles_at: datetime | None = Field(None, description="when it posts if no return comes")
    created: bool


class PhonePinCheckIn(Body):
    pin: str = Field(pattern=r"^[0-9]{6}$", description="the six digits the caller gave")


class PhonePinCheckOut(Out):
    matches: bool


class OutsidePaymentOut(Out):
    case_id: str
    received_on: date
    amount_cents: int
    source: str
    reference: str
    description: str
    distribution: list[AllocationOut]
    credit_cents: int
    created: bool


class OutsidePartOut(Out):
    case_id: str
    amount_cents: int
    distribution: list[AllocationOut]
    credit_cents: int


class OutsideSplitOut(Out):
    member_id: str
    received_on: date
    amount_cents: int
    source: str
    reference: str
    description: str
    parts: list[OutsidePartOut] = Field(description="one part per case: the member's "
                                        "active cases, split as 45 CFR 303.100 allocates "
                                        "withholding (current support pro rata, then "
                                        "arrears oldest first)")
    created: bool


class DisbursementAccountOut(Out):
    member_id: str
    routing_number: str
    account_number: str
    account_type: str
    holder_name: str
    updated_at: datetime


class MemberCaseOut(Out):
    case_id: str
    role: str


class MemberContactOut(Out):
    method: str
    number: str | None = None


class MemberOut(Out):
    member_id: str
    name: str
    linked: bool = Field(description="a portal logon is linked: messages and letters reach it")
    cases: list[MemberCaseOut]
    preferred_contact: MemberContactOut | None = Field(None, description=(
        "how the parent asked to be reached first (their logon's profile): email, phone, "
        "text or mail, with the number for a call or a text"))


StaffRole = Literal["caseworker", "disbursement", "supervisor", "administrator"]


class StaffLogonOut(Out):
    user_id: str
    email: str
    name: str
    role: StaffRole
    status: Literal["active", "disabled"]


class StaffListOut(Out):
    items: list[StaffLogonOut]


class StaffRoleIn(Body):
    role: StaffRole = Field(description=(
        "caseworker: requests, messages, letters, codes; disbursement: full bank account "
        "numbers and recording payments; supervisor: casework and staff logons and the "
        "audit trail; administrator: staff logons, the audit trail and loading records"))


class SignedOutOut(Out):
    sessions_ended: int


class AuditQuery(Body):
    member_id: str | None = Field(None, pattern=r"^[0-9]{8}$", description="A member's events")
    staff_id: str | None = Field(None, pattern=r"^[0-9a-f]{32}$",
                                 description="A staff member's events")
    limit: int = Field(50, ge=1, le=100)
    cursor: str | None = Field(None, max_length=800)

    @model_validator(mode="after")
    def one_of_them(self) -> "AuditQuery":
        if (self.member_id is None) == (self.staff_id is None):
            raise ValueError("Name a member_id or a staff_id, one of them.")
        return self


class AuditEventOut(Out):
    event_id: str
    at: datetime
    staff_id: str
    role: str
    session_id: str
    action: str = Field(description='The route: "GET /agency/members/{member_id}"')
    record: dict[str, str] = Field(description="The records the route's path named")
    address: str = Field(description="Where the request came from")
    trail_key: str = Field(description="The audit trail's object that holds the event")


class AuditOut(Out):
    events: list[AuditEventOut]
    next_cursor: str | None = None

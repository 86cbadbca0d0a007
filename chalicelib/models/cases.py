"""Case association and what a linked parent sees."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import EmailStr, Field, model_validator

from chalicelib.domain.case_records import CaseId, MemberId
from chalicelib.models.common import AddressOut, AllocationOut, Body, Day, Out


class MemberOrCase(Body):
    """A record named by the member number or the case number (one of them)."""
    member_id: MemberId | None = None
    case_id: CaseId | None = None
    last_name: str = Field(min_length=1, max_length=100, description="Legal last name.")

    @model_validator(mode="after")
    def one_number(self):
        if bool(self.member_id) == bool(self.case_id):
            raise ValueError("Give your member number or your case number.")
        return self


class ForgotUsername(MemberOrCase):
    date_of_birth: Day

    @property
    def number(self) -> str:
        """What is asked about, for its limit: the member or the case number."""
        return f"member:{self.member_id}" if self.member_id else f"case:{self.case_id}"


class IdentityIn(MemberOrCase):
    ssn: str = Field(min_length=9, max_length=11, pattern=r"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$")
    date_of_birth: Day


class Review(Out):
    last_name: str
    ssn: str = Field(description="Masked: ***-**-2222.")
    date_of_birth: date
    member_id: str | None = None
    case_id: str | None = None
    message: str


class LinkedCase(Out):
    case_id: str
    role: str


class ConfirmationOut(Out):
    confirmation_number: str
    date_received: datetime
    submitted_by_logon: str
    member_id: str
    cases: list[LinkedCase]


class PinRequest(MemberOrCase):
    """Kentucky's request by PIN: the record is checked against the date of birth and
    the email address given too, and the PIN goes to that address on file."""
    date_of_birth: Day
    email: EmailStr = Field(max_length=254, description="the email address the agency has "
                            "on file for you")


class PinSent(Out):
    challenge_id: str
    message: str


class PinVerify(Body):
    challenge_id: str = Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")
    pin: str = Field(pattern=r"^[0-9]{6}$")


class RedeemRequest(Body):
    code: str = Field(min_length=12, max_length=20)


class ForgotCaseNumber(Body):
    ssn: str = Field(min_length=9, max_length=11, pattern=r"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$")
    date_of_birth: Day
    zip: str = Field(pattern=r"^[0-9]{5}(-[0-9]{4})?$")


class Money(Out):
    cents: int
    display: str


class ParticipantOut(Out):
    name: str
    role: str


class CaseCard(Out):
    case_id: str
    case_type: str
    status: str
    my_role: str
    participants: list[ParticipantOut]


class ObligationSummary(Out):
    role: Literal["obligor", "obligee"]
    monthly_obligation: Money
    obligation_met: bool
    message: str
    arrears: Money
    total_balance: Money = Field(description="What the cases owe, each case's balance "
                                 "alone: a credit on one case is not taken off another's.")
    credit: Money = Field(description="Paid beyond what a case owes, added up over the "
                          "cases (zero when none); kept on the case it was paid to.")
    credit_rule: Literal["applied", "held", "refunded"] = Field(
        "applied", description="what the state does with a credit (its data file): applied "
                               "to the case's next support due, held, or refunded")
    owed_to_family: Money = Field(description="Of the total, what is owed to the family "
                                  "(to the receiving parent).")
    owed_to_state: Money = Field(description="Of the total, what is assigned to the state: "
                                 "support due while the family received public assistance "
                                 "repays it (42 U.S.C. 608(a)(3), 657).")
    received_this_month: Money | None = None


class FeeAccountOut(Out):
    account: str
    description: str
    balance: Money


class MemberCard(Out):
    member_id: str
    name: str
    mailing_address: AddressOut | None = None
    notice: str | None = Field(None, description=(
        "the state's standing notice about keeping the address current, in the asked "
        "language (the Change of Address request changes it)"))


class AccountDetails(Out):
    active_cases: int
    payment_method: str | None = Field(None, description="how I pay (Self Paid, Income "
                                       "Withholding); none when I pay on no case")
    receives_by: Literal["direct_deposit", "other"] | None = Field(
        None, description="how support reaches me; none when I receive on no case")
    deposit_last4: str | None = None


class SummaryOut(Out):
    linked: bool
    member: MemberCard | None = None
    obligation_summary: list[ObligationSummary] = []
    account_details: AccountDetails | None = None
    fee_accounts: list[FeeAccountOut] = []
    cases: list[CaseCard] = []
    message: str | None = None


class OrderChangeOut(Out):
    effective: date
    description: str
    custody: str | None = None
    monthly_support: Money | None = None
    medical_support: Money | None = None


class ObligationOut(Out):
    case_id: str
    monthly_support: Money
    medical_support: Money
    due_day: int | None = None
    next_due_date: date | None = None
    start: date | None = None
    end: date | None = None
    charged_this_month: Money
    paid_this_month: Money
    due_this_month: Money
    obligation_met: bool


class CaseOfficeOut(Out):
    name: str
    address: AddressOut
    hours: str
    phone: str
    toll_free: str | None = None
    map_url: str


class CaseDetail(CaseCard):
    custody: str | None = None
    payment_method: str | None = None
    current_support: Money
    order_history: list[OrderChangeOut]
    office: CaseOfficeOut | None = Field(None, description=(
        "the local office that works the case (Kentucky): its address, phone and hours"))
    caseworker: str | None = Field(None, description="the caseworker assigned, by name")


class CasesOut(Out):
    cases: list[CaseCard]


class ArrearsPeriod(Out):
    period: str
    amount: Money = Field(description="all the month still owes: support, interest, fees")
    interest: Money = Field(description="of the amount, interest charged that month")


class ArrearsOut(Out):
    case_id: str
    total: Money
    owed_to_family: Money = Field(description="of all the case owes (arrears and this "
                                  "month's support), what is owed to the family")
    owed_to_state: Money = Field(description="and what is assigned to the state (it repays "
                                 "public assistance)")
    interest: Money = Field(description="of the total, interest (charged apart from the "
                            "support it is on; paid after it)")
    periods: list[ArrearsPeriod]


class ActionOut(Out):
    on: date
    description: str


class ActionsQuery(Body):
    limit: int = Field(10, ge=1, le=50)
    cursor: str | None = Field(None, max_length=500)


class ActionsOut(Out):
    actions: list[ActionOut]
    next_cursor: str | None = None


class EventOut(Out):
    event_id: str = Field(description="the agency's id of the event (the case page's "
                          "anchor for it)")
    at: datetime = Field(description="when, in UTC; shown in the agency's time zone "
                         "(GET /portal agency_timezone)")
    kind: str
    description: str
    location: str | None = None


class EventsOut(Out):
    events: list[EventOut]


class CasePaymentOut(Out):
    on: date
    amount: Money
    description: str
    source: str | None = Field(None, description="portal, income_withholding, check, ...")
    distribution: list[AllocationOut] | None = Field(
        None, description="what it paid, as the case's ledger distributes it now (a payment "
                          "recorded late is distributed as of the day received)")
    credit_cents: int | None = Field(None, description="what it paid beyond all that was "
                                     "owed: a credit")
    returned: bool = Field(False, description="returned by the bank (and the return itself): "
                           "it paid nothing")


class CasePaymentsOut(Out):
    last_payment: CasePaymentOut | None = None
    payments: list[CasePaymentOut]


class ActionItem(Out):
    kind: str
    title: str
    detail: str | None = None
    link: str
    due: date | None = None
    at: datetime | None = Field(None, description="a court date's or appointment's time "
                                "(UTC; shown in the agency's time zone)")


class ActionCenterOut(Out):
    items: list[ActionItem]

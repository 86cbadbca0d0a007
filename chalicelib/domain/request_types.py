"""The request types a parent can file, grouped as the Alaska portal's "I Want To..." tab
groups them, with Kentucky's employment information and Arizona's electronic payment
authorization. Adding a type is adding a declaration here: the engine, the routes, the
review, the printable view and the staff worklist need nothing new."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from chalicelib.domain.fields import AddressIn, Day, Name, PhoneNumber
from chalicelib.domain.web_requests import Fields, Filer, RequestType, Step

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Cents = Annotated[int, Field(strict=True, ge=0, le=10 ** 10,
                             description="Whole cents: $100.00 is 10000.")]


class Child(Fields):
    first_name: Name
    last_name: Name
    date_of_birth: Day


class Period(Fields):
    start: Day
    end: Day

    @model_validator(mode="after")
    def in_order(self) -> Self:
        if self.end < self.start:
            raise ValueError("The end date must be on or after the start date.")
        return self


# -- Application for Services ---------------------------------------------------------

class ApplicantDetails(Fields):
    applying_as: Literal["custodial_parent", "noncustodial_parent", "caretaker_relative",
                         "legal_guardian"]
    services: list[Literal["locate_parent", "establish_paternity", "establish_order",
                           "enforce_order", "modify_order", "collect_payments"]] = Field(
        min_length=1)
    receives_public_assistance: bool
    existing_order: bool
    court: str | None = Field(None, max_length=200)
    court_case_number: str | None = Field(None, max_length=50)

    @model_validator(mode="after")
    def order_details(self) -> Self:
        if self.existing_order and not self.court_case_number:
            raise ValueError("Give the court case number of the existing order.")
        return self


class OtherParent(Fields):
    first_name: Name
    last_name: Name
    date_of_birth: Day | None = None
    last_known_address: AddressIn | None = None
    employer: str | None = Field(None, max_length=200)
    paternity_established: Literal["yes", "no", "unknown"]


class Children(Fields):
    children: list[Child] = Field(min_length=1, max_length=20)


# -- Case Actions ----------------------------------------------------------------------

class CloseCase(Fields):
    reason: Literal["no_longer_want_services", "children_emancipated", "parents_reconciled",
                    "child_living_with_obligor", "other"]
    explanation: Text


class Nondisclosure(Fields):
    at_risk: list[Literal["me", "children"]] = Field(min_length=1)
    risk_from: Literal["other_parent", "other_party"]
    protective_order: bool
    statement: Text


# -- Change of Circumstance ------------------------------------------------------------

class AddChildren(Fields):
    children: list[Child] = Field(min_length=1, max_length=20)
    relationship: Literal["born_to_both_parents", "adopted", "paternity_established"]


class Modification(Fields):
    change: Literal["income_increase", "income_decrease", "custody_change",
                    "child_health_insurance", "incarceration", "other"]
    changed_on: Day
    explanation: Text
    current_annual_income_cents: Cents | None = None


class HardshipReduction(Fields):
    employer: str = Field(min_length=1, max_length=200)
    monthly_net_income_cents: Cents
    monthly_expenses_cents: Cents
    requested_monthly_withholding_cents: Cents
    hardship: Text


# -- Obligor Actions ---------------------------------------------------------------------

class RemoveChannels(Fields):
    confirm: Literal[True] = Field(description="Remove my saved bank accounts and stop my "
                                               "automatic payments.")


class CfecTransfer(Fields):
    permit_number: str = Field(pattern=r"^[A-Za-z0-9 -]{3,20}$")
    transferee_name: str = Field(min_length=1, max_length=100)
    transfer_kind: Literal["permanent", "emergency"]
    reason: Text


class SettleDebt(Fields):
    offer_cents: int = Field(strict=True, ge=100, le=10 ** 10)
    payment_source: Literal["savings", "loan", "settlement", "other"]
    explanation: Text


# -- Credits -----------------------------------------------------------------------------

class Credit(Fields):
    credit_type: Literal["direct_payment_to_obligee", "in_kind_support", "child_lived_with_me",
                         "other"]
    period: Period
    amount_cents: int = Field(strict=True, ge=1, le=10 ** 10)
    explanation: Text


class MedicalCredit(Fields):
    provider: str = Field(min_length=1, max_length=200)
    service_date: Day
    amount_paid_cents: int = Field(strict=True, ge=1, le=10 ** 10)
    child_names: list[str] = Field(min_length=1, max_length=20)


class CibCredit(Fields):
    benefit_type: Literal["social_security_disability", "social_security_retirement",
                          "veterans", "other"]
    benefits_start: Day
    monthly_benefit_cents: int = Field(strict=True, ge=1, le=10 ** 9)
    child_names: list[str] = Field(min_length=1, max_length=20)


# -- Names and Addresses, employment, payments, statements --------------------------------

class NewAddress(Fields):
    mailing_address: AddressIn
    residential_same: bool = True
    residential_address: AddressIn | None = None
    effective: Day

    @model_validator(mode="after")
    def residential(self) -> Self:
        if not self.residential_same and self.residential_address is None:
            raise ValueError("Give the residential address, or say it is the same.")
        return self


class Employment(Fields):
    employer: str = Field(min_length=1, max_length=200)
    employer_address: AddressIn
    employer_phone: PhoneNumber | None = None
    started: Day
    hours_per_week: int = Field(strict=True, ge=1, le=100)
    gross_pay_cents: int = Field(strict=True, ge=1, le=10 ** 9)
    pay_frequency: Literal["weekly", "every_two_weeks", "twice_a_month", "monthly"]
    health_insurance_available: bool


class PaymentAuthorization(Fields):
    bank_account_id: str = Field(min_length=1, max_length=40, description=(
        "One of my saved bank accounts (GET /bank-accounts)"))
    amount_cents: int = Field(strict=True, ge=100, le=10 ** 9)
    day_of_month: int = Field(strict=True, ge=1, le=28)
    authorize: Literal[True] = Field(description=(
        "I authorize the agency to debit this account each month for child support."))


class Statement(Fields):
    kind: Literal["detailed", "summary"]
    period: Period
    delivery: Literal["electronic", "mail"]


BOTH: tuple[Filer, ...] = ("obligor", "obligee")


def _t(id_: str, group: str, title: str, about: str, filers: tuple[Filer, ...], needs_case: bool,
       *steps: tuple[Any, ...], **kw: Any) -> RequestType:
    return RequestType(id_, group, title, about, filers, needs_case,
                       tuple(Step(*s) for s in steps), **kw)


TYPES = (
    _t("apply_for_services", "My case", "Apply for Child Support Services",
       "Open a new child support case: locating a parent, establishing paternity and a "
       "support order, and collecting support.", ("anyone",), False,
       ("applicant", "Your Application", ApplicantDetails),
       ("other_parent", "The Other Parent", OtherParent),
       ("children", "Children", Children)),
    _t("close_case", "My case", "Close My Case",
       "Ask the agency to close your case. Support already owed may still be collected.",
       BOTH, True, ("reason", "Reason", CloseCase)),
    _t("nondisclosure", "My information", "Request Nondisclosure",
       "Ask the agency not to release your or your children's address because of a risk of "
       "harm.", BOTH, True, ("risk", "Risk of Harm", Nondisclosure)),
    _t("add_children", "My case", "Add Children to Case",
       "Add children of both parents to your case.", BOTH, True,
       ("children", "Children", AddChildren)),
    _t("order_modification", "My case", "Request an Order Modification",
       "Ask for a review of your support order because your circumstances changed.", BOTH,
       True, ("change", "What Changed", Modification)),
    _t("hardship_withholding", "Payments",
       "Have Less Withheld From My Pay (Hardship)",
       "Ask for less to be withheld from your pay because of financial hardship.",
       ("obligor",), True, ("hardship", "Your Hardship", HardshipReduction),
       formal="Request Withholding Reduction for Hardship"),
    _t("remove_payment_channels", "Payments",
       "Remove My Bank Accounts and Stop Automatic Payments",
       "Remove your saved bank accounts and stop your automatic payments. This is done as "
       "soon as you submit.", ("obligor",), False,
       ("confirm", "Confirm", RemoveChannels), on_submit="remove_payment_channels",
       formal="Remove Payment Channels"),
    _t("cfec_permit_transfer", "My case",
       "Release to Transfer a Commercial Fishing Permit (CFEC)",
       "Ask for the agency's release to transfer a Commercial Fisheries Entry Commission "
       "permit.", ("obligor",), True, ("permit", "Permit", CfecTransfer),
       formal="Request CFEC Permit Transfer"),
    _t("settle_state_debt", "Payments",
       "Offer to Settle Past-Due Support Owed to the State",
       "Offer a lump sum to settle arrears owed to the State.", ("obligor",), True,
       ("offer", "Your Offer", SettleDebt),
       formal="Request to Settle State Debt"),
    _t("request_credit", "Payments", "Request a Credit",
       "Ask for credit for support you provided another way.", ("obligor",), True,
       ("credit", "Credit", Credit)),
    _t("medical_credit", "Payments", "Add a Medical Credit",
       "Ask for credit for medical costs you paid for the children.", ("obligor",), True,
       ("expense", "Medical Expense", MedicalCredit)),
    _t("cib_credit", "Payments",
       "Credit for Social Security Benefits My Children Receive (CIB)",
       "Ask for credit for benefits the children receive on your record.", ("obligor",),
       True, ("benefit", "Benefit", CibCredit),
       formal="Request a Child Insurance Benefit (CIB) Credit"),
    _t("change_of_address", "My information", "Change of Address",
       "Change your mailing and home address on your record. It changes as soon as you "
       "submit.", BOTH, False, ("address", "New Address", NewAddress),
       on_submit="update_address", agency_records=True),
    _t("employment_information", "My information", "Provide Employment Information",
       "Tell the agency about a new job.", BOTH, True,
       ("employment", "Employment", Employment)),
    _t("payment_authorization", "Payments",
       "Let the Agency Take Monthly Payments From My Bank",
       "Authorize the agency to debit your bank account for child support each month.",
       ("obligor",), True, ("authorization", "Authorization", PaymentAuthorization),
       formal="Electronic Payment Authorization"),
    _t("request_statement", "My case", "Request a Statement",
       "Ask for a detailed or summary statement of your case.", BOTH, True,
       ("statement", "Statement", Statement)),
)
CATALOG = {t.id: t for t in TYPES}

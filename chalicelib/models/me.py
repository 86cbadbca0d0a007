"""The signed-in user's profile, email addresses, password, questions and settings."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import EmailStr, Field, model_validator

from chalicelib.models.auth import Password, SecurityQuestionList
from chalicelib.models.common import (
    AddressIn,
    AddressOut,
    Body,
    Name,
    Out,
    PhoneIn,
    PhoneNumber,
    PhoneOut,
)

TOPICS = ("payments", "case_updates", "appointments", "messages", "news")


class ContactPreference(Body):
    """How the agency should reach me first (AZCARES' preferred method of contact)."""
    method: Literal["email", "phone", "text", "mail"] = Field(description=(
        "email (the sign-in address), a phone call, a text message, or mail (the "
        "mailing address on the agency's record)"))
    number: PhoneNumber | None = Field(None, description="for phone and text: the number")

    @model_validator(mode="after")
    def number_for_calls(self) -> "ContactPreference":
        if self.method in ("phone", "text") and not self.number:
            raise ValueError("Give the number to call or text.")
        return self


class ContactPreferenceOut(Out):
    method: str
    number: str | None = None


class EmailOut(Out):
    email: str
    sign_in: bool
    verified: bool


class MeOut(Out):
    user_id: str
    email: str = Field(description="The sign-in address.")
    first_name: str
    middle_name: str | None = None
    last_name: str
    date_of_birth: date | None = None
    language: str
    phones: list[PhoneOut]
    emails: list[EmailOut]
    mailing_address: AddressOut | None = None
    residential_address: AddressOut | None = None
    email_verified_at: datetime | None = None
    created_at: datetime
    previous_login_at: datetime | None = Field(None, description='"You last logged in on ..."')
    last_login_at: datetime | None = None
    role: Literal["parent", "caseworker", "disbursement", "supervisor", "administrator"] = \
        Field("parent", description=(
            "A staff role's logon uses the agency routes (/agency/...) its role's duties "
            "allow (docs/api.md, Staff roles)."))
    duties: list[str] = Field(default_factory=list, description=(
        "A staff logon's duties (casework, members, records, payments, disbursement, "
        "staff, audit): what its role may use; none for a parent."))
    version: int = Field(description="Send it back with an edit; a stale one is a 409.")
    phone_pin_set_at: datetime | None = Field(None, description=(
        "when I last set the PIN for the agency's phone line (never shown)"))
    preferred_contact: ContactPreferenceOut | None = Field(None, description=(
        "how I asked the agency to reach me first; none chosen yet when null"))
    terms_version: str | None = Field(None, description="the version of the terms I accepted")
    terms_outdated: bool = Field(False, description=(
        "the terms changed since I accepted them: the web client asks again before "
        "anything else (POST /me/terms)"))
    two_step_offer: bool = Field(False, description=(
        "a new logon not yet asked how it will confirm sign-ins: the web client offers "
        "an authenticator app, a passkey or emailed codes before anything else"))


class ProfilePatch(Body):
    version: int
    first_name: Name | None = None
    middle_name: Name | None = None
    last_name: Name | None = None
    language: Literal["en", "es"] | None = None
    phones: list[PhoneIn] | None = Field(None, min_length=1, max_length=5)
    mailing_address: AddressIn | None = None
    residential_address: AddressIn | None = None
    preferred_contact: ContactPreference | None = None


class EmailRequest(Body):
    email: EmailStr = Field(max_length=254)


class SwitchEmailRequest(EmailRequest):
    password: str = Password


class ChangePasswordRequest(Body):
    current_password: str = Password
    new_password: str = Password


class PhonePinRequest(Body):
    password: str = Password
    pin: str = Field(min_length=1, max_length=12, description=(
        "Six digits, not one digit repeated nor a run (123456): what you give the "
        "agency's phone line"))


class SecurityQuestionsRequest(Body):
    password: str = Password
    security_questions: SecurityQuestionList


class FeeAccountSetting(Body):
    account: str = Field(pattern=r"^[0-9-]{6,30}$")
    mail_delivery: Literal["default", "electronic", "paper"] = Field(
        "default", description="letters about this fee account: default is mine above")
    notify_new_mail: Literal["default", "on", "off"] = Field(
        "default", description="an email when one arrives: default is mine above")


class SettingsIO(Body):
    mail_delivery: Literal["electronic", "paper"] = Field(
        description="How letters from the agency arrive.")
    notify_new_mail: bool = Field(description="Email me when a message or letter arrives.")
    notify_new_device: bool | None = Field(None, description=(
        "Email me when someone signs in from a browser or device not used before (left "
        "out: unchanged)."))
    subscriptions: list[Literal[TOPICS]] = Field(  # type: ignore[valid-type]
        max_length=len(TOPICS), description="Email topics subscribed to.")
    fee_accounts: list[FeeAccountSetting] | None = Field(None, max_length=50, description=(
        "each of my fee accounts' own settings (Alaska's Settings, Fees; left out: "
        "unchanged)"))


class DeleteProfileRequest(Body):
    password: str = Password
    method: Literal["totp", "recovery_code", "passkey", "email"]
    code: str | None = Field(None, max_length=32)
    credential: dict | None = None
    challenge_id: str | None = Field(None, max_length=128, description=(
        "For method email: the challenge from POST /me/delete/email-code."))


class TermsAcceptance(Body):
    version: str = Field(min_length=1, max_length=40, description=(
        "the version read (GET /terms): a newer one in force is a 409"))

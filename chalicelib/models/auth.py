"""Registration, email verification, sign-in and password reset bodies."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, EmailStr, Field, field_validator, model_validator

from chalicelib.domain.security_questions import (
    MAX_QUESTIONS,
    MIN_ANSWER,
    MIN_QUESTIONS,
    QUESTIONS,
    normalize_answer,
)
from chalicelib.models.common import Body, Day, Name, Out, PhoneNumber, PhoneType

if TYPE_CHECKING:  # a Literal of the catalogue's ids, which only a run knows
    QuestionId = str
else:
    QuestionId = Literal[tuple(QUESTIONS)]
Password = Field(min_length=1, max_length=256)
Token = Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")


class SecurityAnswerIn(Body):
    question_id: QuestionId
    answer: str = Field(min_length=MIN_ANSWER, max_length=100)

    @field_validator("answer")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if len(value.strip()) < MIN_ANSWER:
            raise ValueError("Enter an answer of at least 4 characters.")
        return value


def _distinct_questions(value: list[SecurityAnswerIn]) -> list[SecurityAnswerIn]:
    if len({q.question_id for q in value}) != len(value):
        raise ValueError("Choose a different question for each answer.")
    if len({normalize_answer(q.answer) for q in value}) != len(value):
        raise ValueError("Give a different answer to each question.")
    return value


SecurityQuestionList = Annotated[list[SecurityAnswerIn],
                                 Field(min_length=MIN_QUESTIONS, max_length=MAX_QUESTIONS),
                                 AfterValidator(_distinct_questions)]


class RegisterRequest(Body):
    email: EmailStr = Field(max_length=254)
    password: str = Password
    first_name: Name
    middle_name: Name | None = None
    last_name: Name
    phone: PhoneNumber
    phone_type: PhoneType | None = None
    date_of_birth: Day | None = None
    language: Literal["en", "es"] = "en"
    accept_terms: Literal[True] = Field(description="The terms and conditions were accepted.")
    security_questions: SecurityQuestionList

    @field_validator("date_of_birth")
    @classmethod
    def plausible_birth_date(cls, value: date | None) -> date | None:
        if value is not None and not date(1900, 1, 1) <= value <= date.today():
            raise ValueError("Enter a real date of birth.")
        return value


class EmailRequest(Body):
    email: EmailStr = Field(max_length=254)


class TokenRequest(Body):
    token: str = Token


class VerifiedEmail(Out):
    status: Literal["verified"] = "verified"
    email: str


class LoginRequest(Body):
    email: EmailStr = Field(max_length=254)
    password: str = Password


class LoginChallenge(Out):
    challenge_id: str
    methods: list[Literal["passkey", "totp", "email", "recovery_code"]] = Field(
        description="The user's ways to pass the second step, strongest first.")
    sent_to: str | None = Field(None, description="Where a code was emailed, masked; null "
                                "until one is sent (POST /auth/login/email-code).")
    expires_at: datetime


class ChallengeRequest(Body):
    challenge_id: str = Token


Credential = dict[str, Any]


class LoginVerifyRequest(Body):
    challenge_id: str = Token
    method: Literal["email", "totp", "recovery_code", "passkey"] = "email"
    code: str | None = Field(None, max_length=32)
    credential: Credential | None = Field(None, description="The WebAuthn assertion "
                                          "(PublicKeyCredential as JSON), for method passkey.")

    @model_validator(mode="after")
    def answer_fits_method(self) -> "LoginVerifyRequest":
        if self.method == "passkey":
            if self.credential is None:
                raise ValueError("Send the passkey response in credential.")
        elif self.method in ("email", "totp"):
            if not (self.code and len(self.code) == 6 and self.code.isascii()
                    and self.code.isdigit()):
                raise ValueError("Enter the 6-digit code.")
        elif not self.code:
            raise ValueError("Enter a recovery code.")
        return self


class PasskeySignInRequest(Body):
    credential: Credential


class SessionOut(Out):
    token: str | None = Field(description="send it as `Authorization: Bearer <token>`; "
                              "none for the web client, whose session is in its cookie")
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime
    idle_timeout_seconds: int


class SecurityQuestion(Out):
    question_id: str
    text: str


class SecurityQuestions(Out):
    questions: list[SecurityQuestion]
    other_ways: list[Literal["totp", "recovery_code"]] = Field(default_factory=list, description=(
        "what the person may give instead of an answer: a code of their authenticator app, "
        "or one of their recovery codes"))
    choose_new: bool = Field(False, description=(
        "the agency cleared the questions (reset by staff): the reset chooses new ones "
        "(security_questions) and asks for no answer"))


class LanguageQuery(Body):
    lang: Literal["en", "es"] = "en"


class SecondFactorProof(Body):
    method: Literal["totp", "recovery_code"]
    code: str = Field(min_length=6, max_length=20)


class ResetRequest(Body):
    """The link's token, then a security answer (question_id and answer) or, for a person
    who cannot answer, a code of their authenticator app or a recovery code
    (second_factor); and the new password. After the agency cleared the questions
    (choose_new), new security_questions and no answer."""
    token: str = Token
    question_id: QuestionId | None = None
    answer: str | None = Field(None, min_length=1, max_length=100)
    second_factor: SecondFactorProof | None = None
    security_questions: SecurityQuestionList | None = None
    new_password: str = Password

    @model_validator(mode="after")
    def one_proof(self):
        answered = self.question_id is not None and self.answer is not None
        if self.security_questions is not None:
            if answered or self.second_factor is not None:
                raise ValueError("Choose new security questions, or answer one: not both.")
        elif (self.second_factor is None) == (not answered):
            raise ValueError("Answer the security question, or give a code instead.")
        return self

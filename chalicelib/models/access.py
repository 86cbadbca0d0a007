"""Third-party access: grants, invitations, the accounts a delegate may act on."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import EmailStr, Field

from chalicelib.models.common import Body, Day, Out

Permission = Literal["view", "pay", "messages", "submissions"]


class GrantTerms(Body):
    permissions: list[Permission] = Field(min_length=1, max_length=4, description=(
        "view (cases and payments), pay (make payments), messages (messages and letters), "
        "submissions (requests and documents); all four is full access"))
    cases: list[str] | None = Field(None, max_length=50, description="Only these of my "
                                    "cases; leave out for all")
    ends_on: Day | None = Field(None, description="The last day of access")


class GrantIn(GrantTerms):
    email: EmailStr = Field(max_length=254)


class GrantOut(Out):
    grant_id: str
    email: str
    delegate_name: str | None = None
    permissions: list[str]
    full_access: bool
    cases: list[str] | None = None
    ends_on: date | None = None
    status: Literal["invited", "active", "revoked", "given_up"]
    created_at: datetime
    accepted_at: datetime | None = None
    ended_at: datetime | None = None


class GrantsOut(Out):
    grants: list[GrantOut]


class AcceptIn(Body):
    token: str = Field(min_length=20, max_length=200)


class InvitationOut(Out):
    parent_name: str = Field(description="who sent it")
    email: str = Field(description="the address it was sent to: sign in or register with it")


class AccountOut(Out):
    grant_id: str
    parent_name: str
    permissions: list[str]
    cases: list[str] | None = None
    ends_on: date | None = None


class AccountsOut(Out):
    acting_as: str | None = Field(None, description="The grant this session acts under")
    accounts: list[AccountOut]


class ActAsIn(Body):
    grant_id: str | None = Field(max_length=40, description="null: back to my own account")


class CancelAccessIn(Body):
    password: str = Field(min_length=1, max_length=200)

"""Bank accounts (and, with the payments issue, payments)."""
from __future__ import annotations

from datetime import datetime
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

"""Agency staff: loading records and issuing redeem codes."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from chalicelib.models.common import Body, Out


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


class RedeemCodeOut(Out):
    code: str
    member_id: str
    expires_at: datetime

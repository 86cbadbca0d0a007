"""Two-step methods, recovery codes, sessions and activity of the signed-in user."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.models.common import Body, Out


class Method(Out):
    method_id: str = Field(description='"email", "totp" or "passkey#<credential id>"')
    type: Literal["email", "totp", "passkey"]
    label: str
    created_at: datetime | None = None
    last_used_at: datetime | None = None


class MethodsOut(Out):
    methods: list[Method]
    recovery_codes_left: int


class TotpEnrolment(Out):
    secret: str = Field(description="For typing into the app when the QR code cannot be scanned.")
    otpauth_uri: str
    qr_svg: str


class CodeRequest(Body):
    code: str = Field(pattern=r"^[0-9]{6}$")


class RecoveryCodes(Out):
    recovery_codes: list[str] | None = Field(None, description="Shown this once; store them safely.")


class PasskeyRequest(Body):
    credential: dict[str, Any] = Field(description="The WebAuthn attestation (PublicKeyCredential as JSON).")
    label: str | None = Field(None, max_length=60)


class PasskeyAdded(RecoveryCodes):
    method: Method


class PasswordRequest(Body):
    password: str = Field(min_length=1, max_length=256)


class RemoveMethodRequest(PasswordRequest):
    method_id: str = Field(max_length=200)


class SessionInfo(Out):
    session_id: str
    current: bool
    client: str | None = None
    method: str | None = None
    created_at: datetime
    last_seen_at: datetime


class SessionsOut(Out):
    sessions: list[SessionInfo]


class Ended(Out):
    ended: int


class ActivityQuery(Body):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=500)


class ActivityItem(Out):
    event: str
    at: datetime
    client: str | None = None
    actor: str | None = None
    detail: dict[str, str] | None = None


class ActivityPage(Out):
    items: list[ActivityItem]
    next_cursor: str | None = None

"""The signed-in user."""
from __future__ import annotations

from datetime import date, datetime

from chalicelib.models.common import Out


class MeOut(Out):
    user_id: str
    email: str
    first_name: str
    middle_name: str | None = None
    last_name: str
    phone: str | None = None
    phone_type: str | None = None
    date_of_birth: date | None = None
    language: str
    email_verified_at: datetime | None = None
    created_at: datetime
    previous_login_at: datetime | None = None
    last_login_at: datetime | None = None

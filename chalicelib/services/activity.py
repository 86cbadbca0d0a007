"""The activity history a user sees ("Activity" in Manage My Profile)."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from chalicelib.dal import activity, outbox
from chalicelib.dal.activity import Event
from chalicelib.dal.outbox import Mail
from chalicelib.errors import invalid_cursor

EVENTS = ("signed_in", "sign_in_failed", "sign_in_locked", "signed_out", "method_added", "method_removed",
          "recovery_codes_issued", "recovery_code_used", "password_changed", "password_reset",
          "security_questions_changed", "profile_changed", "email_added", "email_verified",
          "email_removed", "sign_in_email_changed", "sessions_ended", "settings_changed",
          "profile_deleted", "association_failed", "case_associated", "case_numbers_sent",
          "access_cancelled", "bank_account_added", "bank_account_removed", "payment_made",
          "autopay_started", "autopay_changed", "autopay_cancelled", "autopay_payment_made",
          "payment_channels_removed", "direct_deposit_enrolled", "direct_deposit_changed",
          "direct_deposit_stopped", "request_submitted", "request_updated",
          "access_granted", "access_changed", "access_revoked", "access_accepted",
          "access_given_up", "delegate_action", "security_questions_cleared",
          "agency_reset_sent", "new_device", "payment_presented_again", "autopay_stopped_by_bank",
          "phone_pin_changed", "phone_pin_checked", "terms_accepted",
          "bank_account_corrected")


def event(user_id: str, event: str, now: datetime, *, client: str | None = None,
          actor: str | None = None, **detail: str) -> Event:
    """An event to save in the transaction of what it records."""
    if event not in EVENTS:
        raise ValueError(f"not an activity event: {event}")
    return activity.event(user_id, event, now, client=client, actor=actor, **detail)


def record(user_id: str, event_name: str, now: datetime, *, client: str | None = None,
           actor: str | None = None, mail: Sequence[Mail] = (), **detail: str) -> None:
    """Saves the event; with `mail`, the notice of what it records, in one write."""
    outbox.save(event(user_id, event_name, now, client=client, actor=actor, **detail),
                mail=mail)


def history(user_id: str, limit: int, cursor: str | None) -> tuple[list[Event], str | None]:
    try:
        return activity.page(user_id, limit, cursor)
    except ValueError:
        raise invalid_cursor() from None

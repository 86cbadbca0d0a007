"""The purge job deletes a registration from its index entry alone: the write's own
conditions keep a registration verified meanwhile (issue #27)."""
from datetime import datetime, timezone

from chalicelib.dal import users
from chalicelib.dal.users import EmailLogin, User

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def _pending(user_id: str, email: str, day: str) -> None:
    User(user_id, email=email, first_name="Pat", last_name="Parent", password_hash="x",
         created_at=NOW, unverified_until=day, status="pending").save()
    EmailLogin(email, user_id=user_id, created_at=NOW).save()


def test_a_due_registration_goes_with_its_address_and_a_verified_one_stays(aws):
    _pending("u-due", "due@example.com", "2026-06-14")
    _pending("u-verified", "verified@example.com", "2026-06-14")
    _pending("u-later", "later@example.com", "2026-06-20")
    users.activate(users.get("u-verified"), NOW)  # verified after the index was read
    assert users.purge_pending("u-due", "due@example.com", "2026-06-15")
    assert not users.purge_pending("u-verified", "verified@example.com", "2026-06-15")
    assert not users.purge_pending("u-later", "later@example.com", "2026-06-15")
    assert users.get("u-due") is None and users.find_by_email("due@example.com") is None
    assert users.get("u-verified").status == "active"
    assert users.find_by_email("verified@example.com").user_id == "u-verified"
    assert users.get("u-later") is not None


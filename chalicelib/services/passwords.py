"""Setting a password: the rules, the history of 24, the hash, and what follows a change."""
from __future__ import annotations

from datetime import datetime

from chalicelib.dal import users
from chalicelib.dal.users import User
from chalicelib.domain import passwords
from chalicelib.domain.secrets import hash_secret, verify_secret
from chalicelib.errors import InvalidInput


def check_password(password: str, personal: list[str | None]) -> None:
    found = passwords.problems(password, personal)
    if found:
        raise InvalidInput(passwords.describe(found), code="password_rejected",
                           fields={"password": passwords.describe(found)}, rules=found)


def check_new_password(user: User, new_password: str) -> None:
    """The rules and the history; raises InvalidInput naming what is wrong."""
    check_password(new_password, user.personal_details)
    if any(verify_secret(old, new_password) for old in user.password_history):
        raise InvalidInput(passwords.RULES["reused"], code="password_rejected",
                           fields={"password": passwords.RULES["reused"]}, rules=["reused"])


def set_password(user: User, new_password: str, now: datetime) -> None:
    """Hashes and saves an already checked password, keeping the last 24 hashes."""
    new_hash = hash_secret(new_password)
    user.password_hash = new_hash
    user.password_history = [new_hash, *user.password_history][:passwords.HISTORY_SIZE]
    user.password_changed_at = now
    users.save_changes(user)

"""Agency staff logons."""
from __future__ import annotations

import uuid
from datetime import datetime

from chalicelib.dal import users
from chalicelib.dal.users import User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.errors import Conflict
from chalicelib.services.passwords import check_password


def create_caseworker(email: str, first_name: str, last_name: str, password: str,
                      now: datetime) -> str:
    check_password(password, [first_name, last_name, email])
    password_hash = hash_secret(password)
    user = User(uuid.uuid4().hex, email=email.strip(), first_name=first_name,
                last_name=last_name, role="caseworker", status="active", language="en",
                password_hash=password_hash, password_history=[password_hash],
                password_changed_at=now, created_at=now, verified_at=now, terms_accepted_at=now)
    if not users.create(user, email_key(email)):
        raise Conflict("A logon with that email already exists.", code="email_in_use")
    return user.user_id

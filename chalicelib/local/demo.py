"""Demo data for `make run`: a signed-up parent who can sign in at once."""
from __future__ import annotations

import uuid

from chalicelib.clock import utc_now
from chalicelib.dal import users
from chalicelib.dal.users import Phone, SecurityAnswer, User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.domain.security_questions import normalize_answer

DEMO_EMAIL = "johndoe@test.com"
DEMO_PASSWORD = "Demo-Portal-Pass-2026!"
DEMO_ANSWER = ("first_pet", "Rex")


def load() -> list[str]:
    """Creates the demo records if they are missing; returns what it describes to a person."""
    now = utc_now()
    if users.find_by_email(email_key(DEMO_EMAIL)) is None:
        password_hash = hash_secret(DEMO_PASSWORD)
        user = User(uuid.uuid4().hex, email=DEMO_EMAIL, first_name="John", last_name="Doe",
                    phones=[Phone(number="+19075555555", type="mobile")], language="en",
                    status="active",
                    password_hash=password_hash, password_history=[password_hash],
                    password_changed_at=now, terms_accepted_at=now, created_at=now,
                    verified_at=now,
                    security_answers=[SecurityAnswer(question_id=DEMO_ANSWER[0],
                                                     answer_hash=hash_secret(normalize_answer(DEMO_ANSWER[1])))])
        users.create(user, email_key(DEMO_EMAIL))
    return [f"demo parent: {DEMO_EMAIL} / {DEMO_PASSWORD} "
            f"(security question {DEMO_ANSWER[0]}: {DEMO_ANSWER[1]})"]

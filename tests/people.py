"""Test people and the steps that bring them to a state (registered, verified, signed in)."""
from __future__ import annotations

PASSWORD = "Correct-Horse-Battery-9"


def registration(email: str = "pat.parent@example.com", **changes) -> dict:
    body = {
        "email": email, "password": PASSWORD, "first_name": "Pat", "last_name": "Parent",
        "phone": "(907) 555-0142", "phone_type": "mobile", "language": "en",
        "accept_terms": True,
        "security_questions": [{"question_id": "first_pet", "answer": "Rex the Dog"},
                               {"question_id": "birth_city", "answer": "Juneau"}],
    }
    body.update(changes)
    return body


def register(client, outbox, email: str = "pat.parent@example.com", **changes) -> str:
    """Registers and verifies; returns the email."""
    assert client.post("/auth/register", registration(email, **changes)).status_code == 202
    assert client.post("/auth/verify-email", {"token": outbox.token(email)}).status_code == 200
    return email


def sign_in(client, outbox, email: str = "pat.parent@example.com",
            password: str = PASSWORD) -> str:
    """Signs in with the emailed code; returns the session token."""
    challenge = client.post("/auth/login", {"email": email, "password": password})
    assert challenge.status_code == 200, challenge.data
    session = client.post("/auth/login/verify", {
        "challenge_id": challenge.data["challenge_id"], "code": outbox.code(email)})
    assert session.status_code == 200, session.data
    return session.data["token"]

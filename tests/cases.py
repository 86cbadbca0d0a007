"""Case-data fixtures: the demo records, more members and cases, staff and linked parents."""
from __future__ import annotations

import json
from pathlib import Path

from chalicelib.clock import utc_now
from chalicelib.dal import users
from chalicelib.domain.contact import email_key
from chalicelib.services import association, case_data, sessions, staff
from chalicelib.services import registration as registration_service
from tests import app_codes
from tests.people import registration, sign_in

DEMO = Path(__file__).resolve().parents[1] / "chalicelib" / "local" / "demo-cases.json"
JOHN = {"member_id": "04025286", "last_name": "DOE", "ssn": "123-45-2222",
        "date_of_birth": "1989-02-16"}
JANE = {"member_id": "04024333", "last_name": "Doe", "ssn": "123453333",
        "date_of_birth": "1990-07-04"}
STAFF_EMAIL, STAFF_PASSWORD = "casey.worker@agency.example.gov", "Agency-Desk-Lantern-2026!"
# a PIN request for each (Kentucky's: the number, the name, the date of birth and the
# email address on file), and one for a member who does not exist
JANE_PIN = {"member_id": "04024333", "last_name": "doe", "date_of_birth": "1990-07-04",
            "email": "janedoe@test.com"}
JOHN_PIN = {"case_id": "000020108", "last_name": "DOE", "date_of_birth": "1989-02-16",
            "email": "johndoe@test.com"}
NO_ONE_PIN = {**JANE_PIN, "member_id": "99999999"}


def demo_records() -> list[dict]:
    return json.loads(DEMO.read_text())["records"]


def load_demo() -> None:
    results = case_data.load(demo_records(), utc_now())
    assert all(r.status != "error" for r in results), results


def member(member_id: str, last_name: str, ssn: str, born: str, **extra) -> dict:
    return {"type": "member", "member_id": member_id, "first_name": "PAT", "last_name": last_name,
            "date_of_birth": born, "ssn": ssn, **extra}


def case(case_id: str, participants: list[tuple[str, str]], case_type="Never Assistance IV-D",
         monthly=50000, **extra) -> dict:
    return {"type": "case", "case_id": case_id, "case_type": case_type, "status": "active",
            "participants": [{"member_id": m, "role": r, "name": f"PERSON {m}"}
                             for m, r in participants],
            "obligation": {"monthly_support_cents": monthly, "due_day": 1, "start": "2024-01-01"},
            **extra}


def parent(email: str, identity: dict | None = None, **registration_changes) -> str:
    """A registered, verified, signed-in logon (linked by identity when given), made
    through the services rather than by replaying the HTTP steps, which have their own
    tests; returns its session token. Emails (the verification link, the linking notice)
    are still sent, as the flows send them."""
    body = registration(email, **registration_changes)
    now = utc_now()
    registration_service.register(registration_service.Registration(
        email=body["email"], password=body["password"], first_name=body["first_name"],
        last_name=body["last_name"], phone=body["phone"], phone_type=body["phone_type"],
        language=body["language"], security_answers=[
            (q["question_id"], q["answer"]) for q in body["security_questions"]]), now)
    user = users.find_by_email(email_key(email))
    assert user is not None and user.status == "pending"
    users.activate(user, now)
    if identity is not None:
        association.associate(users.get(user.user_id), association.Identity(**identity), now,
                              None)
    return sessions.start(user.user_id, now, method="email").token


def staff_token(client, outbox, role: str = "caseworker",
                email: str = STAFF_EMAIL) -> str:
    """A new staff logon's first sign-in (a caseworker's unless another role is named),
    as it goes: the emailed code, then an authenticator app set up in that session
    (which then opens the agency's routes)."""
    staff.create_staff(email, "Casey", "Worker", STAFF_PASSWORD, role, utc_now())
    return with_an_app(client, sign_in(client, outbox, email, STAFF_PASSWORD))


def staff_sign_in(client, email: str = STAFF_EMAIL, password: str = STAFF_PASSWORD) -> str:
    """The caseworker signs in again, with the app `staff_token` set up."""
    challenge = client.post("/auth/login", {"email": email, "password": password})
    assert challenge.status_code == 200, challenge.data
    assert challenge.data["methods"] == ["totp", "recovery_code"]  # no emailed code
    session = client.post("/auth/login/verify", {
        "challenge_id": challenge.data["challenge_id"], "method": "totp",
        "code": app_codes.fresh(_APPS[email])})
    assert session.status_code == 200, session.data
    return session.data["token"]


_APPS: dict[str, str] = {}  # email: the secret of the app with_an_app set up


def with_an_app(client, token: str) -> str:
    """Sets up an authenticator app in the session (returned, now signed in with it)."""
    started = client.post("/me/mfa/totp", token=token)
    assert started.status_code == 201, started.data
    me = client.get("/me", token=token).data["email"]
    _APPS[me] = started.data["secret"]
    confirmed = client.post("/me/mfa/totp/confirm", {"code": app_codes.fresh(_APPS[me])},
                            token=token)
    assert confirmed.status_code == 200, confirmed.data
    return token

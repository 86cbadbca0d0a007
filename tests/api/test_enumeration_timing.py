"""No account enumeration by timing: register, resend, forgot, forgot case number, forgot
username and the association PIN answer the same way in the same time whether or not a logon or a member
is there (their
work is decided after the answer: services/public_work.py), and a wrong password at
sign-in makes the same DynamoDB requests for an address with a logon as for one without
(issue #22)."""
import json
import statistics
import time

import pytest

from tests.bench.requests import measure
from tests.cases import JANE, JANE_PIN, NO_ONE_PIN, load_demo, parent
from tests.people import PASSWORD, register, registration

TRIES = 30
KNOWN = "known.parent@example.com"


@pytest.fixture
def roomy(monkeypatch):
    """Limits with room for 60 tries at one address asked about."""
    monkeypatch.setenv("PUBLIC_LIMIT_SCALE", "100")


def timed(client, path: str, body: dict, token: str | None = None) -> tuple[float, int, dict]:
    """One request's time, status and body, the work it leaves not done (as a Lambda
    answers before the work queue's function starts)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    start = time.perf_counter()
    response = client.raw.http.post(path, headers=headers, body=json.dumps(body))
    took = time.perf_counter() - start
    return took, response.status_code, json.loads(response.body or "null")


def compare(client, path: str, known: dict, unknown: dict, token: str | None = None) -> None:
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    answers = set()
    for _ in range(TRIES):  # interleaved: a drift of the machine's speed hits both alike
        for name, body in (("known", known), ("unknown", unknown)):
            took, status, answer = timed(client, path, body, token)
            times[name].append(took)
            answers.add((status, json.dumps({k: v for k, v in (answer or {}).items()
                                             if k != "challenge_id"}, sort_keys=True)))
    assert len(answers) == 1, answers  # the same status and the same words
    medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
    assert abs(medians["known"] - medians["unknown"]) < 10, (path, medians)


def test_register_answers_alike_for_a_taken_address(client, outbox, roomy):
    register(client, outbox, KNOWN)
    compare(client, "/auth/register", registration(KNOWN),
            registration("nobody.here@example.com"))


def test_resend_and_forgot_answer_alike(client, outbox, roomy):
    client.post("/auth/register", registration("pending.parent@example.com"))
    register(client, outbox, KNOWN)
    compare(client, "/auth/verify-email/resend", {"email": "pending.parent@example.com"},
            {"email": "nobody.here@example.com"})
    compare(client, "/auth/password/forgot", {"email": KNOWN},
            {"email": "nobody.here@example.com"})


def test_the_association_pin_answers_alike_for_a_member_or_none(client, outbox, roomy):
    load_demo()
    token = parent("pat.parent@example.com")
    # Jane is on file with an email address; 99999999 is no one. (Three PINs a day reach
    # a member, and five misses lock the logon: none of that is decided in the request.)
    compare(client, "/association/pin", JANE_PIN,
            NO_ONE_PIN, token)


def test_forgot_case_number_answers_alike_for_a_member_or_none(client, outbox, roomy):
    load_demo()  # Jane is on file with an email address; 123-45-9999 is no one
    compare(client, "/auth/forgot-case-number",
            {"ssn": "123-45-3333", "date_of_birth": "1990-07-04", "zip": "99501"},
            {"ssn": "123-45-9999", "date_of_birth": "1990-07-04", "zip": "99501"})


def test_forgot_username_answers_alike_for_a_logon_or_none(client, outbox, roomy):
    from tests.cases import JOHN

    load_demo()
    parent("john.signs.in@example.com", JOHN)  # John has a logon; Jane has none
    compare(client, "/auth/forgot-username",
            {"member_id": JOHN["member_id"], "last_name": "DOE", "date_of_birth": "1989-02-16"},
            {"member_id": JANE["member_id"], "last_name": "DOE", "date_of_birth": "1990-07-04"})


def test_a_wrong_password_costs_the_same_requests_with_a_logon_or_without(client, outbox):
    register(client, outbox, KNOWN)
    calls = {}
    for name, email in (("known", KNOWN), ("unknown", "nobody.here@example.com")):
        response, calls[name] = measure(lambda email=email: client.raw.http.post(
            "/auth/login", headers={"Content-Type": "application/json"},
            body=json.dumps({"email": email, "password": PASSWORD + "x"})))
        assert response.status_code == 401
    assert calls["known"] == calls["unknown"], calls
    outbox.drain()  # then the logon's history has it
    token = client.post("/auth/login", {"email": KNOWN, "password": PASSWORD})
    assert token.status_code == 200

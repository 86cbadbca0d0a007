"""The main operations, run once each through the test client, with their DynamoDB requests."""
from __future__ import annotations

from collections import Counter

from tests.bench.requests import measure
from tests.people import PASSWORD, registration

EMAIL = "bench.parent@example.com"
NEW = "Another-Long-Passphrase-42"


def run(client, outbox) -> dict[str, Counter]:
    """Returns {operation: Counter of DynamoDB operations}; asserts each step succeeded."""
    out: dict[str, Counter] = {}

    def step(name, status, action):
        response, calls = measure(action)
        assert response.status_code == status, (name, response.status_code, response.data)
        out[name] = calls
        return response

    step("register", 202, lambda: client.post("/auth/register", registration(EMAIL)))
    step("register (address taken)", 202,
         lambda: client.post("/auth/register", registration(EMAIL)))
    step("verify email", 200,
         lambda: client.post("/auth/verify-email", {"token": outbox.token(EMAIL)}))
    step("login, wrong password", 401,
         lambda: client.post("/auth/login", {"email": EMAIL, "password": "Wrong-Horse-Battery-9"}))
    challenge = step("login", 200, lambda: client.post(
        "/auth/login", {"email": EMAIL, "password": PASSWORD})).data["challenge_id"]
    token = step("login verify", 200, lambda: client.post(
        "/auth/login/verify", {"challenge_id": challenge, "code": outbox.code(EMAIL)})).data["token"]
    step("GET /me", 200, lambda: client.get("/me", token=token))
    step("logout", 204, lambda: client.post("/auth/logout", token=token))
    step("forgot password", 202, lambda: client.post("/auth/password/forgot", {"email": EMAIL}))
    reset = outbox.token(EMAIL)
    step("reset password", 204, lambda: client.post("/auth/password/reset", {
        "token": reset, "question_id": "first_pet", "answer": "Rex the Dog", "new_password": NEW}))
    return out

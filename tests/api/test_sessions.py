"""Sessions: bearer tokens, idle and absolute expiry, sign-out."""
from datetime import timedelta

import pytest

from tests.people import register, sign_in


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer "},
                                     {"Authorization": "Basic abc"},
                                     {"Authorization": "Bearer not-a-session"}])
def test_private_routes_need_a_valid_session(client, headers):
    response = client.get("/me", headers=headers)
    assert response.status_code == 401
    assert response.data["error"]["code"] in ("unauthenticated", "session_invalid")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_session_ends_after_30_idle_minutes(client, clock, token):
    clock.shift(timedelta(minutes=30))
    response = client.get("/me", token=token)
    assert response.status_code == 401
    assert response.data["error"]["code"] == "session_expired"


def test_activity_keeps_a_session_alive(client, clock, token):
    for _ in range(4):
        clock.shift(timedelta(minutes=25))
        assert client.get("/me", token=token).status_code == 200


def test_a_session_ends_after_12_hours_whatever_the_activity(client, clock, token):
    for _ in range(28):
        clock.shift(timedelta(minutes=25))
        assert client.get("/me", token=token).status_code == 200
    clock.shift(timedelta(minutes=25))  # 12 h 5 min after sign-in
    response = client.get("/me", token=token)
    assert response.status_code == 401
    assert response.data["error"]["code"] == "session_expired"


def test_sign_out_ends_only_that_session(client, outbox, token):
    other = sign_in(client, outbox)
    assert client.post("/auth/logout", token=token).status_code == 204
    assert client.get("/me", token=token).status_code == 401
    assert client.get("/me", token=other).status_code == 200


def test_sign_out_needs_a_session(client):
    assert client.post("/auth/logout").status_code == 401


def test_responses_are_not_cached(client, token):
    response = client.get("/me", token=token)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"

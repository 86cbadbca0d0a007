"""POST /auth/verify-email and /auth/verify-email/resend."""
from datetime import timedelta

from tests.people import PASSWORD, registration

EMAIL = "pat.parent@example.com"


def test_a_link_verifies_once_and_then_is_used(client, outbox):
    client.post("/auth/register", registration(EMAIL))
    token = outbox.token(EMAIL)
    assert client.post("/auth/verify-email", {"token": token}).status_code == 200
    again = client.post("/auth/verify-email", {"token": token})
    assert again.status_code == 410
    assert again.data["error"]["code"] == "token_used"


def test_an_unknown_link_is_a_400(client):
    response = client.post("/auth/verify-email", {"token": "A" * 43})
    assert response.status_code == 400
    assert response.data["error"]["code"] == "invalid_token"


def test_a_malformed_token_is_a_422(client):
    assert client.post("/auth/verify-email", {"token": "short"}).status_code == 422
    assert client.post("/auth/verify-email", {"token": "x/../" * 10}).status_code == 422


def test_a_link_expires_after_24_hours(client, outbox, clock):
    client.post("/auth/register", registration(EMAIL))
    token = outbox.token(EMAIL)
    clock.shift(timedelta(hours=24, seconds=1))
    response = client.post("/auth/verify-email", {"token": token})
    assert response.status_code == 410
    assert response.data["error"]["code"] == "token_expired"


def test_a_link_still_works_just_before_24_hours(client, outbox, clock):
    client.post("/auth/register", registration(EMAIL))
    token = outbox.token(EMAIL)
    clock.shift(timedelta(hours=23, minutes=59))
    assert client.post("/auth/verify-email", {"token": token}).status_code == 200


def test_an_unverified_logon_cannot_sign_in(client, outbox):
    client.post("/auth/register", registration(EMAIL))
    response = client.post("/auth/login", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 403
    assert response.data["error"]["code"] == "email_not_verified"


def test_resend_sends_a_new_link_that_works(client, outbox, clock):
    client.post("/auth/register", registration(EMAIL))
    clock.shift(timedelta(days=2))
    response = client.post("/auth/verify-email/resend", {"email": EMAIL})
    assert response.status_code == 202
    assert client.post("/auth/verify-email", {"token": outbox.token(EMAIL)}).status_code == 200


def test_resend_looks_the_same_for_unknown_and_verified_addresses(client, outbox):
    unknown = client.post("/auth/verify-email/resend", {"email": "nobody@example.com"})
    client.post("/auth/register", registration(EMAIL))
    client.post("/auth/verify-email", {"token": outbox.token(EMAIL)})
    sent = len(outbox.messages())
    verified = client.post("/auth/verify-email/resend", {"email": EMAIL})
    assert unknown.status_code == verified.status_code == 202
    assert unknown.data == verified.data
    assert len(outbox.messages()) == sent  # nothing sent to either


def test_link_emails_are_limited_to_five_an_hour_per_logon(client, outbox, clock):
    client.post("/auth/register", registration(EMAIL))
    unknown = "nobody.here@example.com"
    for address in (EMAIL, unknown):
        for _ in range(5):
            assert client.post("/auth/verify-email/resend",
                               {"email": address}).status_code == 202
        # then the route's limit for the address asked about: 5 an hour, and 429 alike
        # for an address with a logon and one without
        answer = client.post("/auth/verify-email/resend", {"email": address})
        assert answer.status_code == 429 and 0 < int(answer.headers["Retry-After"]) <= 3600
    assert len(outbox.messages(EMAIL)) == 5
    clock.shift(timedelta(hours=1))
    client.post("/auth/verify-email/resend", {"email": EMAIL})
    assert len(outbox.messages(EMAIL)) == 6

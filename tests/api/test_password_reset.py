"""Forgot password: link, security question, new password, everyone signed out."""
from datetime import timedelta

import pytest

from tests.people import PASSWORD, register, sign_in

EMAIL = "pat.parent@example.com"
NEW = "Another-Long-Passphrase-42"


@pytest.fixture
def reset_token(client, outbox):
    register(client, outbox)
    assert client.post("/auth/password/forgot", {"email": EMAIL}).status_code == 202
    return outbox.token(EMAIL)


def reset(client, token, answer="Rex the Dog", password=NEW, question="first_pet"):
    return client.post("/auth/password/reset", {
        "token": token, "question_id": question, "answer": answer, "new_password": password})


def test_forgot_looks_the_same_for_any_address(client, outbox, reset_token):
    sent = len(outbox.messages())
    unknown = client.post("/auth/password/forgot", {"email": "nobody@example.com"})
    known = client.post("/auth/password/forgot", {"email": EMAIL})
    assert unknown.status_code == known.status_code == 202
    assert unknown.data == known.data
    assert len(outbox.messages()) == sent + 1  # only the real address got mail
    assert "/reset-password?token=" in outbox.last(EMAIL).body


def test_the_link_shows_the_users_security_questions(client, reset_token):
    response = client.post("/auth/password/reset/questions", {"token": reset_token})
    assert response.status_code == 200
    assert [q["question_id"] for q in response.data["questions"]] == ["first_pet", "birth_city"]


def test_a_reset_signs_out_everywhere_and_the_new_password_works(client, outbox, reset_token):
    session = sign_in(client, outbox)
    response = reset(client, reset_token, answer="  rex THE dog ")
    assert response.status_code == 204
    assert client.get("/me", token=session).status_code == 401
    assert outbox.last(EMAIL).subject == "Your password was changed"
    assert client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).status_code == 401
    assert sign_in(client, outbox, password=NEW)


def test_the_link_works_once(client, reset_token):
    assert reset(client, reset_token).status_code == 204
    again = reset(client, reset_token, password="Yet-Another-Passphrase-77")
    assert again.status_code == 410
    assert again.data["error"]["code"] == "token_used"


def test_the_link_expires_after_an_hour(client, outbox, clock):
    register(client, outbox)
    client.post("/auth/password/forgot", {"email": EMAIL})
    token = outbox.token(EMAIL)
    clock.shift(timedelta(hours=1, seconds=1))
    assert reset(client, token).data["error"]["code"] == "token_expired"
    assert client.post("/auth/password/reset/questions", {"token": token}).status_code == 410


def test_a_wrong_answer_is_refused_and_five_void_the_link(client, reset_token):
    first = reset(client, reset_token, answer="Fido")
    assert first.status_code == 403
    assert first.data["error"]["code"] == "wrong_security_answer"
    assert first.data["error"]["attempts_remaining"] == 4
    unanswered = reset(client, reset_token, question="first_car", answer="Rex the Dog")
    assert unanswered.status_code == 403  # a question the user did not choose
    for _ in range(3):
        reset(client, reset_token, answer="Fido")
    last = reset(client, reset_token)  # even the right answer, now
    assert last.status_code == 410


def test_a_weak_new_password_leaves_the_link_usable(client, reset_token):
    weak = reset(client, reset_token, password="weak")
    assert weak.status_code == 422
    assert weak.data["error"]["code"] == "password_rejected"
    assert reset(client, reset_token).status_code == 204


def test_the_current_and_earlier_passwords_cannot_be_reused(client, outbox, reset_token):
    same = reset(client, reset_token, password=PASSWORD)
    assert same.status_code == 422
    assert same.data["error"]["rules"] == ["reused"]
    assert reset(client, reset_token).status_code == 204
    client.post("/auth/password/forgot", {"email": EMAIL})
    earlier = reset(client, outbox.token(EMAIL), password=PASSWORD)
    assert earlier.data["error"]["rules"] == ["reused"]


def test_a_reset_lifts_a_sign_in_lock(client, reset_token):
    for _ in range(5):
        client.post("/auth/login", {"email": EMAIL, "password": "Wrong-Horse-Battery-9"})
    assert client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).status_code == 429
    assert reset(client, reset_token).status_code == 204
    assert client.post("/auth/login", {"email": EMAIL, "password": NEW}).status_code == 200


def test_an_unverified_logon_asking_for_a_reset_gets_its_verification_link(client, outbox):
    from tests.people import registration

    client.post("/auth/register", registration(EMAIL))
    client.post("/auth/password/forgot", {"email": EMAIL})
    assert "/verify-email?token=" in outbox.last(EMAIL).body


def test_a_person_who_cannot_answer_resets_with_an_app_code_or_a_recovery_code(
        client, outbox, clock):
    """login.gov's way back for a forgotten answer: the emailed link plus a second factor
    (before, the answer was the only way, and a forgotten one meant calling the agency)."""
    import pyotp

    from chalicelib.clock import utc_now
    from tests.api.test_two_step import enrol_totp

    register(client, outbox)
    token = sign_in(client, outbox)
    secret, codes = enrol_totp(client, token)
    client.post("/auth/password/forgot", {"email": EMAIL})
    link = outbox.token(EMAIL)
    asked = client.post("/auth/password/reset/questions", {"token": link}).data
    assert asked["other_ways"] == ["totp", "recovery_code"]
    wrong = client.post("/auth/password/reset", {
        "token": link, "second_factor": {"method": "totp", "code": "000000"},
        "new_password": NEW})
    assert wrong.status_code == 403 and wrong.data["error"]["code"] == "wrong_second_factor"
    assert wrong.data["error"]["attempts_remaining"] == 4
    clock.shift(timedelta(seconds=30))
    done = client.post("/auth/password/reset", {
        "token": link, "second_factor": {"method": "totp",
                                         "code": pyotp.TOTP(secret).at(utc_now())},
        "new_password": NEW})
    assert done.status_code == 204, done.data
    assert client.post("/auth/login", {"email": EMAIL, "password": NEW}).status_code == 200
    # and again with a recovery code, which is then used up
    client.post("/auth/password/forgot", {"email": EMAIL})
    again = client.post("/auth/password/reset", {
        "token": outbox.token(EMAIL), "second_factor": {"method": "recovery_code",
                                                        "code": codes[0]},
        "new_password": "Yet-Another-Passphrase-43"})
    assert again.status_code == 204, again.data
    client.post("/auth/password/forgot", {"email": EMAIL})
    used = client.post("/auth/password/reset", {
        "token": outbox.token(EMAIL), "second_factor": {"method": "recovery_code",
                                                        "code": codes[0]},
        "new_password": "Third-Long-Passphrase-44"})
    assert used.status_code == 403  # a recovery code works once


def test_with_no_second_factor_only_the_answer_resets(client, reset_token):
    asked = client.post("/auth/password/reset/questions", {"token": reset_token}).data
    assert asked["other_ways"] == []
    refused = client.post("/auth/password/reset", {
        "token": reset_token, "second_factor": {"method": "recovery_code",
                                                "code": "ABCD-EFGH-IJKL-MNOP"},
        "new_password": NEW})
    assert refused.status_code == 403
    both = client.post("/auth/password/reset", {
        "token": reset_token, "question_id": "first_pet", "answer": "Rex the Dog",
        "second_factor": {"method": "totp", "code": "123456"}, "new_password": NEW})
    assert both.status_code == 422  # one way or the other

"""POST /auth/register: one answer for every address, the rules, and refusals of bad input."""
import json

import pytest

from tests.people import PASSWORD, registration, sign_in

EMAIL = "pat.parent@example.com"


def test_registration_is_accepted_and_a_24_hour_link_is_emailed(client, outbox, clock):
    response = client.post("/auth/register", registration(EMAIL))
    assert response.status_code == 202
    message = outbox.last(EMAIL)
    assert "/verify-email?token=" in message.body
    assert "will expire on 03/03/2026 07:00 AM AKST" in message.body  # 16:00Z + 24 h, Alaska


def test_registering_a_registered_email_looks_the_same_and_warns_the_owner(client, outbox):
    first = client.post("/auth/register", registration(EMAIL))
    client.post("/auth/verify-email", {"token": outbox.token(EMAIL)})
    again = client.post("/auth/register", registration(EMAIL.upper(), first_name="Mallory"))
    assert again.status_code == first.status_code == 202
    assert again.data == first.data
    warning = outbox.last(EMAIL)
    assert warning.subject == "Someone tried to register with your email"
    assert "token=" not in warning.body


def test_registering_again_before_verifying_sends_a_new_link(client, outbox):
    client.post("/auth/register", registration(EMAIL))
    first_token = outbox.token(EMAIL)
    assert client.post("/auth/register", registration(EMAIL)).status_code == 202
    second_token = outbox.token(EMAIL)
    assert second_token != first_token
    assert client.post("/auth/verify-email", {"token": second_token}).status_code == 200


def test_a_newer_registration_of_a_pending_address_replaces_the_first(client, outbox, clock):
    """Pre-hijacking: Mallory registers Pat's address with her own password first. When
    Pat registers, the first registration's link used to be sent again: Pat clicked it and
    Mallory's password opened Pat's logon. Now Pat's registration replaces Mallory's, whose
    link stops working, and only Pat's password signs in."""
    from datetime import timedelta

    mallory = client.post("/auth/register", registration(
        EMAIL, first_name="Mallory", password="Quiet-Harbor-Lantern-Fox-77"))
    assert mallory.status_code == 202
    first_token = outbox.token(EMAIL)
    clock.shift(timedelta(seconds=1))
    pat = client.post("/auth/register", registration(EMAIL))
    assert pat.data == mallory.data  # the same answer: nothing to learn
    second_token = outbox.token(EMAIL)
    assert second_token != first_token
    stale = client.post("/auth/verify-email", {"token": first_token})
    assert stale.status_code == 410 and stale.data["error"]["code"] == "token_replaced"
    assert client.post("/auth/verify-email", {"token": second_token}).status_code == 200
    refused = client.post("/auth/login", {"email": EMAIL,
                                          "password": "Quiet-Harbor-Lantern-Fox-77"})
    assert refused.status_code == 401
    assert client.post("/auth/login", {"email": EMAIL,
                                       "password": PASSWORD}).status_code == 200
    token = sign_in(client, outbox, EMAIL)
    assert client.get("/me", token=token).data["first_name"] == "Pat"


def test_spanish_speakers_get_spanish_email(client, outbox):
    client.post("/auth/register", registration(EMAIL, language="es"))
    assert outbox.last(EMAIL).subject.startswith("Verifique su correo")


@pytest.mark.parametrize("password, rule", [
    ("Short-1a", "too_short"), ("all-lower-case-words-9", "no_upper"),
    ("Password123456!", "too_weak"), (" Correct-Horse-Battery-9", "edge_space"),
    ("Parent-Horse-Battery-9", "personal_info"), ("Horse-Battery-55501424", "personal_info")])
def test_weak_passwords_are_refused_with_the_rules_broken(client, outbox, password, rule):
    response = client.post("/auth/register", registration(EMAIL, password=password))
    assert response.status_code == 422
    assert response.data["error"]["code"] == "password_rejected"
    assert rule in response.data["error"]["rules"]
    assert "password" in response.data["error"]["fields"]
    assert password not in json.dumps(response.data)
    assert outbox.messages(EMAIL) == []


@pytest.mark.parametrize("change, field", [
    ({"email": "not-an-email"}, "email"),
    ({"phone": "555-0142"}, "phone"),
    ({"first_name": ""}, "first_name"),
    ({"first_name": "R2D2"}, "first_name"),
    ({"language": "fr"}, "language"),
    ({"accept_terms": False}, "accept_terms"),
    ({"date_of_birth": "2990-01-01"}, "date_of_birth"),
    ({"security_questions": []}, "security_questions"),
    ({"security_questions": [{"question_id": "first_pet", "answer": "a"}]},
     "security_questions.0.answer"),
    ({"security_questions": [{"question_id": "favorite_color", "answer": "blue"}]},
     "security_questions.0.question_id"),
    ({"security_questions": [{"question_id": "first_pet", "answer": "Rex the dog"},
                             {"question_id": "first_pet", "answer": "Maxwell"}]},
     "security_questions"),
    # one is not enough; each answer at least 4 characters, and none the same as another
    ({"security_questions": [{"question_id": "first_pet", "answer": "Rex the dog"}]},
     "security_questions"),
    ({"security_questions": [{"question_id": "first_pet", "answer": "Rex the dog"},
                             {"question_id": "birth_city", "answer": "Nome"[:3]}]},
     "security_questions.1.answer"),
    ({"security_questions": [{"question_id": "first_pet", "answer": "Juneau"},
                             {"question_id": "birth_city", "answer": " JUNEAU "}]},
     "security_questions"),
    ({"security_questions": [{"question_id": q, "answer": "Answer"} for q in
                             ("first_pet", "birth_city", "first_car", "first_school")]},
     "security_questions"),
    ({"is_admin": True}, "is_admin"),
    ({"password": 12345678901234}, "password"),
])
def test_invalid_fields_get_422_naming_the_field(client, change, field):
    response = client.post("/auth/register", {**registration(EMAIL), **change})
    assert response.status_code == 422, response.data
    assert response.data["error"]["code"] == "invalid_input"
    assert field in response.data["error"]["fields"]


def test_missing_fields_are_each_named(client):
    response = client.post("/auth/register", {})
    assert response.status_code == 422
    assert {"email", "password", "first_name", "last_name", "phone", "accept_terms",
            "security_questions"} <= set(response.data["error"]["fields"])


@pytest.mark.parametrize("raw", ["{", "[1, 2]", '"text"', "null", "[" * 30000 + "]" * 30000,
                                 b"\xff\xfe"])
def test_malformed_json_is_a_400(client, raw):
    response = client.post("/auth/register", raw=raw)
    assert response.status_code == 400
    assert response.data["error"]["code"] == "malformed_json"


def test_an_oversize_body_is_a_413(client):
    response = client.post("/auth/register", registration(EMAIL, first_name="A" * 70000))
    assert response.status_code == 413
    assert response.data["error"]["code"] == "payload_too_large"


def test_a_body_that_is_not_json_is_refused_in_the_error_shape(client):
    response = client.post("/auth/register", raw="email=a", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.data["error"]["code"] == "unsupported_media_type"


def test_the_security_question_catalogue_is_public_in_both_languages(client):
    english = client.get("/auth/security-questions")
    spanish = client.get("/auth/security-questions?lang=es")
    assert english.status_code == spanish.status_code == 200
    assert english.data["questions"][0] == {"question_id": "first_pet",
                                            "text": "What was the name of your first pet?"}
    assert spanish.data["questions"][0]["text"].startswith("¿")
    assert client.get("/auth/security-questions?lang=xx").status_code == 422


@pytest.mark.parametrize("first, last", [("José", "Núñez"), ("Mary-Jane", "O'Brien"),
                                         ("Ann Marie", "St. John")])
def test_real_names_with_accents_hyphens_and_apostrophes_are_accepted(client, first, last):
    response = client.post("/auth/register", registration(EMAIL, first_name=first,
                                                          last_name=last))
    assert response.status_code == 202, response.data

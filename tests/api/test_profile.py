"""Manage My Profile: edits with versions, addresses, emails, password, questions, settings."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.people import PASSWORD, register, sign_in

EMAIL = "pat.parent@example.com"
NEW = "Another-Long-Passphrase-42"
ADDRESS = {"line1": "550 W 7th Ave", "line2": "Suite 310", "city": "Anchorage", "state": "ak",
           "zip": "99501"}


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


def version(client, token) -> int:
    return client.get("/me", token=token).data["version"]


def test_i_change_names_language_phones_and_addresses(client, token):
    response = client.call("PATCH", "/me", {
        "version": version(client, token), "first_name": "Patricia", "language": "es",
        "phones": [{"number": "907-555-0100", "type": "home"},
                   {"number": "+44 20 7946 0958", "type": "work"}],
        "mailing_address": ADDRESS}, token=token)
    assert response.status_code == 200, response.data
    me = client.get("/me", token=token).data
    assert me["first_name"] == "Patricia" and me["language"] == "es"
    assert me["phones"][1] == {"number": "+442079460958", "type": "work"}
    assert me["mailing_address"]["state"] == "AK"
    assert me["residential_address"] is None
    events = client.get("/me/activity", token=token).data["items"]
    assert events[0]["event"] == "profile_changed"
    assert events[0]["detail"] == {"fields": "first_name,language,phones,mailing_address"}


@pytest.mark.parametrize("change, field", [
    ({"phones": [{"number": "555-0100"}]}, "phones.0.number"),
    ({"phones": []}, "phones"),
    ({"mailing_address": {**ADDRESS, "state": "XX"}}, "mailing_address.state"),
    ({"mailing_address": {**ADDRESS, "zip": "9950"}}, "mailing_address.zip"),
    ({"first_name": "R2-D2"}, "first_name"),
    ({"email": "new@example.com"}, "email"),
    ({"preferred_contact": {"method": "text"}}, "preferred_contact"),
    ({"preferred_contact": {"method": "phone", "number": "555-01"}}, "preferred_contact.number"),
    ({"preferred_contact": {"method": "fax"}}, "preferred_contact.method"),
])
def test_bad_edits_name_the_field_and_change_nothing(client, token, change, field):
    before = client.get("/me", token=token).data
    response = client.call("PATCH", "/me", {"version": before["version"], **change},
                           token=token)
    assert response.status_code == 422
    assert field in response.data["error"]["fields"]
    assert client.get("/me", token=token).data == before


def test_my_preferred_method_of_contact_with_its_number(client, token):
    """AZCARES: email, phone, text or mail, with the number for a call or a text."""
    assert client.get("/me", token=token).data["preferred_contact"] is None
    texted = client.call("PATCH", "/me", {"version": version(client, token), "preferred_contact": {
        "method": "text", "number": "907-555-0111"}}, token=token)
    assert texted.data["preferred_contact"] == {"method": "text", "number": "+19075550111"}
    # mail needs no number: one sent with it is not kept
    mailed = client.call("PATCH", "/me", {"version": version(client, token), "preferred_contact": {
        "method": "mail", "number": "907-555-0111"}}, token=token)
    assert mailed.data["preferred_contact"] == {"method": "mail", "number": None}
    events = client.get("/me/activity", token=token).data["items"]
    assert events[0]["detail"] == {"fields": "preferred_contact"}


def test_the_agency_sees_how_the_member_asked_to_be_reached(client, outbox, john):
    from tests.cases import staff_token

    staff = staff_token(client, outbox, role="supervisor")
    assert client.get("/agency/members/04025286", token=staff).data["preferred_contact"] is None
    client.call("PATCH", "/me", {"version": version(client, john), "preferred_contact": {
        "method": "phone", "number": "907-555-0122"}}, token=john)
    card = client.get("/agency/members/04025286", token=staff).data
    assert card["preferred_contact"] == {"method": "phone", "number": "+19075550122"}


def test_an_edit_from_a_stale_version_is_a_409(client, token):
    stale = version(client, token)
    assert client.call("PATCH", "/me", {"version": stale, "first_name": "Pam"},
                       token=token).status_code == 200
    response = client.call("PATCH", "/me", {"version": stale, "last_name": "Other"},
                           token=token)
    assert response.status_code == 409
    assert client.get("/me", token=token).data["last_name"] == "Parent"


def test_two_concurrent_edits_give_one_success_and_one_409(client, outbox, token,
                                                           atomic_dynamodb):
    other = sign_in(client, outbox)  # a second client of the same user
    current = version(client, token)
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(lambda args: client.call(
            "PATCH", "/me", {"version": current, "first_name": args[0]},
            token=args[1]).status_code, [("Alpha", token), ("Beta", other)]))
    assert statuses == [200, 409]


def test_an_added_email_is_usable_only_after_its_link(client, outbox, token):
    assert client.post("/me/emails", {"email": "pat.work@example.com"},
                       token=token).status_code == 202
    emails = client.get("/me", token=token).data["emails"]
    assert emails[1] == {"email": "pat.work@example.com", "sign_in": False, "verified": False}
    switch = {"email": "pat.work@example.com", "password": PASSWORD}
    assert client.post("/me/emails/sign-in", switch, token=token).status_code == 409
    assert "Confirm this email" in outbox.last("pat.work@example.com").subject
    verified = client.post("/auth/verify-email", {"token": outbox.token("pat.work@example.com")})
    assert verified.data == {"status": "verified", "email": "pat.work@example.com"}
    assert client.get("/me", token=token).data["emails"][1]["verified"] is True


def test_switching_the_sign_in_email(client, outbox, token):
    client.post("/me/emails", {"email": "pat.work@example.com"}, token=token)
    client.post("/auth/verify-email", {"token": outbox.token("pat.work@example.com")})
    switch = {"email": "pat.work@example.com", "password": PASSWORD}
    assert client.post("/me/emails/sign-in", {**switch, "password": "wrong"},
                       token=token).status_code == 403
    assert client.post("/me/emails/sign-in", switch, token=token).status_code == 204
    # both addresses are told (the old one may be the owner's, the new one a taker's)
    for address in (EMAIL, "pat.work@example.com"):
        told = outbox.last(address)
        assert told.subject == "A change to your child support portal account"
        assert "changed to pat.work@example.com" in told.body
    assert client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).status_code == 401
    assert sign_in(client, outbox, "pat.work@example.com")
    me = client.get("/me", token=token).data
    assert me["email"] == "pat.work@example.com"
    assert {"email": EMAIL, "sign_in": False, "verified": True} in me["emails"]
    # the old address is free for someone else now
    register(client, outbox, EMAIL)


def test_an_address_another_logon_signs_in_with_cannot_be_switched_to(client, outbox, token):
    client.post("/me/emails", {"email": "taken@example.com"}, token=token)
    link = outbox.token("taken@example.com")
    register(client, outbox, "taken@example.com")
    client.post("/auth/verify-email", {"token": link})
    response = client.post("/me/emails/sign-in", {"email": "taken@example.com",
                                                  "password": PASSWORD}, token=token)
    assert response.status_code == 409
    assert response.data["error"]["code"] == "email_in_use"


def test_removing_emails(client, outbox, token):
    client.post("/me/emails", {"email": "pat.work@example.com"}, token=token)
    assert client.post("/me/emails/remove", {"email": EMAIL}, token=token).status_code == 409
    assert client.post("/me/emails/remove", {"email": "nope@example.com"},
                       token=token).status_code == 404
    assert client.post("/me/emails/remove", {"email": "PAT.WORK@example.com"},
                       token=token).status_code == 204
    assert len(client.get("/me", token=token).data["emails"]) == 1


def test_changing_the_password_signs_out_other_sessions(client, outbox, token):
    other = sign_in(client, outbox)
    wrong = client.post("/me/password", {"current_password": "Wrong-Horse-Battery-9",
                                         "new_password": NEW}, token=token)
    assert wrong.status_code == 403
    reused = client.post("/me/password", {"current_password": PASSWORD,
                                          "new_password": PASSWORD}, token=token)
    assert reused.status_code == 422 and reused.data["error"]["rules"] == ["reused"]
    weak = client.post("/me/password", {"current_password": PASSWORD,
                                        "new_password": "Patricia-Parent-1"}, token=token)
    assert weak.status_code == 422
    assert client.post("/me/password", {"current_password": PASSWORD, "new_password": NEW},
                       token=token).status_code == 204
    assert client.get("/me", token=other).status_code == 401
    assert client.get("/me", token=token).status_code == 200
    assert "Your password was changed" in outbox.last(EMAIL).body
    assert sign_in(client, outbox, password=NEW)


def test_the_last_24_passwords_cannot_be_reused(client, outbox, token):
    passwords = [f"Rotating-Passphrase-{chr(65 + i)}{i:02d}!" for i in range(24)]
    current = PASSWORD
    for new in passwords:
        assert client.post("/me/password", {"current_password": current, "new_password": new},
                           token=token).status_code == 204
        current = new
    # PASSWORD is now the 25th most recent: allowed again; the 24 others are not
    assert client.post("/me/password", {"current_password": current,
                                        "new_password": passwords[0]},
                       token=token).status_code == 422
    assert client.post("/me/password", {"current_password": current,
                                        "new_password": PASSWORD},
                       token=token).status_code == 204


def test_changing_security_questions(client, outbox, token):
    other = sign_in(client, outbox)
    body = {"password": PASSWORD,
            "security_questions": [{"question_id": "first_car", "answer": "Subaru"},
                                   {"question_id": "birth_city", "answer": "Sitka"}]}
    assert client.call("PUT", "/me/security-questions", {**body, "password": "x"},
                       token=token).status_code == 403
    assert client.call("PUT", "/me/security-questions", body, token=token).status_code == 204
    assert client.get("/me", token=other).status_code == 401
    client.post("/auth/password/forgot", {"email": EMAIL})
    reset = outbox.token(EMAIL)
    questions = client.post("/auth/password/reset/questions", {"token": reset}).data
    assert [q["question_id"] for q in questions["questions"]] == ["first_car", "birth_city"]
    assert client.post("/auth/password/reset", {"token": reset, "question_id": "first_car",
                                                "answer": "subaru", "new_password": NEW}
                       ).status_code == 204


def test_settings_default_and_change(client, token):
    assert client.get("/me/settings", token=token).data == {
        "mail_delivery": "electronic", "notify_new_mail": True, "notify_new_device": True,
        "subscriptions": [], "fee_accounts": []}  # no member linked: no fee accounts
    changed = {"mail_delivery": "paper", "notify_new_mail": False,
               "subscriptions": ["payments", "appointments"]}
    assert client.call("PUT", "/me/settings", changed, token=token).status_code == 200
    assert client.get("/me/settings", token=token).data == {
        **changed, "notify_new_device": True, "subscriptions": ["appointments", "payments"],
        "fee_accounts": []}
    bad = client.call("PUT", "/me/settings", {**changed, "subscriptions": ["spam"]},
                      token=token)
    assert bad.status_code == 422


def test_deleting_the_profile_with_an_emailed_code_frees_the_email(client, outbox, token):
    code_challenge = client.post("/me/delete/email-code", token=token)
    assert code_challenge.status_code == 201
    challenge_id = code_challenge.data["challenge_id"]
    assert "delete your profile" in outbox.last(EMAIL).body
    code = outbox.code(EMAIL)
    wrong = client.post("/me/delete", {"password": PASSWORD, "method": "email",
                                       "challenge_id": challenge_id, "code": "000000"
                                       if code != "000000" else "111111"}, token=token)
    assert wrong.status_code == 401
    no_password = client.post("/me/delete", {"password": "nope", "method": "email",
                                             "challenge_id": challenge_id, "code": code},
                              token=token)
    assert no_password.status_code == 403
    assert client.post("/me/delete", {"password": PASSWORD, "method": "email",
                                      "challenge_id": challenge_id, "code": code},
                       token=token).status_code == 204
    assert client.get("/me", token=token).status_code == 401
    assert client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).status_code == 401
    assert "profile was deleted" in outbox.last(EMAIL).body
    register(client, outbox, EMAIL)  # the address can register again


def test_deleting_the_profile_with_an_authenticator_app(client, outbox, token):
    import pyotp

    from chalicelib.clock import utc_now

    secret = client.post("/me/mfa/totp", token=token).data["secret"]
    client.post("/me/mfa/totp/confirm", {"code": pyotp.TOTP(secret).at(utc_now())}, token=token)
    from datetime import timedelta

    import time_machine
    with time_machine.travel(utc_now() + timedelta(seconds=30), tick=False):
        response = client.post("/me/delete", {"password": PASSWORD, "method": "totp",
                                              "code": pyotp.TOTP(secret).at(utc_now())},
                               token=token)
    assert response.status_code == 204

"""Agency logons read bank account numbers: no agency route answers a session signed in
with an emailed code, and once a caseworker has an app, emailed codes are gone for good
(issue #22; login.gov: no email code once something stronger exists)."""
from chalicelib.clock import utc_now
from chalicelib.services import staff
from tests.cases import (
    STAFF_EMAIL,
    STAFF_PASSWORD,
    load_demo,
    staff_sign_in,
    staff_token,
    with_an_app,
)
from tests.people import sign_in


def test_a_new_caseworker_adds_an_app_before_any_agency_route_answers(client, outbox):
    load_demo()
    staff.create_staff(STAFF_EMAIL, "Casey", "Worker", STAFF_PASSWORD, "caseworker", utc_now())
    first = sign_in(client, outbox, STAFF_EMAIL, STAFF_PASSWORD)  # the emailed code
    for method, path in (("GET", "/agency/submissions"),
                         ("GET", "/agency/members/04025286/direct-deposit"),
                         ("GET", "/agency/members/04025286")):
        refused = client.call(method, path, token=first)
        assert refused.status_code == 403, path
        assert refused.data["error"]["code"] == "strong_sign_in_required"
    # the session lists the emailed code until an app is proven in it
    assert [s["method"] for s in client.get("/me/sessions", token=first).data["sessions"]] \
        == ["email"]
    with_an_app(client, first)
    assert client.get("/agency/submissions", token=first).status_code == 200
    assert [s["method"] for s in client.get("/me/sessions", token=first).data["sessions"]] \
        == ["totp"]
    assert client.get("/agency/submissions", token=staff_sign_in(client)).status_code == 200


def test_a_caseworker_cannot_turn_emailed_codes_back_on(client, outbox):
    token = staff_token(client, outbox)
    refused = client.post("/me/mfa/email", {"password": STAFF_PASSWORD}, token=token)
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "staff_strong_only")
    methods = client.get("/me/mfa", token=token).data["methods"]
    assert [m["type"] for m in methods] == ["totp"]
    challenge = client.post("/auth/login", {"email": STAFF_EMAIL, "password": STAFF_PASSWORD})
    assert "email" not in challenge.data["methods"]
    sent = len(outbox.messages(STAFF_EMAIL))
    asked = client.post("/auth/login/email-code", {"challenge_id": challenge.data["challenge_id"]})
    assert asked.status_code >= 400 and len(outbox.messages(STAFF_EMAIL)) == sent


def test_a_parent_session_stays_out_of_agency_routes_even_with_an_app(client, outbox):
    from tests.cases import parent

    token = with_an_app(client, parent("pat.parent@example.com"))
    refused = client.get("/agency/submissions", token=token)
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "staff_only")


def test_the_agency_resets_a_parent_with_no_way_back(client, outbox):
    """A parent who forgot their security answers and has no app or recovery code calls
    the agency: it clears the questions, signs them out everywhere and emails a link, in
    which they choose a new password and new questions (recorded on both sides)."""
    from tests.cases import JOHN, parent

    load_demo()
    john = parent("john@example.com", JOHN)
    desk = staff_token(client, outbox)
    reset = {"identity_checked": True, "how": "phone"}
    assert client.post("/agency/members/04025286/sign-in-reset", reset,
                       token=john).status_code == 403  # staff only
    sent = client.post("/agency/members/04025286/sign-in-reset", reset, token=desk)
    assert sent.status_code == 200, sent.data
    assert sent.data["sent_to"] != "john@example.com" and sent.data["sent_to"].endswith(
        "@example.com")
    assert client.get("/me", token=john).status_code == 401  # signed out everywhere
    mail = outbox.last("john@example.com")
    assert "we cleared your security questions" in mail.body
    token = outbox.token("john@example.com")

    asked = client.post("/auth/password/reset/questions", {"token": token}).data
    assert asked["questions"] == [] and asked["choose_new"] is True
    new_password = "Harbor-Spruce-Ledger-2027!"
    missing = client.post("/auth/password/reset", {
        "token": token, "new_password": new_password, "question_id": "first_pet",
        "answer": "anything"})
    assert missing.status_code == 422
    assert missing.data["error"]["code"] == "security_questions_required"
    questions = [{"question_id": "first_pet", "answer": "Rover"},
                 {"question_id": "birth_city", "answer": "Juneau"}]
    done = client.post("/auth/password/reset", {"token": token, "new_password": new_password,
                                                "security_questions": questions})
    assert done.status_code == 204, done.data
    token = sign_in(client, outbox, "john@example.com", new_password)
    events = [e["event"] for e in client.get("/me/activity", token=token).data["items"]]
    assert "security_questions_cleared" in events and "password_reset" in events
    staff_events = client.get("/me/activity", token=desk).data["items"]
    assert any(e["event"] == "agency_reset_sent" for e in staff_events)
    # the next forgot-password asks one of the new questions again
    client.post("/auth/password/forgot", {"email": "john@example.com"})
    again = client.post("/auth/password/reset/questions",
                        {"token": outbox.token("john@example.com")}).data
    assert {q["question_id"] for q in again["questions"]} == {"first_pet", "birth_city"}
    assert again["choose_new"] is False


def test_the_agency_reset_needs_a_member_with_a_logon(client, outbox):
    load_demo()
    desk = staff_token(client, outbox)
    reset = {"identity_checked": True, "how": "in_person"}
    for member, code in (("99999999", "member_not_found"), ("04024333", "no_logon")):
        refused = client.post(f"/agency/members/{member}/sign-in-reset", reset, token=desk)
        assert (refused.status_code, refused.data["error"]["code"]) == (404, code)
    unchecked = client.post("/agency/members/04024333/sign-in-reset",
                            {"identity_checked": False, "how": "phone"}, token=desk)
    assert unchecked.status_code == 422

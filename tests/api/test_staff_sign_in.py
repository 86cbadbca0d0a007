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
    staff.create_caseworker(STAFF_EMAIL, "Casey", "Worker", STAFF_PASSWORD, utc_now())
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

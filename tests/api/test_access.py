"""Third-party access: grant, accept, use, limit, change, revoke, give up, cancel access."""
from datetime import timedelta

import pytest

from chalicelib.clock import utc_now
from chalicelib.services import case_data
from tests.api.test_payments import add_account
from tests.cases import JOHN, case
from tests.people import register, sign_in

HELPER = "helper@example.com"
OTHER_CASE = "000030001"


def invite(client, token, email=HELPER, permissions=("view",), **terms):
    return client.post("/access/grants", {"email": email, "permissions": list(permissions),
                                          **terms}, token=token)


def accept(client, invitation, token_of_delegate):
    return client.post("/access/invitations/accept", {"token": invitation},
                       token=token_of_delegate)


def delegate(client, outbox, john, permissions=("view",), **terms):
    """A helper with access to John's account, acting on it; returns (token, grant id)."""
    made = invite(client, john, permissions=permissions, **terms)
    assert made.status_code == 201, made.data
    invitation = outbox.token(HELPER)
    register(client, outbox, HELPER, first_name="Helen", last_name="Helper")
    helper = sign_in(client, outbox, HELPER)
    accepted = accept(client, invitation, helper)
    assert accepted.status_code == 200, accepted.data
    switched = client.post("/access/act-as", {"grant_id": made.data["grant_id"]}, token=helper)
    assert switched.status_code == 200, switched.data
    return helper, made.data["grant_id"]


@pytest.fixture
def two_cases(john):
    case_data.load([case(OTHER_CASE, [(JOHN["member_id"], "obligor")])], utc_now())
    return john


def test_grant_accept_and_act_with_view_access(client, outbox, john):
    helper, grant = delegate(client, outbox, john)
    listed = client.get("/access/grants", token=john).data["grants"][0]
    assert listed["status"] == "active" and listed["delegate_name"] == "Helen Helper"
    accounts = client.get("/access/accounts", token=helper).data
    assert accounts["acting_as"] == grant
    assert accounts["accounts"][0]["parent_name"] == "Pat Parent"
    summary = client.get("/summary", token=helper)
    assert summary.status_code == 200 and summary.data["member"]["member_id"] == "04025286"
    mine = client.get("/me", token=helper)
    assert mine.status_code == 403 and mine.data["error"]["code"] == "not_permitted"
    refused = client.get("/bank-accounts", token=helper)
    assert refused.status_code == 403
    client.post("/access/act-as", {"grant_id": None}, token=helper)
    assert client.get("/me", token=helper).data["email"] == HELPER


def test_a_delegate_who_may_pay_pays_and_the_parent_sees_who(client, outbox, john):
    account = add_account(client, john)
    helper, _ = delegate(client, outbox, john, permissions=("view", "pay"))
    paid = client.post("/payments", {"case_id": "000020108", "bank_account_id": account,
                                     "amount_cents": 5000}, token=helper,
                       headers={"Idempotency-Key": "helper-payment-1"})
    assert paid.status_code == 201, paid.data
    history = client.get("/me/activity", token=john).data["items"]
    action = next(e for e in history if e["event"] == "delegate_action")
    assert action["actor"] == "Helen Helper" and action["detail"]["action"] == "POST /payments"


def test_access_limited_to_some_cases(client, outbox, two_cases):
    john = two_cases
    helper, _ = delegate(client, outbox, john, cases=["000020108"])
    cases = [c["case_id"] for c in client.get("/cases", token=helper).data["cases"]]
    assert cases == ["000020108"]
    hidden = client.get(f"/cases/{OTHER_CASE}", token=helper)
    assert hidden.status_code == 404
    assert [c["case_id"] for c in client.get("/cases", token=john).data["cases"]] == [
        "000020108", OTHER_CASE]


def test_a_change_applies_to_the_next_request(client, outbox, john):
    helper, grant = delegate(client, outbox, john)
    assert client.get("/messages", token=helper).status_code == 403
    changed = client.call("PUT", f"/access/grants/{grant}",
                          {"permissions": ["view", "messages"]}, token=john)
    assert changed.status_code == 200, changed.data
    assert client.get("/messages", token=helper).status_code == 200


def test_a_revocation_applies_to_the_next_request(client, outbox, john):
    helper, grant = delegate(client, outbox, john)
    assert client.call("DELETE", f"/access/grants/{grant}", token=john).status_code == 204
    refused = client.get("/summary", token=helper)
    assert refused.status_code == 403 and refused.data["error"]["code"] == "access_revoked"
    assert client.get("/access/accounts", token=helper).data["accounts"] == []
    assert client.post("/access/act-as", {"grant_id": None}, token=helper).status_code == 200
    assert client.get("/summary", token=helper).data["linked"] is False  # their own again


def test_the_parent_is_emailed_each_change_to_who_can_use_the_account(client, outbox, john):
    """Granted, accepted, changed, ended: each is a notice to the account's owner (before,
    only the activity history knew)."""
    def told() -> list[str]:
        return [m.body for m in outbox.messages("john@example.com")
                if m.subject == "A change to who can use your child support account"]

    helper, grant = delegate(client, outbox, john)
    assert [("invited" in b, "accepted" in b) for b in told()] == [(True, False), (False, True)]
    assert "helper@example.com" in told()[0] and "Helen Helper" in told()[1]
    changed = client.call("PUT", f"/access/grants/{grant}", {"permissions": ["view", "pay"]},
                          token=john)
    assert changed.status_code == 200, changed.data
    assert "view cases and payments, make payments" in told()[-1]
    assert client.call("DELETE", f"/access/grants/{grant}", token=john).status_code == 204
    assert "You ended Helen Helper's access" in told()[-1] and len(told()) == 4


def test_a_delegate_gives_up_access(client, outbox, john):
    helper, grant = delegate(client, outbox, john)
    assert client.call("DELETE", f"/access/accounts/{grant}", token=helper).status_code == 204
    assert client.get("/access/accounts", token=helper).data == {"acting_as": None,
                                                                 "accounts": []}
    assert client.get("/access/grants", token=john).data["grants"][0]["status"] == "given_up"
    events = [e["event"] for e in client.get("/me/activity", token=john).data["items"]]
    assert "access_given_up" in events


def test_access_ends_after_its_last_day(client, outbox, john, clock):
    helper, _ = delegate(client, outbox, john, ends_on="2026-03-03")
    assert client.get("/summary", token=helper).status_code == 200
    clock.shift(timedelta(days=2))
    helper = sign_in(client, outbox, HELPER)
    grant = client.get("/access/accounts", token=helper).data["accounts"]
    assert grant == []


def test_cancel_access_unlinks_and_ends_every_delegate(client, outbox, john):
    helper, _ = delegate(client, outbox, john)
    wrong = client.post("/me/cancel-access", {"password": "Wrong-Horse-Battery-9"}, token=john)
    assert wrong.status_code == 403
    done = client.post("/me/cancel-access", {"password": "Correct-Horse-Battery-9"},
                       token=john)
    assert done.status_code == 204, done.data
    assert client.get("/summary", token=john).data["linked"] is False
    assert client.get("/summary", token=helper).status_code == 403
    assert "Cancel Access" in outbox.last("john@example.com").body


def test_an_invitation_is_for_its_address_once_and_for_7_days(client, outbox, john, clock):
    made = invite(client, john)
    token = outbox.token(HELPER)
    register(client, outbox, "someone.else@example.com")
    other = sign_in(client, outbox, "someone.else@example.com")
    wrong = client.post("/access/invitations/accept", {"token": token}, token=other)
    assert wrong.status_code == 403
    register(client, outbox, HELPER)
    helper = sign_in(client, outbox, HELPER)
    assert client.post("/access/invitations/accept", {"token": token},
                       token=helper).status_code == 200
    again = client.post("/access/invitations/accept", {"token": token}, token=helper)
    assert again.status_code == 410
    late = invite(client, john, email="late@example.com")
    assert late.status_code == 201 and made.data["grant_id"] != late.data["grant_id"]
    late_token = outbox.token("late@example.com")
    clock.shift(timedelta(days=8))
    register(client, outbox, "late@example.com")
    latecomer = sign_in(client, outbox, "late@example.com")
    assert client.post("/access/invitations/accept", {"token": late_token},
                       token=latecomer).status_code == 410


def test_an_invitation_link_says_who_sent_it_before_anyone_signs_in(client, outbox, john):
    made = invite(client, john)
    token = outbox.token(HELPER)
    read = client.post("/access/invitations/read", {"token": token})  # no session
    assert read.status_code == 200, read.data
    assert read.data == {"parent_name": "Pat Parent", "email": HELPER}
    unknown = client.post("/access/invitations/read", {"token": "x" * 43})
    assert unknown.status_code == 410 and unknown.data["error"]["code"] == "invitation_invalid"
    client.call("DELETE", f"/access/grants/{made.data['grant_id']}", token=john)
    withdrawn = client.post("/access/invitations/read", {"token": token})
    assert withdrawn.status_code == 410


@pytest.mark.parametrize("terms,field", [
    ({"email": "john@example.com"}, "email"),
    ({"permissions": ["everything"]}, "permissions"),
    ({"permissions": []}, "permissions"),
    ({"cases": ["999999999"]}, "cases"),
    ({"ends_on": "2026-03-01"}, "ends_on"),
])
def test_bad_grants_are_refused(client, john, terms, field):
    response = invite(client, john, **terms)
    assert response.status_code == 422 and field in str(response.data["error"])
    assert client.get("/access/grants", token=john).data["grants"] == []


def test_granting_needs_a_recent_sign_in(client, john, clock):
    for _ in range(2):
        clock.shift(timedelta(minutes=10))
        client.get("/summary", token=john)
    refused = invite(client, john)
    assert refused.status_code == 403
    assert refused.data["error"]["code"] == "recent_sign_in_required"


def test_a_delegate_cannot_grant_access_to_the_account(client, outbox, john):
    helper, _ = delegate(client, outbox, john, permissions=("view", "pay", "messages",
                                                             "submissions"))
    assert invite(client, helper, email="third@example.com").status_code == 403
    assert client.get("/access/grants", token=helper).status_code == 403


def test_a_delegates_case_scope_ends_with_their_request(client, outbox, two_cases):
    from datetime import datetime, timezone

    from chalicelib import jobs

    john = two_cases
    account = add_account(client, john)
    client.post("/autopay", {"case_id": OTHER_CASE, "bank_account_id": account,
                             "amount_cents": 10000, "day_of_month": 5,
                             "start": "2026-03-05"}, token=john)
    helper, _ = delegate(client, outbox, john, cases=["000020108"])
    assert client.get(f"/cases/{OTHER_CASE}", token=helper).status_code == 404
    done = jobs.run("autopay", datetime(2026, 3, 5, 18, 0, tzinfo=timezone.utc))
    assert done.sent == 1 and done.failed == 0  # the job is not held to that scope
    assert client.get(f"/cases/{OTHER_CASE}", token=john).status_code == 200


@pytest.mark.parametrize("permissions,reads", [(("view",), False), (("view", "messages"), True)])
def test_a_messages_attachment_takes_the_messages_permission(client, outbox, john, permissions,
                                                             reads):
    """A document is read under the record it is attached to: a view-only delegate, kept
    out of GET /messages, was let into a message's attachment."""
    from tests.api.test_documents import upload

    document = upload(client, john)
    sent = client.post("/messages", {"subject": "Pay stub", "body": "Attached.",
                                     "document_ids": [document]}, token=john)
    assert sent.status_code == 201, sent.data
    helper, _ = delegate(client, outbox, john, permissions=permissions)
    assert (client.get("/messages", token=helper).status_code == 200) is reads
    opened = client.get(f"/documents/{document}", token=helper)
    assert opened.status_code == (200 if reads else 404), opened.data


def test_a_delegates_case_scope_covers_a_requests_documents(client, outbox, two_cases):
    from tests.api.test_documents import upload

    john = two_cases
    draft = client.post("/submissions", {"type": "request_statement", "case_id": OTHER_CASE},
                        token=john).data
    document = upload(client, john)
    attached = client.post(f"/submissions/{draft['submission_id']}/documents",
                           {"document_ids": [document]}, token=john)
    assert attached.status_code in (200, 201), attached.data
    helper, _ = delegate(client, outbox, john, permissions=("view", "submissions"),
                         cases=["000020108"])  # not the other case
    assert client.get(f"/documents/{document}", token=helper).status_code == 404

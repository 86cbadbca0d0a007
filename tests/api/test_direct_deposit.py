"""Direct deposit for the parent who receives support."""
from datetime import timedelta

import pytest

from chalicelib.dal import agency
from tests.cases import JANE, load_demo, parent, staff_token

ROUTING = "125000105"


@pytest.fixture
def jane(client, outbox, clock):
    load_demo()
    return parent("jane@example.com", JANE)


def enroll(client, token, number="000987654321", confirmation=None, **change):
    body = {"routing_number": ROUTING, "account_number": number,
            "account_number_confirmation": confirmation or number,
            "account_type": "checking", "holder_name": "Jane Doe", "authorize": True, **change}
    return client.call("PUT", "/direct-deposit", body, token=token)


def test_an_obligee_sets_up_direct_deposit_and_sees_only_the_last_four(client, outbox, jane):
    assert client.get("/direct-deposit", token=jane).data == {
        "enrolled": False, "routing_number": None, "account_type": None, "holder_name": None,
        "last4": None, "updated_at": None}
    made = enroll(client, jane)
    assert made.status_code == 200, made.data
    assert made.data["enrolled"] and made.data["last4"] == "4321"
    shown = client.get("/direct-deposit", token=jane).data
    assert shown["last4"] == "4321" and "000987654321" not in str(shown)
    stored = agency.member_item("04024333", "DEPOSIT")
    assert b"000987654321" not in stored.account_ciphertext
    assert "000987654321" not in str(stored.attribute_values)
    told = outbox.last("jane@example.com")
    assert told.subject == "Your child support direct deposit account was set up"
    assert "ending 4321" in told.body


def test_the_summary_says_how_a_receiving_parent_is_paid_not_how_the_payer_pays(
        client, outbox, jane):
    details = client.get("/summary", token=jane).data["account_details"]
    assert details == {"active_cases": 1, "payment_method": None, "receives_by": "other",
                       "deposit_last4": None}  # "Self Paid" was John's way, not hers
    assert enroll(client, jane).status_code == 200
    details = client.get("/summary", token=jane).data["account_details"]
    assert (details["receives_by"], details["deposit_last4"]) == ("direct_deposit", "4321")


def test_a_change_tells_every_address_including_the_agencys(client, outbox, jane):
    enroll(client, jane)
    enroll(client, jane, number="5550001111")
    for address in ("jane@example.com", "janedoe@test.com"):  # the agency has the second
        told = outbox.last(address)
        assert told.subject == "Your child support direct deposit account was changed"
        assert "ending 1111 instead of the account ending 4321" in told.body


def test_a_change_needs_a_recent_sign_in(client, outbox, jane, clock):
    clock.shift(timedelta(minutes=14))
    client.get("/summary", token=jane)  # keeps the session alive
    clock.shift(timedelta(minutes=14))
    late = enroll(client, jane)
    assert late.status_code == 403 and late.data["error"]["code"] == "recent_sign_in_required"
    assert agency.member_item("04024333", "DEPOSIT") is None


@pytest.mark.parametrize("change,field", [
    ({"routing_number": "125000106"}, "routing_number"),
    ({"number": "123"}, "account_number"),
    ({"confirmation": "000987654322"}, "account_number_confirmation"),
])
def test_bad_account_details_are_refused_and_nothing_is_saved(client, jane, change, field):
    response = enroll(client, jane, **change)
    assert response.status_code == 422 and field in response.data["error"]["fields"]
    assert agency.member_item("04024333", "DEPOSIT") is None


def test_the_authorization_is_required(client, jane):
    response = enroll(client, jane, authorize=False)
    assert response.status_code == 422 and "authorize" in response.data["error"]["fields"]


def test_the_paying_parent_cannot_set_up_direct_deposit(client, outbox, john):
    response = enroll(client, john)
    assert response.status_code == 403 and response.data["error"]["code"] == "not_an_obligee"
    assert client.get("/direct-deposit", token=john).status_code == 403


def test_stopping_direct_deposit(client, outbox, jane):
    assert client.call("DELETE", "/direct-deposit", token=jane).status_code == 404
    enroll(client, jane)
    assert client.call("DELETE", "/direct-deposit", token=jane).status_code == 204
    assert client.get("/direct-deposit", token=jane).data["enrolled"] is False
    assert "no longer be deposited" in outbox.last("janedoe@test.com").body
    history = client.get("/me/activity", token=jane).data
    kinds = [e["event"] for e in history["items"]]
    assert "direct_deposit_stopped" in kinds and "direct_deposit_enrolled" in kinds


def test_staff_read_the_full_number_for_disbursement_and_parents_cannot(client, outbox, jane,
                                                                      caplog):
    import logging

    from chalicelib.observability import SERVICE

    enroll(client, jane)
    staff = staff_token(client, outbox, "disbursement")
    caplog.set_level(logging.INFO, logger=SERVICE)
    account = client.get("/agency/members/04024333/direct-deposit", token=staff)
    assert account.status_code == 200, account.data
    assert account.data["account_number"] == "000987654321"
    # the audit line names who read whose number (and never the number)
    read = [r for r in caplog.records if r.getMessage() == "direct deposit read"]
    assert len(read) == 1 and read[0].member_id == "04024333" and read[0].staff_id
    assert "000987654321" not in str(read[0].__dict__)
    assert client.get("/agency/members/04024333/direct-deposit", token=jane).status_code == 403
    assert client.get("/agency/members/04025286/direct-deposit", token=staff).status_code == 404
    # issue #24: only disbursement staff read the full number; a caseworker's role does
    # not include it
    caseworker = staff_token(client, outbox, email="case.worker@agency.example.gov")
    refused = client.get("/agency/members/04024333/direct-deposit", token=caseworker)
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "staff_role_refused")


def test_the_change_is_told_even_after_the_email_limit_is_used_up(client, outbox, jane):
    for _ in range(5):  # anyone can do this without signing in: 5 emails an hour
        assert client.post("/auth/password/forgot",
                           {"email": "jane@example.com"}).status_code == 202
    # then the route's own limit for the address asked about (rate_limits.POLICIES)
    assert client.post("/auth/password/forgot", {"email": "jane@example.com"}).status_code == 429
    before = len(outbox.messages("jane@example.com"))
    enroll(client, jane)
    assert len(outbox.messages("jane@example.com")) == before + 1
    assert "ending 4321" in outbox.last("jane@example.com").body

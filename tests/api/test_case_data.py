"""Loading agency data: one service behind the API, the command-line import and the demo."""
import io
import json
import sys

import pytest

from chalicelib.clock import utc_now
from chalicelib.services import case_data
from tests.cases import (
    JOHN,
    STAFF_EMAIL,
    STAFF_PASSWORD,
    case,
    demo_records,
    load_demo,
    member,
    parent,
    staff_token,
    with_an_app,
)
from tests.people import registration, sign_in


def test_loading_the_same_records_twice_changes_nothing(aws):
    first = case_data.load(demo_records(), utc_now())
    assert {r.status for r in first} == {"created"}
    second = case_data.load(demo_records(), utc_now())
    assert {r.status for r in second} == {"unchanged"}


def test_a_changed_record_is_updated(aws):
    load_demo()
    changed = [member("04025286", "DOE", "123-45-2222", "1989-02-16", first_name="JONATHAN")]
    assert case_data.load(changed, utc_now())[0].status == "updated"


def test_bad_records_are_reported_and_the_rest_load(aws):
    records = [
        member("11111111", "ROE", "000-12-3456", "1980-01-01"),  # an impossible SSN
        {"type": "ledger", "case_id": "55555555", "entry_id": "x", "on": "2026-01-01",
         "kind": "charge", "amount_cents": 100, "description": "Support"},  # unknown case
        {"type": "spaceship"},
        "not a record",
        {"type": "ledger", "case_id": "000020108", "entry_id": "x", "on": "2026-01-01",
         "kind": "charge", "amount_cents": 10.5, "description": "Support"},  # float money
        member("22222222", "ROE", "123-45-6789", "1980-01-01"),
    ]
    results = case_data.load(records, utc_now())
    assert [r.status for r in results] == ["error"] * 5 + ["created"]
    assert "ssn" in results[0].error
    assert "load the case first" in results[1].error


def test_ssns_are_kept_only_as_an_hmac_and_the_last_four(aws):
    load_demo()
    from chalicelib.dal.agency import MemberItem

    stored = MemberItem.get("04025286", "PROFILE")
    assert stored.ssn_last4 == "2222"
    assert len(stored.ssn_hmac) == 64
    assert "123452222" not in json.dumps(stored.to_simple_dict())


def test_a_new_payment_updates_the_balance(client, outbox):
    load_demo()
    token = parent("john@example.com", JOHN)
    assert client.get("/summary", token=token).data["obligation_summary"][0]["arrears"][
        "cents"] == 80000
    case_data.load([{"type": "ledger", "case_id": "000020108", "entry_id": "pay-x",
                     "on": "2026-03-01", "kind": "payment", "amount_cents": 30000,
                     "description": "Payment received"}], utc_now())
    summary = client.get("/summary", token=token).data["obligation_summary"][0]
    assert summary["total_balance"]["cents"] == 50000


def test_the_agency_api_is_for_staff_only(client, outbox):
    load_demo()
    johns = parent("john@example.com", JOHN)
    body = {"records": [member("33333333", "ROE", "123-45-6780", "1980-01-01")]}
    assert client.post("/agency/records", body).status_code == 401
    refused = client.post("/agency/records", body, token=johns)
    assert refused.status_code == 403 and refused.data["error"]["code"] == "staff_only"
    loaded = client.post("/agency/records", body, token=staff_token(client, outbox))
    assert loaded.status_code == 200
    assert loaded.data["counts"] == {"created": 1}


def test_the_agency_api_reports_each_record(client, outbox):
    token = staff_token(client, outbox)
    response = client.post("/agency/records", {"records": [
        member("33333333", "ROE", "123-45-6780", "1980-01-01"),
        case("44444444", [("33333333", "obligor")]), {"type": "case"}]}, token=token)
    assert [r["status"] for r in response.data["results"]] == ["created", "created", "error"]
    assert client.post("/agency/records", {"records": []}, token=token).status_code == 422


def test_staff_are_created_by_the_command_line_tool(client, outbox, monkeypatch, capsys):
    from chalicelib.tools import create_staff

    args = ["--email", STAFF_EMAIL, "--first-name", "Casey", "--last-name", "Worker"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert create_staff.main(args) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO(STAFF_PASSWORD + "\n"))
    assert create_staff.main(args) == 0
    assert "created caseworker" in capsys.readouterr().out
    token = sign_in(client, outbox, STAFF_EMAIL, STAFF_PASSWORD)
    records = {"records": [member("33333333", "ROE", "123-45-6780", "1980-01-01")]}
    refused = client.post("/agency/records", records, token=token)  # an emailed code only
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "strong_sign_in_required")
    token = with_an_app(client, token)
    assert client.post("/agency/records", records, token=token).status_code == 200
    monkeypatch.setattr(sys, "stdin", io.StringIO(STAFF_PASSWORD + "\n"))
    assert create_staff.main(args) == 1  # the address is taken


def test_staff_cannot_be_registered_through_the_public_api(client):
    response = client.post("/auth/register", registration("sneaky@example.com",
                                                          role="caseworker"))
    assert response.status_code == 422


@pytest.mark.parametrize("field, value", [("amount_cents", "100"), ("on", "yesterday"),
                                          ("kind", "gift")])
def test_ledger_fields_are_strict(aws, field, value):
    load_demo()
    entry = {"type": "ledger", "case_id": "000020108", "entry_id": "y", "on": "2026-01-01",
             "kind": "charge", "amount_cents": 100, "description": "Support", field: value}
    assert case_data.load([entry], utc_now())[0].status == "error"


def test_a_new_case_action_or_order_change_is_emailed_to_subscribers_once(client, outbox, john):
    """The "case updates" topic sends what its name says; a parent without it gets
    nothing, and loading the same records again tells no one twice."""
    from tests.cases import JANE

    jane = parent("jane@example.com", JANE)  # the receiving parent, not subscribed
    assert client.call("PUT", "/me/settings", {
        "mail_delivery": "electronic", "notify_new_mail": True,
        "subscriptions": ["case_updates"]}, token=john).status_code == 200
    assert jane
    johns, janes = len(outbox.messages("john@example.com")), len(
        outbox.messages("jane@example.com"))
    the_case = next(r for r in demo_records() if r.get("case_id") == "000020108"
                    and r["type"] == "case")
    news = [{"type": "action", "case_id": "000020108", "action_id": "A-900",
             "on": "2026-03-01", "description": "Income withholding order sent"},
            {**the_case, "order_history": [*the_case.get("order_history", []), {
                "effective": "2026-03-01", "description": "Support modified"}]}]
    staff = staff_token(client, outbox)
    assert client.post("/agency/records", {"records": news}, token=staff).status_code == 200
    told = outbox.messages("john@example.com")[johns:]
    assert len(told) == 1 and told[0].subject == "News on your case 000020108"
    assert "Income withholding order sent" in told[0].body
    assert "2026-03-01: Support modified" in told[0].body
    assert len(outbox.messages("jane@example.com")) == janes
    client.post("/agency/records", {"records": news}, token=staff)  # unchanged now
    assert len(outbox.messages("john@example.com")) == johns + 1

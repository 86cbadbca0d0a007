"""`PAYMENT_PROCESSOR=ach make run`: the ACH rail end to end on the local stack, with
the simulated bank (`python -m chalicelib.tools.bank`): a bank payment goes out in the
day's file and comes back returned, as a newcomer would watch it."""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.local.demo import DEMO_EMAIL, DEMO_PASSWORD
from tests.stack import Api, local_stack
from tests.web.conftest import accessible, signed_in
from tests.web.test_agency import sign_in_at_the_desk


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with local_stack(tmp_path_factory.mktemp("ach"), {"PAYMENT_PROCESSOR": "ach"}) as running:
        yield running


def test_a_new_accounts_prenote_goes_out_and_its_return_fails_the_payment_that_waited(
        stack, page):
    john = Api(stack, DEMO_EMAIL, DEMO_PASSWORD)
    account = john.call("POST", "/bank-accounts", {
        "routing_number": "091000019", "account_number": "000123456789",
        "account_type": "checking", "holder_name": "John Doe", "authorize": True})
    made = john.call("POST", "/payments", {"case_id": "000020108", "amount_cents": 2500,
                                           "bank_account_id": account["account_id"]},
                     {"Idempotency-Key": "local-ach-0001"})
    assert made["status"] == "pending" and "$25.00" in made["authorization"]
    # the demo's state validates a new account with a prenote first: its file, then the
    # payment's once the prenote's quiet days would have passed
    first = json.loads(stack.tool("bank", ["send", "--local"]).strip().splitlines()[-1])
    assert first["entries"] == 1 and first["total_cents"] == 0
    entry = next(line for line in stack.tool("bank", ["show", first["file"], "--local"])
                 .splitlines() if line.startswith("6"))
    assert entry[1:3] == "28" and entry[12:29].strip() == "000123456789"
    assert "outbound/" in stack.tool("bank", ["files", "--local"])
    # the bank returns the prenote: the account has no such number
    stack.tool("bank", ["return", entry[79:94], "R03", "--local"])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the local bank_returns worker reads it
        payment = john.call("GET", f"/payments/{made['payment_id']}")
        if payment["status"] != "pending":
            break
        time.sleep(0.3)
    assert payment["status"] == "failed" and payment["failure_reason"] == "R03"
    assert stack._newest(DEMO_EMAIL, 0, r"did not go through", 0)  # the parent told
    status, refused = john.request("POST", "/payments", {
        "case_id": "000020108", "amount_cents": 2500,
        "bank_account_id": account["account_id"]}, {"Idempotency-Key": "local-ach-0002"})
    assert status == 422 and b"bank_account_blocked" in refused
    accounts = john.call("GET", "/bank-accounts")["bank_accounts"]
    assert [(a["blocked"], a["blocked_reason"]) for a in accounts] == [
        ("R03", "No account, or the account could not be found")]
    signed_in(page, stack, DEMO_EMAIL, DEMO_PASSWORD)  # and the parent reads why
    page.goto("/bank-accounts")
    page.get_by_text("Can no longer be used").wait_for()
    assert "R03: No account" in page.locator("main").inner_text()
    accessible(page)


def test_a_payment_goes_out_once_its_account_is_validated_and_comes_back_unpaid(stack, page):
    """A second account: its prenote goes out, and the file of a week later (`send
    --now`: the prenote's three quiet banking days past) carries the payment; the bank
    returns it for insufficient funds, and the rail presents it again."""
    john = Api(stack, DEMO_EMAIL, DEMO_PASSWORD)
    account = john.call("POST", "/bank-accounts", {
        "routing_number": "011000015", "account_number": "55501234",
        "account_type": "savings", "holder_name": "John Doe", "authorize": True})
    made = john.call("POST", "/payments", {"case_id": "000020108", "amount_cents": 4000,
                                           "bank_account_id": account["account_id"]},
                     {"Idempotency-Key": "local-ach-0003"})
    sent = [json.loads(stack.tool("bank", ["send", *when, "--local"]).strip().splitlines()[-1])
            for when in ([], ["--now", (datetime.now(timezone.utc) + timedelta(days=7))
                                     .isoformat()])]
    assert [s["total_cents"] for s in sent] == [0, 4000]
    debit = next(line for line in stack.tool("bank", ["show", sent[1]["file"], "--local"])
                 .splitlines() if line.startswith("6"))
    assert debit[1:3] == "37" and debit[39:54].strip() == made["reference"]  # its number
    stack.tool("bank", ["return", made["reference"], "R01", "--local"])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        payment = john.call("GET", f"/payments/{made['payment_id']}")
        if payment["status"] == "returned":
            break
        time.sleep(0.3)
    assert payment["status"] == "returned" and payment["return_reason"] == "R01"
    assert payment["return_reason_words"] == "Insufficient funds"
    assert stack._newest(DEMO_EMAIL, 0, r"present the payment to your bank again", 0)
    again = [p for p in john.call("GET", "/payments")["payments"]
             if p.get("represents") == made["payment_id"]]
    assert len(again) == 1 and again[0]["status"] == "pending"
    # what the parent reads: the return and its reason, and the words they authorized
    signed_in(page, stack, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/payments/{made['payment_id']}")
    page.get_by_text("R01: Insufficient funds").wait_for()
    assert "$40.00" in page.locator("#payment-authorization").inner_text()
    accessible(page)


def test_a_caseworker_takes_a_debit_on_a_signed_paper_form(stack, page):
    """The agency's desk: a member's signed authorization form becomes a PPD debit in
    the next file, in the parent's own payments; the same form again debits nothing."""
    sign_in_at_the_desk(page, stack)
    page.goto("/agency/bank-debit")
    page.get_by_label("Member ID").fill("04025286")
    page.get_by_label("Case number").fill("000020108")
    page.get_by_label("Name on the account").fill("John Doe")
    page.get_by_label("Routing number").fill("091000019")
    page.get_by_label("Account number").fill("44556677")
    page.get_by_label("Amount").fill("75.00")
    page.get_by_label("Date the form was signed").fill("2026-01-05")
    page.get_by_label("Form number").fill("FORM-LOCAL-1")
    page.get_by_role("button", name="Take the debit").click()
    page.get_by_text("$75.00 will be debited from the account ending 6677").wait_for()
    accessible(page)
    page.get_by_role("button", name="Take the debit").click()
    page.get_by_text("This form was entered before").wait_for()
    sent = json.loads(stack.tool("bank", ["send", "--local"]).strip().splitlines()[-1])
    batches = [line for line in stack.tool("bank", ["show", sent["file"], "--local"])
               .splitlines() if line.startswith("5")]
    assert "PPD" in [b[50:53] for b in batches]
    john = Api(stack, DEMO_EMAIL, DEMO_PASSWORD)
    assert any(p["amount_cents"] == 7500 and "FORM-LOCAL-1" in (p["authorization"] or "")
               for p in john.call("GET", "/payments")["payments"])

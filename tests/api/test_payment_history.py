"""GET /payment-history: a paying parent's every payment (the portal's with their status,
and the agency's checks and withholding); a receiving parent's payments received, without
the payer's card or account."""
from chalicelib.clock import utc_now
from chalicelib.services import outside_payments
from tests.api.test_payments import add_account, days_later, pay
from tests.cases import JANE, parent


def history(client, token):
    response = client.get("/payment-history", token=token)
    assert response.status_code == 200, response.data
    return response.data["payments"]


def test_a_paying_parent_sees_his_portal_payments_and_the_agencys(client, outbox, john):
    made = pay(client, john, add_account(client, john)).data
    lines = history(client, john)
    assert lines[0] == {"on": lines[0]["on"], "direction": "paid", "amount_cents": 10000,
                        "source": "portal", "status": "pending", "checking": False,
                        "case_id": "000020108",
                        "fee_account": None, "payment_id": made["payment_id"],
                        "method": "bank_account", "last4": "6789"}
    checks = [line for line in lines if line["source"] == "check"]  # the demo's four
    assert [c["on"] for c in checks] == ["2025-06-15", "2025-03-15", "2025-02-15", "2025-01-15"]
    assert {(c["direction"], c["amount_cents"], c["status"]) for c in checks} == {
        ("paid", 40000, "posted")}


def test_once_posted_a_portal_payment_is_listed_once(client, outbox, john, clock):
    made = pay(client, john, add_account(client, john)).data
    john = days_later(client, outbox, clock, 2)
    mine = [line for line in history(client, john) if line["source"] == "portal"]
    assert [(m["payment_id"], m["status"]) for m in mine] == [(made["payment_id"], "posted")]


def test_a_receiving_parent_sees_what_she_received_not_how_he_paid(client, outbox, john, clock):
    pay(client, john, add_account(client, john))
    john = days_later(client, outbox, clock, 2)
    # the settlement job (in days_later) asked the processor: posted to the case
    outside_payments.record("000020108", 25000, utc_now().date(), "income_withholding",
                            "remit-1", utc_now())
    jane = parent("jane@example.com", JANE)
    lines = history(client, jane)
    assert {line["direction"] for line in lines} == {"received"}
    assert sum(line["amount_cents"] for line in lines) == 4 * 40000 + 10000 + 25000
    assert {line["source"] for line in lines} == {"check", "portal", "income_withholding"}
    assert all(line["payment_id"] is None and line["last4"] is None and line["method"] is None
               for line in lines)
    # nor on the case's payments: his account's last four are his
    on_case = client.get("/cases/000020108/payments", token=jane).data["payments"]
    assert "Payment through the portal" in [p["description"] for p in on_case]
    assert not any("6789" in p["description"] for p in on_case)
    his = client.get("/cases/000020108/payments", token=john).data["payments"]
    assert "Payment by bank account ending 6789" in [p["description"] for p in his]


def test_a_parent_not_linked_has_no_history(client, outbox):
    assert history(client, parent("nobody@example.com")) == []

"""A bank debit on a signed paper form, through the staff route (the ACH rail's PPD
entries): refused where the rail is not in use, made once per form where it is, and in
the parent's own payments."""
from tests.cases import JOHN, load_demo, parent, staff_token

FORM = {"case_id": "000020108", "routing_number": "091000019", "account_number": "44556677",
        "account_type": "checking", "holder_name": "John Doe", "amount_cents": 5000,
        "signed_on": "2026-02-27", "reference": "FORM-0042"}


def test_staff_take_a_paper_debit_once_per_form_with_the_ach_rail(client, outbox, clock,
                                                                    monkeypatch):
    load_demo()
    john = parent("john@example.com", JOHN)
    staff = staff_token(client, outbox)
    path = f"/agency/members/{JOHN['member_id']}/bank-debits"
    refused = client.post(path, FORM, token=staff)  # the sandbox: no ACH rail
    assert refused.status_code == 409
    assert refused.data["error"]["code"] == "paper_debits_unavailable"
    monkeypatch.setenv("PAYMENT_PROCESSOR", "ach")
    made = client.post(path, FORM, token=staff)
    assert made.status_code == 201 and made.data["created"] and made.data["last4"] == "6677"
    again = client.post(path, FORM, token=staff)
    assert again.status_code == 200 and again.data["payment_id"] == made.data["payment_id"]
    mine = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert mine["status"] == "pending" and mine["reference"] == made.data["reference"]
    assert "Written authorization signed 02/27/2026 (form FORM-0042)" in mine["authorization"]
    wrong = client.post(path, {**FORM, "case_id": "000099999", "reference": "FORM-0043"},
                        token=staff)
    assert wrong.status_code == 404 and wrong.data["error"]["code"] == "case_not_found"
    assert client.post(path, FORM, token=john).status_code in (401, 403)

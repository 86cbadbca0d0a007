"""One-time payments: idempotent, distributed, settled by the processor, never twice."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib import jobs
from chalicelib.clock import utc_now
from tests.cases import JANE, parent
from tests.people import sign_in

ROUTING = "125000105"


def add_account(client, token, number="000123456789"):
    return client.post("/bank-accounts", {"routing_number": ROUTING, "account_number": number,
                                          "account_type": "checking", "holder_name": "John Doe",
                                          "authorize": True},
                       token=token).data["account_id"]


def pay(client, token, account, amount=10000, key="key-00000001", case="000020108"):
    return client.post("/payments", {"case_id": case, "bank_account_id": account,
                                     "amount_cents": amount}, token=token,
                       headers={"Idempotency-Key": key})


def total(client, token):
    return client.get("/summary", token=token).data["obligation_summary"][0]["total_balance"][
        "cents"]


def test_pay_100_on_800_pending_then_posted_and_distributed(client, outbox, john, clock):
    account = add_account(client, john)
    made = pay(client, john, account)
    assert made.status_code == 201, made.data
    assert made.data["status"] == "pending" and made.data["amount"] == "$100.00"
    receipt = outbox.last("john@example.com")
    assert receipt.subject == "We received your child support payment"
    assert "$100.00" in receipt.body and made.data["reference"] in receipt.body
    # its number as a person reads it out, not the record's id
    assert made.data["payment_id"] not in receipt.body
    tail = made.data["payment_id"].rsplit("-", 1)[1].upper()
    assert made.data["reference"] == f"P-{tail[:4]}-{tail[4:]}"
    assert total(client, john) == 80000  # pending does not change the balance
    john = days_later(client, outbox, clock, 2)
    posted = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert posted["status"] == "posted"
    assert posted["distribution"] == [{"period": "2025-04", "case_id": None,
                                       "applied_to": "arrears",
                                       "amount_cents": 10000, "owed_to": "family",
                                       "kept_by": "family"}]
    assert total(client, john) == 70000
    payments = client.get("/cases/000020108/payments", token=john).data
    assert payments["last_payment"]["amount"]["cents"] == 10000


def test_the_same_key_and_body_returns_the_first_payment(client, john):
    account = add_account(client, john)
    first = pay(client, john, account)
    again = pay(client, john, account)
    assert again.status_code == 201 and again.data["payment_id"] == first.data["payment_id"]
    assert len(client.get("/payments", token=john).data["payments"]) == 1


def test_the_same_key_with_another_body_is_a_422(client, john):
    account = add_account(client, john)
    pay(client, john, account)
    other = pay(client, john, account, amount=20000)
    assert other.status_code == 422 and other.data["error"]["code"] == "idempotency_key_reused"


def test_concurrent_requests_with_one_key_charge_once(client, john, atomic_dynamodb):
    account = add_account(client, john)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: pay(client, john, account), range(4)))
    created = {r.data["payment_id"] for r in results if r.status_code == 201}
    assert len(created) == 1
    assert all(r.status_code in (201, 409) for r in results)
    from chalicelib.dal.sandbox_processor import SandboxRecord

    charges = [r for r in SandboxRecord.scan() if r.key.startswith("CHARGE#")]
    assert len(charges) == 1


def test_a_missing_idempotency_key_is_a_400(client, john):
    account = add_account(client, john)
    response = client.post("/payments", {"case_id": "000020108", "bank_account_id": account,
                                         "amount_cents": 100}, token=john)
    assert response.status_code == 400
    assert response.data["error"]["code"] == "idempotency_key_required"


@pytest.mark.parametrize("amount", [0, -100, 99, 10.5, "100", 100000001, None])
def test_bad_amounts_are_refused(client, john, amount):
    account = add_account(client, john)
    response = pay(client, john, account, amount=amount)
    assert response.status_code == 422
    assert client.get("/payments", token=john).data["payments"] == []


def test_a_decline_is_a_402_with_its_reason_and_nothing_is_recorded(client, john):
    account = add_account(client, john, "55550001")
    response = pay(client, john, account)
    assert response.status_code == 402
    assert response.data["error"]["reason"] == "insufficient_funds"
    assert client.get("/payments", token=john).data["payments"] == []


def test_a_timeout_stays_pending_and_a_retry_never_charges_again(client, outbox, john, clock):
    account = add_account(client, john, "55550004")
    first = pay(client, john, account)
    assert first.status_code == 201 and first.data["status"] == "pending"
    assert pay(client, john, account).data["payment_id"] == first.data["payment_id"]
    john = days_later(client, outbox, clock, 2)
    assert client.get(f"/payments/{first.data['payment_id']}", token=john).data[
        "status"] == "posted"


def test_a_read_never_asks_the_processor_it_says_checking_until_the_job_has(
        client, outbox, john, clock):
    account = add_account(client, john)
    made = pay(client, john, account).data
    assert made["checking"] is False
    clock.shift(timedelta(days=2))  # settled at the processor; the job has not run yet
    john = sign_in(client, outbox, "john@example.com")
    read = client.get(f"/payments/{made['payment_id']}", token=john).data
    assert (read["status"], read["checking"]) == ("pending", True)
    assert client.get("/payments", token=john).data["payments"][0]["checking"] is True
    history = client.get("/payment-history", token=john).data["payments"]
    assert [(h["status"], h["checking"]) for h in history if h.get("payment_id")] == [
        ("pending", True)]
    assert total(client, john) == 80000  # nothing posted by reading
    assert settle().sent == 0
    read = client.get(f"/payments/{made['payment_id']}", token=john).data
    assert (read["status"], read["checking"]) == ("posted", False)
    assert total(client, john) == 70000


def test_a_request_lost_on_the_way_fails_after_the_window_and_frees_its_key(
        client, outbox, john, clock):
    """The processor timed out and no charge exists: the payment does not stay pending
    for ever. Past the processor's window (the sandbox's: 10 minutes) the job fails it,
    tells the parent, and the same Idempotency-Key makes a new payment."""
    account = add_account(client, john, "55550005")
    first = pay(client, john, account)
    assert first.status_code == 201 and first.data["status"] == "pending"
    clock.shift(timedelta(minutes=5))
    settle()  # within the window: the charge may still appear
    john = sign_in(client, outbox, "john@example.com")
    read = client.get(f"/payments/{first.data['payment_id']}", token=john).data
    assert (read["status"], read["checking"]) == ("pending", False)
    assert pay(client, john, account).data["payment_id"] == first.data["payment_id"]
    clock.shift(timedelta(minutes=6))
    assert client.get(f"/payments/{first.data['payment_id']}", token=john).data["checking"]
    settle()
    failed = client.get(f"/payments/{first.data['payment_id']}", token=john).data
    assert failed["status"] == "failed" and failed["failure_reason"] == "no_charge"
    assert failed["checking"] is False and failed["failed_at"]
    told = outbox.last("john@example.com")
    assert told.subject == "Your child support payment did not go through"
    assert first.data["reference"] in told.body and "Nothing was taken" in told.body
    assert total(client, john) == 80000
    settle()  # never checked again
    assert len([m for m in outbox.messages("john@example.com")
                if "did not go through" in m.subject]) == 1
    again = pay(client, john, account)  # the same key: free again
    assert again.status_code == 201 and again.data["payment_id"] != first.data["payment_id"]
    assert [p["status"] for p in client.get("/payments", token=john).data["payments"]] == [
        "pending", "failed"]


def test_a_returned_payment_reverses_its_distribution(client, outbox, john, clock):
    account = add_account(client, john, "55550003")
    made = pay(client, john, account).data
    john = days_later(client, outbox, clock, 2)
    client.get("/payments", token=john)
    assert total(client, john) == 70000
    john = days_later(client, outbox, clock, 2)
    returned = client.get(f"/payments/{made['payment_id']}", token=john).data
    assert returned["status"] == "returned" and returned["return_reason"] == "R01"
    assert total(client, john) == 80000
    assert client.get("/payments?status=returned", token=john).data["payments"][0][
        "payment_id"] == made["payment_id"]


def test_someone_elses_case_account_or_payment_is_a_404(client, outbox, john):
    account = add_account(client, john)
    made = pay(client, john, account).data
    jane = parent("jane@example.com", JANE)
    jane_account = add_account(client, jane)
    assert pay(client, john, jane_account, key="key-00000002").status_code == 404
    assert pay(client, john, account, key="key-00000003", case="77777777").status_code == 404
    assert client.get(f"/payments/{made['payment_id']}", token=jane).status_code == 404
    assert client.get("/payments", token=jane).data["payments"] == []


def test_the_obligee_cannot_pay_the_obligors_case(client, outbox, john):
    jane = parent("jane@example.com", JANE)
    account = add_account(client, jane)
    response = pay(client, jane, account)
    assert response.status_code == 403 and response.data["error"]["code"] == "not_the_obligor"


def days_later(client, outbox, clock, days):
    """Moves the clock on, runs the settlement job (as its hourly schedule would have:
    a read never asks the processor) and signs in again (sessions do not last days)."""
    clock.shift(timedelta(days=days))
    settle()
    return sign_in(client, outbox, "john@example.com")


def settle():
    return jobs.run("settlement", utc_now())


def test_throttling_when_recording_a_payment_is_a_503_and_a_retry_charges_once(
        client, john, busy_dynamodb):
    account = add_account(client, john)
    busy_dynamodb(None)
    response = pay(client, john, account)
    assert response.status_code == 503 and response.data["error"]["code"] == "service_busy"
    busy_dynamodb(0)
    assert client.get("/payments", token=john).data["payments"] == []
    again = pay(client, john, account)  # the same key: the processor returns its charge
    assert again.status_code == 201
    assert len(client.get("/payments", token=john).data["payments"]) == 1


def test_without_a_processor_no_payment_is_taken_or_saved(client, john, monkeypatch):
    """prod's default until the agency names its processor: a clear 503, nothing kept,
    and the same key works once payments are back."""
    account = add_account(client, john)
    monkeypatch.setenv("PAYMENT_PROCESSOR", "none")
    refused = pay(client, john, account)
    assert refused.status_code == 503
    assert refused.data["error"]["code"] == "payments_unavailable"
    added = client.post("/bank-accounts", {"routing_number": ROUTING,
                                           "account_number": "000555666777",
                                           "account_type": "checking",
                                           "holder_name": "John Doe", "authorize": True},
                       token=john)
    assert added.status_code == 503
    assert client.get("/payments", token=john).data["payments"] == []
    assert len(client.get("/bank-accounts", token=john).data["bank_accounts"]) == 1
    monkeypatch.setenv("PAYMENT_PROCESSOR", "sandbox")
    assert pay(client, john, account).status_code == 201


def test_prod_takes_no_payments_unless_a_processor_is_named(monkeypatch):
    from chalicelib.settings import get_settings

    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.setenv("SSN_HMAC_SECRET", "csp-prod/ssn-hmac-key")  # as the stack sets it
    monkeypatch.delenv("PAYMENT_PROCESSOR", raising=False)
    assert get_settings().payment_processor == "none"
    monkeypatch.setenv("STAGE", "dev")
    assert get_settings().payment_processor == "sandbox"


# -- more than is owed; all my cases ------------------------------------------------------

def test_paying_more_than_is_owed_asks_for_a_confirmation_and_leaves_a_credit(
        client, outbox, john, clock):
    """John owes $800. $900 is refused until he confirms it (saying what he owes); a
    pending payment counts as paid; confirmed, the $100 beyond is a credit on the case."""
    account = add_account(client, john)
    refused = pay(client, john, account, amount=90000)
    assert refused.status_code == 422
    assert refused.data["error"]["code"] == "confirm_overpayment"
    assert "You owe $800.00" in refused.data["error"]["fields"]["confirm_overpayment"]
    assert pay(client, john, account, amount=80000, key="key-00000002").status_code == 201
    small = pay(client, john, account, amount=100, key="key-00000003")
    assert small.data["error"]["code"] == "confirm_overpayment"  # $800 is pending already
    confirmed = client.post("/payments", {"case_id": "000020108", "bank_account_id": account,
                                          "amount_cents": 10000, "confirm_overpayment": True},
                            token=john, headers={"Idempotency-Key": "key-00000001"})
    assert confirmed.status_code == 201, confirmed.data  # the refused key is free again
    john = days_later(client, outbox, clock, 2)
    owed = client.get("/summary", token=john).data["obligation_summary"][0]
    assert owed["total_balance"]["cents"] == 0 and owed["credit"]["cents"] == 10000


def test_what_is_pending_counts_whether_paid_on_the_case_or_on_all_cases(
        client, outbox, john, clock):
    """John owes $800 on his one case. With $500 for all his cases pending, $400 on the
    case is more than is left ($300); once the $500 posts it no longer counts, and $300
    on the case is taken; with that pending, $1 for all his cases is more than is owed
    (the payer's pending totals, dal/payments.py: added to as a payment is made, taken
    from as it posts)."""
    account = add_account(client, john)

    def pay_all(amount, key):
        return client.post("/payments", {"all_cases": True, "bank_account_id": account,
                                         "amount_cents": amount}, token=john,
                           headers={"Idempotency-Key": key})

    assert pay_all(50000, "key-00000001").status_code == 201
    refused = pay(client, john, account, amount=40000, key="key-00000002")
    assert "You owe $300.00" in refused.data["error"]["fields"]["confirm_overpayment"]
    john = days_later(client, outbox, clock, 2)
    assert total(client, john) == 30000
    assert pay(client, john, account, amount=30000, key="key-00000003").status_code == 201
    assert pay_all(100, "key-00000004").data["error"]["code"] == "confirm_overpayment"


def test_a_payment_for_all_my_cases_is_split_by_45_cfr_303_100(client, outbox, john, clock):
    """John pays on the demo case ($800 arrears, no current support) and a new case with
    $500 due for March. $1,000 for all his cases: March's $500 first, then the oldest
    arrears ($400 of April 2025 and $100 of May 2025 on the demo case), each part named
    by its case in the payment's distribution."""
    from chalicelib.services import case_data
    from tests.cases import JOHN, case

    records = [case("777000301", [(JOHN["member_id"], "obligor")]),
               {"type": "ledger", "case_id": "777000301", "entry_id": "chg-2026-03",
                "on": "2026-03-01", "kind": "charge", "amount_cents": 50000,
                "description": "Monthly support"}]
    assert all(r.status != "error" for r in case_data.load(records, utc_now()))
    account = add_account(client, john)
    made = client.post("/payments", {"all_cases": True, "bank_account_id": account,
                                     "amount_cents": 100000}, token=john,
                       headers={"Idempotency-Key": "key-all-cases-1"})
    assert made.status_code == 201, made.data
    assert made.data["case_id"] is None and made.data["case_ids"] == ["000020108", "777000301"]
    assert "on all your cases" in outbox.last("john@example.com").body
    john = days_later(client, outbox, clock, 2)
    posted = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert posted["status"] == "posted"
    assert [(d["case_id"], d["period"], d["amount_cents"]) for d in posted["distribution"]] == [
        ("000020108", "2025-04", 40000), ("000020108", "2025-05", 10000),
        ("777000301", "2026-03", 50000)]
    both = client.post("/payments", {"all_cases": True, "case_id": "000020108",
                                     "bank_account_id": account, "amount_cents": 100},
                       token=john, headers={"Idempotency-Key": "key-all-cases-2"})
    assert both.status_code == 422


def test_my_payments_come_a_page_at_a_time_newest_first(client, outbox, john, clock):
    account = add_account(client, john)
    made = []
    for i in range(5):
        made.append(pay(client, john, account, amount=100 + i, key=f"key-page-{i:04d}")
                    .data["payment_id"])
        clock.shift(timedelta(minutes=1))
    seen, cursor, pages = [], None, 0
    while True:
        page = client.get("/payments?limit=2" + (f"&cursor={cursor}" if cursor else ""),
                          token=john).data
        assert len(page["payments"]) <= 2
        seen += [p["payment_id"] for p in page["payments"]]
        pages, cursor = pages + 1, page["next_cursor"]
        if cursor is None:
            break
    assert seen == made[::-1] and pages == 3
    # a filter keeps the newest first, over the pages it reads
    first = client.get("/payments?status=pending&limit=100", token=john).data
    assert [p["payment_id"] for p in first["payments"]] == made[::-1]
    assert first["next_cursor"] is None
    assert client.get("/payments?status=posted", token=john).data["payments"] == []


def test_a_cursor_from_another_list_or_made_up_is_refused(client, outbox, john):
    account = add_account(client, john)
    for i in range(2):
        pay(client, john, account, amount=100 + i, key=f"key-cursor-{i:04d}")
    johns = client.get("/payments?limit=1", token=john).data["next_cursor"]
    assert johns
    jane = parent("jane@example.com", JANE)
    refused = client.get(f"/payments?cursor={johns}", token=jane)  # not her partition
    assert refused.status_code == 422 and refused.data["error"]["code"] == "invalid_cursor"
    assert client.get("/payments?cursor=not-a-cursor", token=john).status_code == 422
    assert client.get("/payments?limit=0", token=john).status_code == 422

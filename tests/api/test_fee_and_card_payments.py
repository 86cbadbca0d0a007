"""Fee-account payments and card payments (the sandbox processor's card form)."""
import pytest

from chalicelib.clock import utc_now
from chalicelib.services import case_data
from tests.api.test_payments import add_account, days_later, total
from tests.cases import JANE, parent

FEES = "004025286-003-001"


def fee_balance(cents, account=FEES, member="04025286"):
    results = case_data.load([{"type": "fee_account", "member_id": member, "account": account,
                               "description": "Genetic testing", "balance_cents": cents}],
                             utc_now())
    assert all(r.status != "error" for r in results), results


def card(client, number="4111 1111 1111 1111", exp_month=12, exp_year=2030, cvc="123"):
    return client.post("/sandbox/card-tokens", {"number": number, "exp_month": exp_month,
                                                "exp_year": exp_year, "cvc": cvc})


def pay(client, token, key="key-00000001", amount=10000, **order):
    order = order or {"case_id": "000020108"}
    return client.post("/payments", {"amount_cents": amount, **order}, token=token,
                       headers={"Idempotency-Key": key})


def fees_shown(client, token):
    return client.get("/summary", token=token).data["fee_accounts"][0]["balance"]["cents"]


# -- fee accounts -------------------------------------------------------------------------

def test_a_fee_payment_lowers_the_fee_balance_when_it_posts(client, outbox, john, clock):
    fee_balance(12500)
    account = add_account(client, john)
    made = pay(client, john, fee_account=FEES, bank_account_id=account, amount=5000)
    assert made.status_code == 201, made.data
    assert made.data["fee_account"] == FEES and made.data["case_id"] is None
    assert "fee account " + FEES in outbox.last("john@example.com").body
    assert fees_shown(client, john) == 12500
    john = days_later(client, outbox, clock, 2)
    posted = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert posted["status"] == "posted" and posted["distribution"] is None
    assert fees_shown(client, john) == 7500
    assert total(client, john) == 80000  # the support balance is another account


def test_a_fee_payment_may_not_exceed_what_is_owed_less_pending(client, john):
    fee_balance(12500)
    account = add_account(client, john)
    assert pay(client, john, fee_account=FEES, bank_account_id=account,
               amount=10000).status_code == 201
    more = pay(client, john, "key-00000002", fee_account=FEES, bank_account_id=account,
               amount=2600)
    assert more.status_code == 422 and more.data["error"]["code"] == "more_than_owed"
    assert "$25.00" in more.data["error"]["message"]
    assert pay(client, john, "key-00000003", fee_account=FEES, bank_account_id=account,
               amount=2500).status_code == 201


def test_nothing_to_pay_on_a_zero_fee_balance(client, john):
    fee_balance(0)
    account = add_account(client, john)
    refused = pay(client, john, fee_account=FEES, bank_account_id=account)
    assert refused.status_code == 422 and refused.data["error"]["code"] == "more_than_owed"
    assert client.get("/payments", token=john).data["payments"] == []


def test_someone_elses_fee_account_is_a_404(client, outbox, john):
    fee_balance(5000, account="004024333-001-001", member="04024333")
    account = add_account(client, john)
    response = pay(client, john, fee_account="004024333-001-001", bank_account_id=account)
    assert response.status_code == 404
    assert response.data["error"]["code"] == "fee_account_not_found"
    jane = parent("jane@example.com", JANE)
    assert fees_shown(client, jane) == 5000


def test_a_returned_fee_payment_puts_the_balance_back(client, outbox, john, clock):
    fee_balance(12500)
    account = add_account(client, john, number="000111110003")  # posts, then returned
    made = pay(client, john, fee_account=FEES, bank_account_id=account, amount=5000)
    john = days_later(client, outbox, clock, 2)
    assert client.get("/payments", token=john).data["payments"][0]["status"] == "posted"
    assert fees_shown(client, john) == 7500
    john = days_later(client, outbox, clock, 3)
    returned = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert returned["status"] == "returned" and returned["return_reason"] == "R01"
    assert fees_shown(client, john) == 12500


def test_the_agency_balance_wins_when_it_reloads_the_fee_account(client, outbox, john, clock):
    fee_balance(12500)
    account = add_account(client, john)
    pay(client, john, fee_account=FEES, bank_account_id=account, amount=5000)
    john = days_later(client, outbox, clock, 2)
    client.get("/payments", token=john)
    fee_balance(7500)  # the agency's system saw the payment too
    assert fees_shown(client, john) == 7500


@pytest.mark.parametrize("order", [
    {"bank_account_id": "x"},
    {"case_id": "000020108", "fee_account": FEES, "bank_account_id": "x"},
    {"case_id": "000020108"},
    {"case_id": "000020108", "bank_account_id": "x", "card_token": "sbx_card_0123456789"},
    {"fee_account": "not a fee account", "bank_account_id": "x"},
])
def test_an_order_needs_one_target_and_one_way_to_pay(client, john, order):
    response = pay(client, john, **order)
    assert response.status_code == 422, response.data


# -- cards --------------------------------------------------------------------------------

def test_a_card_payment_posts_and_is_distributed(client, outbox, john, clock):
    token = card(client)
    assert token.status_code == 201, token.data
    assert token.data["last4"] == "1111" and token.data["brand"] == "visa"
    made = pay(client, john, case_id="000020108", card_token=token.data["token"])
    assert made.status_code == 201, made.data
    assert made.data["method"] == "card" and made.data["card_brand"] == "visa"
    assert made.data["last4"] == "1111"
    assert "Visa card ending 1111" in outbox.last("john@example.com").body
    john = days_later(client, outbox, clock, 2)
    posted = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert posted["status"] == "posted" and posted["distribution"][0]["amount_cents"] == 10000
    assert total(client, john) == 70000
    ledger = client.get("/cases/000020108/payments", token=john).data
    assert "Visa card ending 1111" in str(ledger)


@pytest.mark.parametrize("number,reason", [("4000000000000002", "card_declined"),
                                           ("4000000000009995", "insufficient_funds"),
                                           ("4000000000000069", "expired_card")])
def test_card_declines_are_402_with_the_reason(client, john, number, reason):
    made = pay(client, john, case_id="000020108", card_token=card(client, number).data["token"])
    assert made.status_code == 402 and made.data["error"]["code"] == "payment_declined"
    assert reason in made.data["error"]["message"]
    assert client.get("/payments", token=john).data["payments"] == []


def test_a_card_token_pays_once(client, john):
    token = card(client).data["token"]
    assert pay(client, john, case_id="000020108", card_token=token).status_code == 201
    again = pay(client, john, "key-00000002", case_id="000020108", card_token=token)
    assert again.status_code == 422 and again.data["error"]["code"] == "card_token_invalid"
    retry = pay(client, john, case_id="000020108", card_token=token)  # the same key
    assert retry.status_code == 201
    assert len(client.get("/payments", token=john).data["payments"]) == 1


def test_a_card_token_expires_after_15_minutes(client, john, clock):
    from datetime import timedelta

    token = card(client).data["token"]
    clock.shift(timedelta(minutes=16))
    late = pay(client, john, case_id="000020108", card_token=token)
    assert late.status_code == 422 and late.data["error"]["code"] == "card_token_invalid"


def test_an_unknown_card_token_is_refused(client, john):
    response = pay(client, john, case_id="000020108", card_token="sbx_card_000000000000")
    assert response.status_code == 422 and response.data["error"]["code"] == "card_token_invalid"


def test_a_card_timeout_stays_pending_and_settles(client, outbox, john, clock):
    made = pay(client, john, case_id="000020108",
               card_token=card(client, "4000000000000119").data["token"])
    assert made.status_code == 201 and made.data["status"] == "pending"
    john = days_later(client, outbox, clock, 2)
    assert client.get("/payments", token=john).data["payments"][0]["status"] == "posted"


def test_a_disputed_card_payment_is_reversed(client, outbox, john, clock):
    made = pay(client, john, case_id="000020108",
               card_token=card(client, "4000000000000259").data["token"])
    john = days_later(client, outbox, clock, 5)
    disputed = client.get(f"/payments/{made.data['payment_id']}", token=john).data
    assert disputed["status"] == "returned" and disputed["return_reason"] == "chargeback"
    assert total(client, john) == 80000


@pytest.mark.parametrize("card_in,field", [
    ({"number": "4111111111111112"}, "number"),  # fails the Luhn check
    ({"number": "4242424242424242"}, "number"),  # a valid number, not a sandbox one
    ({"exp_month": 1, "exp_year": 2026}, "exp_month"),  # expired (the clock is March 2026)
    ({"cvc": "12a"}, "cvc"),
    ({"exp_year": 150}, "exp_year"),  # neither as printed on a card nor in full
])
def test_the_sandbox_card_form_refuses_bad_cards(client, card_in, field):
    response = card(client, **card_in)
    assert response.status_code == 422, response.data
    assert field in response.data["error"]["fields"]


def test_a_card_year_as_printed_on_the_card_is_read_in_full(client):
    short = card(client, exp_year=30)  # typed as "30": it was "greater than or equal to 2000"
    assert short.status_code == 201, short.data
    refused = card(client, exp_year=150).data["error"]["fields"]["exp_year"]
    assert refused == "Enter the year on the card, like 30 or 2030."


def test_the_card_number_is_never_stored_or_logged(client, john, capsys):
    from chalicelib.dal.sandbox_processor import SandboxRecord

    token = card(client, "5555 5555 5555 4444").data["token"]
    pay(client, john, case_id="000020108", card_token=token)
    stored = [r.attribute_values for r in SandboxRecord.scan()]
    assert "5555555555554444" not in str(stored) and "5555 5555" not in str(stored)
    assert "5555555555554444" not in capsys.readouterr().out

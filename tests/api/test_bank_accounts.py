"""Saved bank accounts: validated, tokenized, last four only, the owner's alone."""
import json

import pytest

from tests.people import register, sign_in

ACCOUNT = {"routing_number": "125000105", "account_number": "000123456789",
           "account_type": "checking", "holder_name": "Pat Parent", "nickname": "Main",
           "authorize": True}


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


def test_an_account_is_not_saved_without_the_debit_authorization(client, token):
    for refused in ({**ACCOUNT, "authorize": False}, {k: v for k, v in ACCOUNT.items()
                                                     if k != "authorize"}):
        answer = client.post("/bank-accounts", refused, token=token)
        assert answer.status_code == 422 and "authorize" in answer.data["error"]["fields"]
    assert client.get("/bank-accounts", token=token).data["bank_accounts"] == []


def test_an_account_is_added_and_listed_by_its_last_four(client, token):
    added = client.post("/bank-accounts", ACCOUNT, token=token)
    assert added.status_code == 201
    assert added.data["last4"] == "6789" and "account_number" not in added.data
    assert added.data["authorized_at"] == added.data["created_at"]  # the debit authorization, kept
    listed = client.get("/bank-accounts", token=token).data["bank_accounts"]
    assert [a["account_id"] for a in listed] == [added.data["account_id"]]
    assert "000123456789" not in json.dumps(listed)


def test_the_full_number_is_not_stored(client, token):
    client.post("/bank-accounts", ACCOUNT, token=token)
    from chalicelib.dal.bank_accounts import BankAccount

    stored = [a.to_simple_dict() for a in BankAccount.scan()]  # a test may look everywhere
    assert "000123456789" not in json.dumps(stored)
    assert stored[0]["token"].startswith("sbx_ba_")


@pytest.mark.parametrize("change, field", [
    ({"routing_number": "125000106"}, "routing_number"),
    ({"routing_number": "12500010"}, "routing_number"),
    ({"account_number": "123"}, "account_number"),
    ({"account_number": "12345678901234567890"}, "account_number"),
    ({"account_number": "12-3456"}, "account_number"),
    ({"account_type": "brokerage"}, "account_type"),
    ({"holder_name": ""}, "holder_name"),
])
def test_bad_accounts_are_refused_naming_the_field(client, token, change, field):
    response = client.post("/bank-accounts", {**ACCOUNT, **change}, token=token)
    assert response.status_code == 422 and field in response.data["error"]["fields"]
    assert client.get("/bank-accounts", token=token).data["bank_accounts"] == []


def test_an_account_is_removed_and_only_by_its_owner(client, outbox, token):
    account_id = client.post("/bank-accounts", ACCOUNT, token=token).data["account_id"]
    register(client, outbox, "other@example.com")
    other = sign_in(client, outbox, "other@example.com")
    assert client.call("DELETE", f"/bank-accounts/{account_id}", token=other).status_code == 404
    assert client.call("DELETE", f"/bank-accounts/{account_id}", token=token).status_code == 204
    assert client.get("/bank-accounts", token=token).data["bank_accounts"] == []
    assert client.call("DELETE", f"/bank-accounts/{account_id}", token=token).status_code == 404


def test_at_most_five_accounts(client, token):
    for _ in range(5):
        assert client.post("/bank-accounts", ACCOUNT, token=token).status_code == 201
    assert client.post("/bank-accounts", ACCOUNT, token=token).status_code == 409

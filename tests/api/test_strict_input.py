"""A body's JSON is taken as its schema says, not as pydantic would coerce it (found by
Schemathesis): a number is not a day, 0 is not false, "5" is not 5, and an empty body
does not switch accounts. A query's text is still read as its fields' types."""
import pytest

from tests.people import register, sign_in


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


@pytest.mark.parametrize("day", [0, 86400, "86400", "2.03e-246", "2026-02-30",
                                 "2026-03-01T00:00:00", "03/01/2026"])
def test_a_day_is_written_yyyy_mm_dd(client, token, day):
    response = client.post("/cases/forgot-number", {"ssn": "123-45-3333", "date_of_birth": day,
                                                    "zip": "99501"}, token=token)
    assert response.status_code == 422, response.data
    assert response.data["error"]["fields"] == {"date_of_birth": "Enter the date as YYYY-MM-DD."}


def test_a_day_in_a_query_too(client, token):
    assert client.get("/submissions?until=0", token=token).status_code == 422
    assert client.get("/submissions?until=2026-03-01", token=token).status_code == 200


def test_the_rule_in_spanish(client, token):
    response = client.post("/cases/forgot-number", {"ssn": "123-45-3333", "date_of_birth": 0,
                                                    "zip": "99501"}, token=token,
                           headers={"Accept-Language": "es"})
    assert response.data["error"]["fields"] == {"date_of_birth": "Escriba la fecha como AAAA-MM-DD."}


@pytest.mark.parametrize("notify", [0, 1, "true", "no"])
def test_a_yes_or_no_is_true_or_false(client, token, notify):
    response = client.call("PUT", "/me/settings", {"mail_delivery": "paper",
                                                   "notify_new_mail": notify,
                                                   "subscriptions": []}, token=token)
    assert response.status_code == 422, response.data
    assert list(response.data["error"]["fields"]) == ["notify_new_mail"]
    assert client.get("/me/settings", token=token).data["mail_delivery"] == "electronic"


def test_a_count_is_a_number_not_text(client):
    response = client.post("/tools/arrears-payment", {"arrears_balance_cents": "80000",
                                                      "months": 10})
    assert response.status_code == 422
    assert client.post("/tools/arrears-payment", {"arrears_balance_cents": 80000,
                                                  "months": 10}).status_code == 200


def test_an_empty_body_does_not_switch_accounts(client, token):
    response = client.post("/access/act-as", token=token)
    assert response.status_code == 422
    assert list(response.data["error"]["fields"]) == ["grant_id"]
    assert client.post("/access/act-as", {"grant_id": None}, token=token).status_code == 200


@pytest.mark.parametrize("field,value", [
    ("ssn", "\u0661\u0662\u0663-45-3333"),  # Arabic-Indic digits
    ("zip", "\u0669\u0669\u0665\u0660\u0661"),
    ("date_of_birth", "\u0661\u0669\u0669\u0660-07-04")])
def test_a_digit_is_0_to_9_in_any_field(client, token, field, value):
    """A pattern's \\d matches every script's digits (in Python and in pydantic's
    regular expressions alike); the API's patterns take 0-9 alone."""
    body = {"ssn": "123-45-3333", "date_of_birth": "1990-07-04", "zip": "99501", field: value}
    response = client.post("/cases/forgot-number", body, token=token)
    assert response.status_code == 422, response.data
    assert field in response.data["error"]["fields"]


def test_no_pattern_in_the_api_takes_any_scripts_digits(client):
    import json

    document = json.dumps(client.get("/openapi.json").data)
    assert "\\\\d" not in document

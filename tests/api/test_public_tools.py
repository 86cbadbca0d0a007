"""Public tools: arrears calculator, resources, office locator, benefits; throttled."""
import pytest


def test_arrears_payment_by_months_with_the_schedule(client):
    response = client.post("/tools/arrears-payment", {"arrears_balance_cents": 80000,
                                                      "months": 12})
    assert response.status_code == 200
    assert response.data["monthly_payment_cents"] == 6667
    assert len(response.data["schedule"]) == 12
    assert response.data["schedule"][-1] == {"month": 12, "payment_cents": 6663,
                                             "remaining_cents": 0}


def test_arrears_payment_by_monthly_amount(client):
    response = client.post("/tools/arrears-payment", {"arrears_balance_cents": 80000,
                                                      "monthly_payment_cents": 15000})
    assert response.data["months"] == 6 and response.data["last_payment_cents"] == 5000


@pytest.mark.parametrize("body, code", [
    ({"arrears_balance_cents": 80000}, "impossible_plan"),
    ({"arrears_balance_cents": 80000, "months": 2, "monthly_payment_cents": 100},
     "impossible_plan"),
    ({"arrears_balance_cents": 0, "months": 2}, "impossible_plan"),
    ({"arrears_balance_cents": 80000, "monthly_payment_cents": 50}, "impossible_plan"),
    ({"arrears_balance_cents": 800.5, "months": 2}, "invalid_input"),
    ({"arrears_balance_cents": -5, "months": 2}, "invalid_input"),
    ({"arrears_balance_cents": 80000, "months": 0}, "invalid_input"),
])
def test_impossible_or_bad_inputs_are_refused_clearly(client, body, code):
    response = client.post("/tools/arrears-payment", body)
    assert response.status_code == 422
    assert response.data["error"]["code"] == code


def test_resources_list_and_filter(client):
    everything = client.get("/resources").data["categories"]
    assert everything[0]["category"] == "Help with Court Filings"
    assert len(everything) == 10
    irs = client.get("/resources?q=refund").data["categories"]
    assert irs == [{"category": "IRS", "links": [{
        "name": "Where is my Refund?", "description": "Track your refund with the IRS.",
        "url": "https://www.irs.gov/refunds"}]}]
    whole = client.get("/resources?q=alaska%20trial").data["categories"]
    assert len(whole[0]["links"]) == 3
    assert client.get("/resources?q=zzzz").data == {"categories": []}


def test_the_nearest_offices_to_a_zip_code(client):
    response = client.get("/offices?zip=99502")
    assert response.status_code == 200
    offices = response.data["offices"]
    assert offices[0]["name"].endswith("Anchorage") and offices[0]["distance_miles"] < 10
    assert [o["distance_miles"] for o in offices] == sorted(o["distance_miles"] for o in offices)
    fairbanks = client.get("/offices?zip=99701&limit=1").data["offices"]
    assert fairbanks[0]["name"].endswith("Fairbanks") and fairbanks[0]["distance_miles"] < 5


def test_an_unknown_or_malformed_zip(client):
    unknown = client.get("/offices?zip=00000")
    assert unknown.status_code == 404 and unknown.data["error"]["code"] == "unknown_zip"
    assert "00000" in unknown.data["error"]["message"]
    assert client.get("/offices?zip=9950").status_code == 422
    assert client.get("/offices").status_code == 422


def test_benefits_of_registering_in_both_languages(client):
    english = client.get("/benefits").data
    spanish = client.get("/benefits?lang=es").data
    assert english["title"] == "Benefits of registering"
    assert spanish["title"] == "Beneficios de registrarse"
    assert len(english["items"]) == len(spanish["items"])


def test_public_tools_are_throttled_per_client_address(client, clock):
    statuses = [client.get("/benefits").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429
    assert client.get("/resources").status_code == 200  # each tool has its own budget

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


def test_the_arrears_chart_answers_the_monthly_catch_up_15_aac_125_545(client):
    """$50,000 adjusted annual income and $800 owed: the chart's $50 a month, paid off in
    17 months while 6% a year accrues (AS 25.27.025), its interest paid last."""
    response = client.post("/tools/arrears-chart", {"adjusted_annual_income_cents": 5000000,
                                                    "arrears_balance_cents": 80000})
    assert response.status_code == 200, response.data
    data = response.data
    assert (data["outcome"], data["monthly_payment_cents"]) == ("charted", 5000)
    assert data["citation"] == "15 AAC 125.545(a)" and data["annual_interest_percent"] == "6"
    assert data["months"] == 17 and 0 < data["interest_cents"] < 5000
    low = client.post("/tools/arrears-chart", {"adjusted_annual_income_cents": 2040000,
                                               "arrears_balance_cents": 80000}).data
    assert low["outcome"] == "income_too_low" and low["monthly_payment_cents"] is None
    assert low["months"] is None and low["income_floor_cents"] == 2040000
    assert client.post("/tools/arrears-chart", {"arrears_balance_cents": 80000}).status_code == 422


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


def test_each_office_has_a_map_link_from_its_coordinates_or_its_address(client, monkeypatch):
    office = client.get("/offices?zip=99501&limit=1").data["offices"][0]
    assert office["map_url"] == ("https://www.openstreetmap.org/search?query="
                                 "550%20W%207th%20Ave%2C%20Anchorage%2C%20AK%2099501")
    assert office["transit"] is None
    from chalicelib.services import tools

    located = {**tools.state_data("offices")["offices"][0], "lat": 61.2176, "lon": -149.8953,
               "transit": "People Mover routes 3 and 8", "transit_es": "Rutas 3 y 8"}
    shown = tools.office_in("es", located)
    assert shown["map_url"] == ("https://www.openstreetmap.org/?mlat=61.2176&mlon=-149.8953"
                                "#map=17/61.2176/-149.8953")
    assert shown["transit"] == "Rutas 3 y 8" and "lat" not in shown


def test_the_portal_says_how_to_reach_the_agency_in_the_asked_language(client):
    english = client.get("/portal").data
    assert english["contacts"][0] == {
        "purpose": "Customer Service Center: your case, payments and this portal",
        "phone": "(907) 269-6900", "hours": "Monday to Friday, 8:00 AM to 4:30 PM"}
    assert english["about"]["links"][0]["url"] == "https://childsupport.alaska.gov"
    assert [w["how"] for w in english["ways_to_pay"]] == ["From your pay", "In person",
                                                         "By phone or by mail"]
    spanish = client.get("/portal", headers={"Accept-Language": "es"}).data
    assert spanish["contacts"][0]["hours"] == "De lunes a viernes, 8:00 a. m. a 4:30 p. m."
    assert spanish["about"]["title"].startswith("Acerca de")


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


def test_support_estimate_reproduces_the_commentary_hybrid_example(client, clock):
    response = client.post("/tools/support-estimate", {
        "parent_a": {"total_income_cents": 4_000_000},
        "parent_b": {"total_income_cents": 5_000_000},
        "children_primary_with_a": 2, "children_shared": 2, "shared_percent_with_a": 70})
    assert response.status_code == 200, response.data
    data = response.data
    assert (data["custody"], data["obligor"]) == ("hybrid", "b")
    assert (data["annual_support_cents"], data["monthly_support_cents"]) == (1_521_000, 126_750)
    assert [s["amount_cents"] for s in data["steps"]] == [
        900_000, 720_000, 216_000, 900_000, 630_000, 621_000]
    assert data["guideline"] == {
        "guideline": "Alaska Civil Rule 90.3", "effective": "2023-10-16",
        "income_cap_cents": 13_800_000, "minimum_annual_cents": 60_000,
        "source": "https://courts.alaska.gov/rules/docs/civ.pdf"}


def test_support_estimate_shows_the_adjusted_income_breakdown(client, clock):
    response = client.post("/tools/support-estimate", {
        "parent_b": {"total_income_cents": 6_500_000, "income_tax_cents": 600_000,
                     "social_security_tax_cents": 403_000, "medicare_tax_cents": 94_250,
                     "voluntary_retirement_cents": 900_000},
        "children_primary_with_a": 1})
    data = response.data
    income = data["incomes"]["b"]
    retirement = next(d for d in income["deductions"] if d["name"] == "voluntary_retirement")
    assert (retirement["claimed_cents"], retirement["allowed_cents"]) == (900_000, 487_500)
    assert income["adjusted_annual_income_cents"] == 6_500_000 - 600_000 - 403_000 - 94_250 \
        - 487_500 == 4_915_250
    assert data["annual_support_cents"] == 983_050  # 20%
    assert data["monthly_support_cents"] == 81_921  # $9,830.50 / 12, to the cent
    assert data["note"].startswith("An estimate")


@pytest.mark.parametrize("body, code", [
    ({"children_primary_with_a": 1}, "estimate_refused"),
    ({"parent_b": {"total_income_cents": 100}}, "estimate_refused"),
    ({"parent_a": {"total_income_cents": 1}, "parent_b": {"total_income_cents": 1},
      "children_shared": 1, "shared_percent_with_a": 85}, "estimate_refused"),
    ({"parent_b": {"total_income_cents": 1}, "children_primary_with_a": 1,
      "as_of": "2019-01-01"}, "estimate_refused"),
    ({"parent_b": {"total_income_cents": 100.5}, "children_primary_with_a": 1},
     "invalid_input"),
    ({"parent_b": {"total_income_cents": -1}, "children_primary_with_a": 1}, "invalid_input"),
    ({"parent_b": {"total_income_cents": 1, "bonus": 1}, "children_primary_with_a": 1},
     "invalid_input"),
    ({"parent_b": {"total_income_cents": 1}, "children_primary_with_a": 21}, "invalid_input"),
    ({"parent_a": {"total_income_cents": 1}, "parent_b": {"total_income_cents": 1},
      "children_shared": 1, "shared_percent_with_a": 50.555}, "invalid_input"),
])
def test_support_estimate_refusals(client, clock, body, code):
    response = client.post("/tools/support-estimate", body)
    assert response.status_code == 422, response.data
    assert response.data["error"]["code"] == code


def test_a_client_address_is_kept_only_as_a_keyed_hash(client):
    """A plain SHA-256 of an IPv4 address is undone by hashing all four billion of them:
    the rate-limit key holds an HMAC under the stage's key instead."""
    import hashlib

    from chalicelib.dal.throttles import Throttle
    from chalicelib.services.rate_limits import address_key

    assert client.get("/offices?zip=99501").status_code in (200, 404)
    keys = [t.key for t in Throttle.scan() if t.key.startswith("rate#")]
    assert keys
    for address in ("127.0.0.1", "unknown"):
        assert not any(hashlib.sha256(address.encode()).hexdigest() in k for k in keys)
    assert any(address_key("127.0.0.1") in k or address_key("unknown") in k for k in keys)

"""What a linked parent sees, and that nobody sees a case that is not theirs."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.clock import utc_now
from chalicelib.services import case_data
from tests.cases import JANE, JOHN, case, load_demo, member, parent
from tests.people import register, sign_in

CASE_ROUTES = ["/cases/{id}", "/cases/{id}/obligation", "/cases/{id}/arrears",
               "/cases/{id}/actions", "/cases/{id}/events", "/cases/{id}/payments"]
OTHER = "77777777"


@pytest.fixture
def john(client, outbox, clock):
    load_demo()
    case_data.load([member("88888888", "ROE", "123-45-8888", "1980-01-01"),
                    case(OTHER, [("88888888", "obligor"), ("04024333", "obligee")]),
                    case("77777778", [("04025286", "obligor")], case_type="Non-IV-D")],
                   utc_now())
    return parent("john@example.com", JOHN)


def test_the_summary_shows_the_alaska_card(client, john):
    summary = client.get("/summary", token=john).data
    assert summary["member"]["name"] == "JOHN DOE"
    assert summary["member"]["mailing_address"]["zip"] == "99501-3571"
    assert summary["member"]["notice"].startswith("You are required to keep your address")
    obligation = summary["obligation_summary"][0]
    assert obligation["message"] == "Monthly obligation of $0.00 has been met."
    assert obligation["arrears"]["display"] == "$800.00"
    assert obligation["total_balance"]["display"] == "$800.00"
    assert summary["account_details"] == {"active_cases": 1, "payment_method": "Self Paid",
                                          "receives_by": None, "deposit_last4": None}
    assert summary["fee_accounts"][0]["account"] == "004025286-003-001"
    assert [c["case_id"] for c in summary["cases"]] == ["000020108"]  # not the Non-IV-D one


@pytest.mark.parametrize("route", CASE_ROUTES)
def test_every_case_route_is_404_for_a_case_that_is_not_mine(client, john, route):
    for case_id in (OTHER, "77777778", "000000000", "nonsense"):
        response = client.get(route.format(id=case_id), token=john)
        assert response.status_code == 404, (route, case_id)
        assert response.data["error"]["code"] == "case_not_found"
    assert client.get(route.format(id="000020108"), token=john).status_code == 200


@pytest.mark.parametrize("route", CASE_ROUTES + ["/summary", "/cases", "/action-center"])
def test_case_routes_need_a_session(client, route):
    assert client.get(route.format(id="000020108")).status_code == 401


def test_an_unlinked_logon_is_told_to_find_its_case(client, outbox, clock):
    register(client, outbox, "new@example.com")
    token = sign_in(client, outbox, "new@example.com")
    assert client.get("/summary", token=token).data["linked"] is False
    assert client.get("/cases", token=token).data == {"cases": []}
    assert client.get("/cases/000020108", token=token).status_code == 404
    items = client.get("/action-center", token=token).data["items"]
    assert items[0]["kind"] == "link_case"


def test_an_obligee_sees_support_received(client, outbox, john):
    case_data.load([{"type": "ledger", "case_id": OTHER, "entry_id": "c1",
                     "on": utc_now().date().isoformat(), "kind": "charge",
                     "amount_cents": 50000, "description": "Current support"},
                    {"type": "ledger", "case_id": OTHER, "entry_id": "p1",
                     "on": utc_now().date().isoformat(), "kind": "payment",
                     "amount_cents": 20000, "description": "Payment"}], utc_now())
    jane = parent("jane@example.com", JANE)
    summary = client.get("/summary", token=jane).data
    obligee = summary["obligation_summary"][0]
    assert obligee["role"] == "obligee"
    assert obligee["received_this_month"]["cents"] == 20000
    assert obligee["obligation_met"] is False
    assert {c["case_id"] for c in summary["cases"]} == {"000020108", OTHER}


def test_case_detail_obligation_arrears_and_payments(client, john):
    detail = client.get("/cases/000020108", token=john).data
    assert detail["custody"].startswith("Primary physical custody")
    assert [o["monthly_support"]["cents"] for o in detail["order_history"]] == [40000, 0]
    obligation = client.get("/cases/000020108/obligation", token=john).data
    assert obligation["due_day"] == 1 and obligation["obligation_met"] is True
    assert obligation["next_due_date"] == "2026-04-01"  # the clock is 2026-03-02
    arrears = client.get("/cases/000020108/arrears", token=john).data
    assert [p["period"] for p in arrears["periods"]] == ["2025-04", "2025-05"]
    payments = client.get("/cases/000020108/payments", token=john).data
    assert payments["last_payment"]["on"] == "2025-06-15"
    assert len(payments["payments"]) == 4


def test_the_ten_most_recent_actions_then_the_next_page(client, john):
    case_data.load([{"type": "action", "case_id": "000020108", "action_id": f"n{i}",
                     "on": f"2026-01-{i + 1:02d}", "description": f"Action {i}"}
                    for i in range(12)], utc_now())
    first = client.get("/cases/000020108/actions", token=john).data
    assert len(first["actions"]) == 10
    assert first["actions"][0]["description"] == "Action 11"
    rest = client.get(f"/cases/000020108/actions?cursor={first['next_cursor']}", token=john)
    assert len(rest.data["actions"]) == 6  # 2 more of these and the 4 demo actions
    foreign = client.get(f"/cases/{OTHER}/actions?cursor={first['next_cursor']}", token=john)
    assert foreign.status_code == 404
    bad = client.get("/cases/000020108/actions?cursor=abc", token=john)
    assert bad.status_code == 422


def test_only_upcoming_court_dates_and_appointments_are_listed(client, john):
    now = utc_now()
    case_data.load([{"type": "event", "case_id": "000020108", "event_id": "past",
                     "at": (now - timedelta(days=1)).isoformat(), "kind": "appointment",
                     "description": "Past appointment"},
                    {"type": "event", "case_id": "000020108", "event_id": "soon",
                     "at": (now + timedelta(days=3)).isoformat(), "kind": "court_date",
                     "description": "Hearing", "location": "Courtroom 401"}], utc_now())
    events = client.get("/cases/000020108/events", token=john).data["events"]
    assert [(e["event_id"], e["description"]) for e in events] == [("soon", "Hearing")]
    items = client.get("/action-center", token=john).data["items"]
    assert [i["kind"] for i in items] == ["balance_due", "court_date"]
    # the hearing's time, not a day to do it "by"; its link leads to it on the case page
    hearing = items[1]
    assert hearing["due"] is None and hearing["at"] == events[0]["at"]
    assert hearing["link"] == "/cases/000020108/events#soon"


def test_the_portal_names_the_time_zone_its_times_are_shown_in(client):
    assert client.get("/portal").data["agency_timezone"] == "America/Anchorage"


def test_the_summary_costs_four_requests_for_a_member_with_five_cases(client, outbox, clock):
    from tests.bench.requests import measure

    records = [member("12121212", "ROE", "123-45-1212", "1980-01-01")]
    records += [case(f"1212120{i}", [("12121212", "obligor")]) for i in range(5)]
    case_data.load(records, utc_now())
    token = parent("roe@example.com", {
        "member_id": "12121212", "last_name": "ROE", "ssn": "123-45-1212",
        "date_of_birth": "1980-01-01"})
    response, calls = measure(lambda: client.get("/summary", token=token))
    assert len(response.data["cases"]) == 5
    assert sum(calls.values()) <= 4, dict(calls)
    assert datetime.now(timezone.utc)  # the clock fixture is active


def test_a_credit_on_one_case_is_not_taken_off_another_cases_debt(client, outbox, clock):
    """Balances are per case (issue #23): $500 paid beyond what case 1 owes and $1,500 owed
    on case 2 is $1,500 owed and a $500 credit, not a total of $1,000."""
    load_demo()
    ledger = [
        {"type": "ledger", "case_id": "000050001", "entry_id": "c1", "on": "2026-02-01",
         "kind": "charge", "amount_cents": 100000, "description": "Current support"},
        {"type": "ledger", "case_id": "000050001", "entry_id": "p1", "on": "2026-02-10",
         "kind": "payment", "amount_cents": 150000, "description": "Check",
         "source": "check"},
        {"type": "ledger", "case_id": "000050002", "entry_id": "c2", "on": "2026-01-01",
         "kind": "charge", "amount_cents": 150000, "description": "Current support"}]
    loaded = case_data.load([
        member("05000001", "ROE", "123-45-5001", "1980-01-01"),
        case("000050001", [("05000001", "obligor")], obligation={
            "monthly_support_cents": 100000, "due_day": 1, "start": "2026-02-01",
            "end": "2026-02-28"}),
        case("000050002", [("05000001", "obligor")], obligation={
            "monthly_support_cents": 150000, "due_day": 1, "start": "2026-01-01",
            "end": "2026-01-31"}), *ledger], utc_now())
    assert all(r.status != "error" for r in loaded), loaded
    token = parent("roe@example.com", {"member_id": "05000001", "last_name": "ROE",
                                      "ssn": "123-45-5001", "date_of_birth": "1980-01-01"})
    obligation = client.get("/summary", token=token).data["obligation_summary"][0]
    assert obligation["total_balance"]["cents"] == 150000
    assert obligation["credit"]["cents"] == 50000
    assert obligation["arrears"]["cents"] == 150000


def test_a_former_assistance_case_says_what_is_owed_to_the_state_42_usc_657(client, outbox):
    """The demo's former-assistance case: October 2025's support fell due during
    assistance, so it is assigned to the state (42 U.S.C. 608(a)(3)); both parents read
    that it is owed to the state, and the Summary splits the total the same way."""
    from tests.cases import load_demo, parent

    load_demo()
    payer = parent("rivera@example.com", {"member_id": "04030001", "last_name": "RIVERA",
                                          "ssn": "123-45-5555", "date_of_birth": "1985-03-12"})
    arrears = client.get("/cases/000030005/arrears", token=payer).data
    assert (arrears["owed_to_family"]["cents"], arrears["owed_to_state"]["cents"]) == (0, 35000)
    owed = client.get("/summary", token=payer).data["obligation_summary"][0]
    assert owed["owed_to_state"]["cents"] == 35000 and owed["credit_rule"] == "applied"

"""Payments the agency receives outside the portal, recorded with the same distribution."""
import pytest

from tests.cases import JOHN, load_demo, parent, staff_token

CASE = "000020108"


@pytest.fixture
def people(client, outbox, clock):
    load_demo()
    return parent("john@example.com", JOHN), staff_token(client, outbox)


def record(client, token, amount=25000, reference="IW-2026-0301-17", on="2026-03-01",
           source="income_withholding", case=CASE):
    return client.post(f"/agency/cases/{case}/payments", {
        "amount_cents": amount, "received_on": on, "source": source, "reference": reference},
        token=token)


def total(client, token):
    return client.get("/summary", token=token).data["obligation_summary"][0]["total_balance"][
        "cents"]


def test_withholding_is_distributed_to_the_oldest_arrears_and_lowers_the_balance(client, people):
    john, staff = people
    before = total(client, john)
    response = record(client, staff)
    assert response.status_code == 201, response.data
    data = response.data
    assert data["created"] is True and data["description"] == "Income withholding payment"
    periods = [a["period"] for a in data["distribution"]]
    assert periods == sorted(periods) and periods[0] == "2025-04"
    assert sum(a["amount_cents"] for a in data["distribution"]) == 25000
    assert data["credit_cents"] == 0
    assert total(client, john) == before - 25000
    seen = client.get(f"/cases/{CASE}/payments", token=john).data
    assert seen["last_payment"] == {"on": "2026-03-01", "amount": {"cents": 25000,
                                                                   "display": "$250.00"},
                                    "description": "Income withholding payment",
                                    "source": "income_withholding",
                                    "distribution": data["distribution"],
                                    "credit_cents": None, "returned": False}
    assert {a["applied_to"] for a in data["distribution"]} == {"arrears"}


def test_recording_the_same_reference_again_changes_nothing(client, people):
    john, staff = people
    record(client, staff)
    after_first = total(client, john)
    again = record(client, staff)
    assert again.status_code == 200 and again.data["created"] is False
    assert total(client, john) == after_first
    other = record(client, staff, amount=30000)
    assert other.status_code == 409 and other.data["error"]["code"] == "reference_reused"
    assert total(client, john) == after_first


def test_an_overpayment_leaves_a_credit(client, people):
    john, staff = people
    owed = total(client, john)
    data = record(client, staff, amount=owed + 5000, source="check", reference="CHK-5512").data
    assert data["credit_cents"] == 5000 and data["description"] == "Check payment"
    # nothing owed, and the credit shown apart (issue #23: never a negative total)
    obligation = client.get("/summary", token=john).data["obligation_summary"][0]
    assert (obligation["total_balance"]["cents"], obligation["credit"]["cents"]) == (0, 5000)


@pytest.mark.parametrize("change, status, code", [
    ({"case": "999999999"}, 404, "case_not_found"),
    ({"on": "2026-03-03"}, 422, "invalid_date"),
    ({"amount": 0}, 422, "invalid_input"),
    ({"amount": 12.5}, 422, "invalid_input"),
    ({"source": "bitcoin"}, 422, "invalid_input"),
    ({"reference": "no spaces"}, 422, "invalid_input"),
])
def test_refusals(client, people, change, status, code):
    _, staff = people
    response = record(client, staff, **change)
    assert response.status_code == status, response.data
    assert response.data["error"]["code"] == code


def test_only_staff_may_record(client, people):
    john, _ = people
    response = record(client, john)
    assert response.status_code == 403 and response.data["error"]["code"] == "staff_only"


def test_concurrent_postings_to_one_case_all_land_once(client, people, atomic_dynamodb):
    from concurrent.futures import ThreadPoolExecutor

    john, staff = people
    before = total(client, john)
    references = [f"IW-{n}" for n in range(4)] * 2  # each twice, at the same time
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda r: record(client, staff, amount=1000,
                                                  reference=r).status_code, references))
    assert sorted(statuses) == [200] * 4 + [201] * 4 or statuses.count(503) == 0
    assert 503 not in statuses and statuses.count(201) == 4
    assert total(client, john) == before - 4000


def test_throttling_during_the_transaction_is_retried(client, people, busy_dynamodb):
    john, staff = people
    before = total(client, john)
    state = busy_dynamodb(2)
    response = record(client, staff)
    assert response.status_code == 201 and state["calls"] == 3
    assert total(client, john) == before - 25000


def test_throttling_that_lasts_is_a_clean_503_with_nothing_written(client, people,
                                                                    busy_dynamodb):
    john, staff = people
    before = total(client, john)
    busy_dynamodb(None)
    response = record(client, staff)
    assert response.status_code == 503, response.data
    assert response.data["error"]["code"] == "unavailable"
    busy_dynamodb(0)
    assert total(client, john) == before
    assert client.get(f"/cases/{CASE}/payments", token=john).data["last_payment"] is None \
        or client.get(f"/cases/{CASE}/payments", token=john).data["last_payment"]["description"] \
        != "Income withholding payment"
    assert record(client, staff).status_code == 201  # the same request later lands once
    assert total(client, john) == before - 25000


# -- one payment for all of an obligor's cases --------------------------------------------

def test_withholding_for_an_obligor_with_three_cases_is_prorated_45_cfr_303_100(client, people):
    """An employer's $700 for John, who pays on three cases: March's current support of
    each ($500, $300, $200 on the two new cases: none on the demo case) comes first, pro
    rata by current amount when it does not cover them all; what is left pays the oldest
    arrears of any case. All parts are written together; the same reference again
    changes nothing."""
    from chalicelib.clock import utc_now
    from chalicelib.services import case_data
    from tests.cases import case

    john, staff = people
    member = JOHN["member_id"]
    records = []
    for case_id, monthly in (("777000201", 50000), ("777000202", 30000)):
        records += [case(case_id, [(member, "obligor")], monthly=monthly),
                    {"type": "ledger", "case_id": case_id, "entry_id": "chg-2026-03",
                     "on": "2026-03-01", "kind": "charge", "amount_cents": monthly,
                     "description": "Monthly support"}]
    assert all(r.status != "error" for r in case_data.load(records, utc_now()))
    body = {"amount_cents": 70000, "received_on": "2026-03-01", "source": "income_withholding",
            "reference": "IW-EMPLOYER-0301"}
    response = client.post(f"/agency/members/{member}/payments", body, token=staff)
    assert response.status_code == 201, response.data
    parts = {p["case_id"]: p["amount_cents"] for p in response.data["parts"]}
    assert parts == {"777000201": 43750, "777000202": 26250}  # $700 of $800, 5:3
    again = client.post(f"/agency/members/{member}/payments", body, token=staff)
    assert again.status_code == 200 and again.data["created"] is False
    assert {p["case_id"]: p["amount_cents"] for p in again.data["parts"]} == parts
    more = client.post(f"/agency/members/{member}/payments",
                       {**body, "amount_cents": 50000, "reference": "IW-EMPLOYER-0315"},
                       token=staff).data
    split = {p["case_id"]: p["amount_cents"] for p in more["parts"]}
    # the rest of March ($62.50 + $37.50), then the demo case's oldest arrears (April 2025)
    assert split == {"777000201": 6250, "777000202": 3750, CASE: 40000}
    assert client.post("/agency/members/99999999/payments", body,
                       token=staff).data["error"]["code"] == "no_paying_case"

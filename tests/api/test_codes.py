"""Redeem Code: a single-use code from the agency links a logon or opens a pre-filled
request; reused, expired and another member's codes are refused."""

import pytest

from tests.cases import JANE, parent, staff_token
from tests.people import register, sign_in

CHANGE = {"change": "income_decrease", "changed_on": "2026-01-15",
          "explanation": "Reported by the employer."}


@pytest.fixture
def staff(client, outbox, john):
    return staff_token(client, outbox)


def issue(client, staff, member="04025286", **change):
    body = {"request_type": "order_modification", "case_id": "000020108",
            "answers": {"change": CHANGE}, **change}
    return client.post(f"/agency/members/{member}/request-codes", body, token=staff)


def redeem(client, token, code):
    return client.post("/codes/redeem", {"code": code}, token=token)


def kinds(client, token):
    return [i["kind"] for i in client.get("/action-center", token=token).data["items"]]


def test_a_code_opens_the_request_filled_in_ahead(client, john, staff):
    made = issue(client, staff)
    assert made.status_code == 201, made.data
    assert "code_waiting" in kinds(client, john)
    opened = redeem(client, john, made.data["code"])
    assert opened.status_code == 201, opened.data
    draft = opened.data["submission"]
    assert opened.data["opened"] == "submission" and draft["type"] == "order_modification"
    assert draft["case_id"] == "000020108" and draft["status"] == "draft"
    steps = {s["id"]: s for s in draft["steps"]}
    assert steps["change"]["answers"]["change"] == "income_decrease"
    assert steps["about"]["complete"] is False  # the parent still confirms the rest
    assert "code_waiting" not in kinds(client, john)
    again = redeem(client, john, made.data["code"])
    assert again.status_code == 422 and again.data["error"]["code"] == "code_invalid"


def test_an_expired_code_is_refused(client, outbox, john, staff, clock):
    from tests.api.test_payments import days_later

    code = issue(client, staff, days_valid=3).data["code"]
    john = days_later(client, outbox, clock, 4)
    assert redeem(client, john, code).status_code == 422
    assert "code_waiting" not in kinds(client, john)


def test_another_members_code_opens_nothing(client, outbox, john, staff):
    code = issue(client, staff).data["code"]
    jane = parent("jane@example.com", JANE)
    assert redeem(client, jane, code).status_code == 422
    assert redeem(client, john, code).status_code == 201  # still good for its member


def test_before_linking_a_code_links_the_logon(client, outbox, staff):
    letter = client.post("/agency/members/04024333/redeem-codes", token=staff).data["code"]
    register(client, outbox, "jane@example.com")
    jane = sign_in(client, outbox, "jane@example.com")
    linked = redeem(client, jane, letter)
    assert linked.status_code == 201, linked.data
    assert linked.data["opened"] == "association"
    assert linked.data["association"]["member_id"] == "04024333"


@pytest.mark.parametrize("change,status", [
    ({"answers": {"change": {**CHANGE, "change": "won the lottery"}}}, 422),
    ({"answers": {"nope": {}}}, 422),
    ({"case_id": "999999999"}, 422),
    ({"request_type": "hardship_withholding", "member": "04024333",
      "answers": {}}, 403),  # Jane receives support on the case
    ({"request_type": "no_such_type"}, 404),
    ({"member": "99999999"}, 404),
])
def test_staff_codes_are_checked(client, john, staff, change, status):
    response = issue(client, staff, **change)
    assert response.status_code == status, response.data


def test_parents_cannot_issue_codes(client, john):
    assert issue(client, john).status_code == 403


def test_expired_request_codes_are_deleted_by_the_clean_up_job(client, john, staff):
    from datetime import datetime, timedelta, timezone

    from chalicelib import jobs
    from chalicelib.dal import agency

    issue(client, staff, days_valid=3)
    t0 = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)
    codes = lambda: [i for i in agency.member_partition("04025286")  # noqa: E731
                     if i.item.startswith("CODE#")]
    assert len(codes()) == 1
    jobs.run("expire_tokens", t0 + timedelta(days=9))  # 3 days valid, then a week's grace
    assert len(codes()) == 1
    jobs.run("expire_tokens", t0 + timedelta(days=10, hours=17))
    assert codes() == []

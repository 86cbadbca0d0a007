"""Automatic payments: set up, refused, run once a month through the payment service,
stopped; Remove payment channels."""
from datetime import date

import pytest

from chalicelib.clock import utc_now
from chalicelib.dal import autopay as store
from chalicelib.services import autopay, case_data
from tests.api.test_payments import add_account, days_later
from tests.cases import JANE, JOHN, case, parent

CASE = "000020108"


def set_up(client, token, account, **change):
    body = {"case_id": CASE, "bank_account_id": account, "amount_cents": 15000,
            "day_of_month": 5, "start": "2026-03-05", **change}
    return client.post("/autopay", {k: v for k, v in body.items() if v is not None},
                       token=token)


def test_set_up_list_and_confirm_by_email(client, outbox, john):
    account = add_account(client, john)
    made = set_up(client, john, account)
    assert made.status_code == 201, made.data
    assert made.data["status"] == "active" and made.data["bank_account_last4"] == "6789"
    assert made.data["pays_monthly_obligation"] is False
    mail = outbox.last("john@example.com")
    assert mail.subject == "Your child support payment settings changed"
    assert "$150.00 on day 5 of each month" in mail.body
    listed = client.get("/autopay", token=john).data["schedules"]
    assert [s["schedule_id"] for s in listed] == [made.data["schedule_id"]]
    again = set_up(client, john, account)
    assert again.status_code == 409 and again.data["error"]["code"] == "autopay_exists"
    used = client.call("DELETE", f"/bank-accounts/{account}", token=john)
    assert used.status_code == 409 and used.data["error"]["code"] == "bank_account_in_use"


@pytest.mark.parametrize("change, status, field", [
    ({"start": "2026-03-01"}, 422, "start"),
    ({"end": "2026-03-04"}, 422, "end"),
    ({"day_of_month": 29}, 422, None),
    ({"amount_cents": 99}, 422, None),
    ({"amount_cents": 150.5}, 422, None),
    ({"bank_account_id": "0123456789abcdef"}, 404, None),
    ({"case_id": "77777777"}, 404, None),
])
def test_refusals(client, john, change, status, field):
    account = add_account(client, john)
    response = set_up(client, john, account, **change)
    assert response.status_code == status, response.data
    if field:
        assert field in response.data["error"]["fields"]


def test_only_the_obligor_and_only_with_their_own_account(client, outbox, john):
    jane = parent("jane@example.com", JANE)
    janes = add_account(client, jane)
    assert set_up(client, jane, janes).data["error"]["code"] == "not_the_obligor"
    assert set_up(client, john, janes).status_code == 404
    made = set_up(client, john, add_account(client, john)).data
    stop = client.call("DELETE", f"/autopay/{made['schedule_id']}", token=jane)
    assert stop.status_code == 404
    assert client.get("/autopay", token=jane).data["schedules"] == []


def test_the_monthly_obligation_needs_a_case_with_one(client, john):
    response = set_up(client, john, add_account(client, john), amount_cents=None)
    assert response.status_code == 422 and "amount_cents" in response.data["error"]["fields"]


def test_a_run_pays_the_month_once_and_only_on_its_day(client, outbox, john, clock):
    case_data.load([case("000030001", [(JOHN["member_id"], "obligor")], monthly=42500)],
                   utc_now())
    account = add_account(client, john)
    made = set_up(client, john, account, case_id="000030001", amount_cents=None,
                  end="2026-04-30").data
    assert made["pays_monthly_obligation"] is True and made["amount_cents"] is None
    schedule = store.due_on_day(5)[0][0]  # as the job finds it
    assert schedule.schedule_id == made["schedule_id"]
    assert autopay.run(schedule, date(2026, 3, 4), utc_now()) is None  # not its day
    first = autopay.run(schedule, date(2026, 3, 5), utc_now())
    again = autopay.run(schedule, date(2026, 3, 5), utc_now())  # a retried run
    assert first.payment_id == again.payment_id
    assert first.amount_cents == 42500  # the case's monthly obligation
    john = days_later(client, outbox, clock, 3)
    payments = client.get("/payments", token=john).data["payments"]
    assert len(payments) == 1
    april = autopay.run(schedule, date(2026, 4, 5), utc_now())
    assert april.payment_id != first.payment_id
    assert autopay.run(schedule, date(2026, 5, 5), utc_now()) is None  # after its end


def test_stopped_schedules_leave_the_run_day_index(client, john):
    account = add_account(client, john)
    made = set_up(client, john, account).data
    due, _ = store.due_on_day(5)
    assert [s.schedule_id for s in due] == [made["schedule_id"]]
    assert client.call("DELETE", f"/autopay/{made['schedule_id']}", token=john).status_code == 204
    assert store.due_on_day(5)[0] == []
    listed = client.get("/autopay", token=john).data["schedules"]
    assert listed[0]["status"] == "cancelled" and listed[0]["cancelled_at"]
    assert client.call("DELETE", f"/autopay/{made['schedule_id']}", token=john).status_code == 204


def test_remove_payment_channels(client, outbox, john):
    first = add_account(client, john)
    add_account(client, john, number="000987654321")
    set_up(client, john, first)
    response = client.call("DELETE", "/payment-channels", token=john)
    assert response.status_code == 200
    assert response.data == {"bank_accounts_removed": 2, "automatic_payments_stopped": 1}
    assert client.get("/bank-accounts", token=john).data["bank_accounts"] == []
    assert client.get("/autopay", token=john).data["schedules"][0]["status"] == "cancelled"
    assert "were removed" in outbox.last("john@example.com").body
    again = client.call("DELETE", "/payment-channels", token=john).data
    assert again == {"bank_accounts_removed": 0, "automatic_payments_stopped": 0}


def change(client, token, schedule_id, account, **changes):
    body = {"bank_account_id": account, "amount_cents": 20000, "day_of_month": 20,
            "start": "2026-03-05", **changes}
    return client.call("PUT", f"/autopay/{schedule_id}",
                       {k: v for k, v in body.items() if v is not None}, token=token)


def test_changing_a_schedule_moves_it_to_its_new_day(client, outbox, john):
    first = add_account(client, john)
    made = set_up(client, john, first).data
    other = add_account(client, john, number="000987654321")
    changed = change(client, john, made["schedule_id"], other)
    assert changed.status_code == 200, changed.data
    assert changed.data["day_of_month"] == 20 and changed.data["amount_cents"] == 20000
    assert changed.data["bank_account_last4"] == "4321"
    assert store.due_on_day(5)[0] == []
    assert [s.schedule_id for s in store.due_on_day(20)[0]] == [made["schedule_id"]]
    told = outbox.last("john@example.com")
    assert "were changed on case 000020108: $200.00 on day 20" in told.body
    # the first account is free to remove now
    assert client.call("DELETE", f"/bank-accounts/{first}", token=john).status_code == 204


def test_a_month_already_paid_is_not_paid_again_when_the_day_moves(client, john, clock):
    account = add_account(client, john)
    made = set_up(client, john, account).data
    paid = autopay.run(store.due_on_day(5)[0][0], date(2026, 3, 5), utc_now())
    change(client, john, made["schedule_id"], account)
    again = autopay.run(store.due_on_day(20)[0][0], date(2026, 3, 20), utc_now())
    assert again.payment_id == paid.payment_id


def test_changes_are_checked_like_a_new_schedule(client, outbox, john):
    account = add_account(client, john)
    made = set_up(client, john, account).data
    sid = made["schedule_id"]
    assert change(client, john, sid, account, start="2026-03-01").status_code == 422
    assert change(client, john, sid, account, end="2026-03-01").status_code == 422
    assert change(client, john, sid, account, amount_cents=None).status_code == 422
    assert change(client, john, sid, "nope").status_code == 404
    assert change(client, john, sid, account, day_of_month=29).status_code == 422
    jane = parent("jane@example.com", JANE)
    assert change(client, jane, sid, account).status_code == 404
    client.call("DELETE", f"/autopay/{sid}", token=john)
    stopped = change(client, john, sid, account)
    assert stopped.status_code == 404 and stopped.data["error"]["code"] == "autopay_not_found"
    assert store.due_on_day(20)[0] == []


def test_deleting_the_profile_stops_its_automatic_payments_and_removes_its_accounts(
        client, outbox, john):
    """Issue #24: nothing that pays for a logon outlives it (its saved account tokens,
    its schedules), and the parent gets one notice, the deletion's."""
    from chalicelib.dal import bank_accounts, users
    from chalicelib.domain.contact import email_key

    user_id = users.find_by_email(email_key("john@example.com")).user_id
    account = add_account(client, john)
    assert set_up(client, john, account).status_code == 201
    challenge = client.post("/me/delete/email-code", token=john).data["challenge_id"]
    before = len(outbox.messages("john@example.com"))
    deleted = client.post("/me/delete", {"password": "Correct-Horse-Battery-9",
                                         "method": "email", "challenge_id": challenge,
                                         "code": outbox.code("john@example.com")}, token=john)
    assert deleted.status_code == 204, deleted.data
    assert bank_accounts.of_user(user_id) == []
    assert [s.status for s in store.of_user(user_id)] == ["cancelled"]
    told = outbox.messages("john@example.com")[before:]
    assert [m.subject for m in told] == [told[-1].subject] and "deleted" in told[-1].body
    # the day comes: nothing is charged
    assert not [s for s in store.of_user(user_id) if autopay.runs_on(s, date(2026, 3, 5))]

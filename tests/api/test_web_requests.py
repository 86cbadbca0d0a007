"""Web requests ("I Want To..."): every type drafted, saved, reviewed, submitted, found and
printed; the agency works them; refusals for the wrong owner, role, state and input."""
import re

import pytest

from chalicelib.dal import agency
from tests.api.test_payments import add_account
from tests.cases import JANE, parent, staff_token

CASE = "000020108"
ADDRESS = {"line1": "1 Main St", "city": "Juneau", "state": "AK", "zip": "99801"}
YOU = {"first_name": "John", "last_name": "Doe", "email": "john@example.com",
       "mailing_address": ADDRESS}
CHILD = {"first_name": "Baby", "last_name": "Doe", "date_of_birth": "2020-05-01"}
PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
# Valid answers for each type's own steps: (the case it needs or None, {step: answers})
SAMPLES = {
    "apply_for_services": (None, {
        "applicant": {"applying_as": "custodial_parent", "services": ["establish_order"],
                      "receives_public_assistance": False, "existing_order": False},
        "other_parent": {"first_name": "Pat", "last_name": "Roe",
                         "paternity_established": "unknown"},
        "children": {"children": [CHILD]}}),
    "close_case": (CASE, {"reason": {"reason": "other", "explanation": "We agreed."}}),
    "nondisclosure": (CASE, {"risk": {"at_risk": ["me"], "risk_from": "other_party",
                                      "protective_order": True, "statement": "Threats."}}),
    "add_children": (CASE, {"children": {"children": [CHILD],
                                         "relationship": "born_to_both_parents"}}),
    "order_modification": (CASE, {"change": {"change": "income_decrease",
                                             "changed_on": "2026-01-15",
                                             "explanation": "Laid off.",
                                             "current_annual_income_cents": 2400000}}),
    "hardship_withholding": (CASE, {"hardship": {
        "employer": "Northern Lights Construction", "monthly_net_income_cents": 250000,
        "monthly_expenses_cents": 240000, "requested_monthly_withholding_cents": 20000,
        "hardship": "Medical bills."}}),
    "remove_payment_channels": (None, {"confirm": {"confirm": True}}),
    "cfec_permit_transfer": (CASE, {"permit": {"permit_number": "S03T-12345",
                                               "transferee_name": "Sam Fisher",
                                               "transfer_kind": "permanent",
                                               "reason": "Retiring."}}),
    "settle_state_debt": (CASE, {"offer": {"offer_cents": 50000, "payment_source": "savings",
                                           "explanation": "Lump sum."}}),
    "request_credit": (CASE, {"credit": {"credit_type": "direct_payment_to_obligee",
                                         "period": PERIOD, "amount_cents": 30000,
                                         "explanation": "Paid Jane directly."}}),
    "medical_credit": (CASE, {"expense": {"provider": "Clinic", "service_date": "2025-09-01",
                                          "amount_paid_cents": 12000,
                                          "child_names": ["Baby Doe"]}}),
    "cib_credit": (CASE, {"benefit": {"benefit_type": "social_security_disability",
                                      "benefits_start": "2025-01-01",
                                      "monthly_benefit_cents": 40000,
                                      "child_names": ["Baby Doe"]}}),
    "change_of_address": (None, {"address": {"mailing_address": ADDRESS,
                                             "effective": "2026-03-01"}}),
    "employment_information": (CASE, {"employment": {
        "employer": "Fish Co", "employer_address": ADDRESS, "started": "2026-02-01",
        "hours_per_week": 40, "gross_pay_cents": 200000, "pay_frequency": "every_two_weeks",
        "health_insurance_available": True}}),
    "payment_authorization": (CASE, {"authorization": {
        "bank_account_id": "acct", "amount_cents": 15000, "day_of_month": 5,
        "authorize": True}}),
    "request_statement": (CASE, {"statement": {"kind": "detailed", "period": PERIOD,
                                               "delivery": "electronic"}}),
}


def start(client, token, type_id, case_id=None):
    body = {"type": type_id, **({"case_id": case_id} if case_id else {})}
    return client.post("/submissions", body, token=token)


def save(client, token, sid, step, answers):
    return client.call("PUT", f"/submissions/{sid}/steps/{step}", {"answers": answers},
                       token=token)


def fill(client, token, type_id, **own):
    """A draft of the type with every step saved; returns its id."""
    case_id, steps = SAMPLES[type_id]
    made = start(client, token, type_id, case_id)
    assert made.status_code == 201, made.data
    sid = made.data["submission_id"]
    for step, answers in {"about": {"understood": True}, "your_information": YOU, **steps,
                          **own}.items():
        saved = save(client, token, sid, step, answers)
        assert saved.status_code == 200, (step, saved.data)
    return sid


def submit(client, token, sid):
    return client.post(f"/submissions/{sid}/submit", token=token)


def test_what_a_parent_cannot_ask_for_says_why(client, outbox, john):
    from tests.cases import JANE, parent

    jane = parent("jane@example.com", JANE)
    types = {t["id"]: t for t in client.get("/request-types", token=jane).data["request_types"]}
    assert types["hardship_withholding"]["available"] is False
    assert types["hardship_withholding"]["why_unavailable"] == "paying_parent_only"
    nobody = parent("nobody@example.com")
    types = {t["id"]: t for t in client.get("/request-types", token=nobody).data["request_types"]}
    assert types["close_case"]["why_unavailable"] == "not_linked"
    assert types["apply_for_services"]["available"] is True


def test_the_catalog_lists_every_type_with_its_steps_and_who_may_file(client, john):
    types = {t["id"]: t for t in client.get("/request-types", token=john).data["request_types"]}
    assert set(types) == set(SAMPLES)
    assert types["hardship_withholding"]["available"] is True
    assert types["hardship_withholding"]["cases"] == [CASE]
    assert types["close_case"]["group"] == "My case"
    assert types["remove_payment_channels"]["processed_immediately"] is True
    # plain names by what a person wants, the agency's form names kept for staff
    assert {t["group"] for t in types.values()} == {"Payments", "My case", "My information"}
    channels = types["remove_payment_channels"]
    assert channels["title"] == "Remove My Bank Accounts and Stop Automatic Payments"
    assert channels["formal_title"] == "Remove Payment Channels"
    assert types["close_case"]["why_unavailable"] is None
    assert types["close_case"]["formal_title"] is None  # its plain name is the form's
    steps = types["close_case"]["steps"]
    assert [s["id"] for s in steps] == ["about", "your_information", "reason"]
    assert "no_longer_want_services" in str(steps[2]["fields_schema"])


def test_the_receiving_parent_is_not_offered_obligor_requests(client, outbox, john):
    jane = parent("jane@example.com", JANE)
    types = {t["id"]: t for t in client.get("/request-types", token=jane).data["request_types"]}
    assert types["hardship_withholding"]["available"] is False
    assert types["close_case"]["cases"] == [CASE]
    refused = start(client, jane, "hardship_withholding", CASE)
    assert refused.status_code == 403 and refused.data["error"]["code"] == "not_eligible"


@pytest.mark.parametrize("type_id", sorted(SAMPLES))
def test_every_type_is_drafted_saved_reviewed_submitted_found_and_printed(
        client, outbox, john, type_id):
    own = {}
    if type_id == "payment_authorization":
        own = {"authorization": {**SAMPLES[type_id][1]["authorization"],
                                 "bank_account_id": add_account(client, john)}}
    sid = fill(client, john, type_id, **own)
    review = client.get(f"/submissions/{sid}", token=john).data
    assert review["ready_to_submit"] is True and all(s["complete"] for s in review["steps"])
    done = submit(client, john, sid)
    assert done.status_code == 200, done.data
    number = done.data["confirmation_number"]
    assert re.fullmatch(r"\d-\d{3}-\d{3}-\d{3}", number)
    assert done.data["submitted_by_logon"] == "john@example.com"
    assert done.data["status"] == ("approved" if type_id in ("remove_payment_channels",
                                                         "change_of_address")
                                   else "submitted")
    email = outbox.last("john@example.com")
    assert number in email.body and "john@example.com" in email.body
    found = client.get("/submissions", token=john, query={"confirmation_number": number})
    assert found.status_code == 200, found.data
    found = found.data
    assert [s["submission_id"] for s in found["submissions"]] == [sid]
    page = client.get(f"/submissions/{sid}/printable", token=john)
    assert page.status_code == 200 and number in page.body.decode()
    assert "Your Information" in page.body.decode()
    # a PDF is the browser's: its print dialog saves the page as one (issue #27)
    assert client.get(f"/submissions/{sid}/printable.pdf", token=john).status_code in (403, 404)


def test_a_step_is_checked_when_saved(client, john):
    sid = start(client, john, "request_credit", CASE).data["submission_id"]
    bad = save(client, john, sid, "credit", {"credit_type": "direct_payment_to_obligee",
                                             "period": {"start": "2025-06-01",
                                                        "end": "2025-01-01"},
                                             "amount_cents": 1.5, "explanation": ""})
    assert bad.status_code == 422
    assert {"period", "amount_cents", "explanation"} <= set(bad.data["error"]["fields"])
    extra = save(client, john, sid, "about", {"understood": True, "more": 1})
    assert extra.status_code == 422 and "more" in extra.data["error"]["fields"]
    assert save(client, john, sid, "nope", {}).status_code == 404
    state = client.get(f"/submissions/{sid}", token=john).data
    assert not any(s["complete"] for s in state["steps"])


def test_your_information_is_suggested_from_the_profile(client, john):
    sid = start(client, john, "close_case", CASE).data["submission_id"]
    steps = {s["id"]: s for s in client.get(f"/submissions/{sid}", token=john).data["steps"]}
    suggested = steps["your_information"]["suggested"]
    assert suggested["email"] == "john@example.com"
    assert suggested["mailing_address"]["line1"] == "550 W 7TH AVE"  # the agency's record
    assert steps["your_information"]["complete"] is False  # a suggestion is not an answer


def test_an_incomplete_request_cannot_be_submitted(client, john):
    sid = start(client, john, "close_case", CASE).data["submission_id"]
    save(client, john, sid, "about", {"understood": True})
    refused = submit(client, john, sid)
    assert refused.status_code == 422 and refused.data["error"]["code"] == "request_incomplete"
    assert set(refused.data["error"]["fields"]) == {"your_information", "reason"}
    assert client.get(f"/submissions/{sid}", token=john).data["status"] == "draft"


def test_a_submitted_request_cannot_change_or_be_submitted_again(client, john):
    sid = fill(client, john, "close_case")
    first = submit(client, john, sid).data["confirmation_number"]
    again = submit(client, john, sid)
    assert again.status_code == 409 and again.data["error"]["code"] == "already_submitted"
    assert save(client, john, sid, "about", {"understood": True}).status_code == 409
    assert client.call("DELETE", f"/submissions/{sid}", token=john).status_code == 409
    assert client.get(f"/submissions/{sid}", token=john).data["confirmation_number"] == first


def test_confirmation_numbers_follow_one_sequence(client, john):
    numbers = [submit(client, john, fill(client, john, "close_case")).data[
        "confirmation_number"] for _ in range(2)]
    a, b = (int(n.replace("-", "")) for n in numbers)
    assert b == a + 1


def test_drafts_expire_30_days_after_the_last_change(client, outbox, john, clock):
    from tests.api.test_payments import days_later

    sid = start(client, john, "close_case", CASE).data["submission_id"]
    john = days_later(client, outbox, clock, 20)
    save(client, john, sid, "about", {"understood": True})  # moves the expiry on
    john = days_later(client, outbox, clock, 20)
    assert client.get(f"/submissions/{sid}", token=john).data["status"] == "draft"
    john = days_later(client, outbox, clock, 11)
    state = client.get(f"/submissions/{sid}", token=john).data
    assert state["status"] == "expired"
    late = save(client, john, sid, "your_information", YOU)
    assert late.status_code == 410 and late.data["error"]["code"] == "draft_expired"
    assert submit(client, john, sid).status_code == 410
    expired = client.get("/submissions", token=john, query={"status": "expired"}).data
    assert [s["submission_id"] for s in expired["submissions"]] == [sid]
    assert client.get("/submissions", token=john, query={"status": "draft"}).data[
        "submissions"] == []
    assert client.call("DELETE", f"/submissions/{sid}", token=john).status_code == 204


def test_search_by_type_status_dates_and_pages(client, outbox, john, clock):
    from tests.api.test_payments import days_later

    first = fill(client, john, "close_case")
    submit(client, john, first)
    john = days_later(client, outbox, clock, 3)
    second = start(client, john, "request_statement", CASE).data["submission_id"]
    rows = client.get("/submissions", token=john).data["submissions"]
    assert [r["submission_id"] for r in rows] == [second, first]  # newest first

    def ids(**query):
        data = client.get("/submissions", token=john, query=query).data
        return [r["submission_id"] for r in data["submissions"]]

    assert ids(type="close_case") == [first]
    assert ids(status="submitted") == [first]
    assert ids(status="draft") == [second]
    assert ids(since="2026-03-03") == [second]
    assert ids(until="2026-03-02") == [first]
    page = client.get("/submissions", token=john, query={"limit": "1"}).data
    assert len(page["submissions"]) == 1 and page["next_cursor"]
    rest = client.get("/submissions", token=john,
                      query={"limit": "1", "cursor": page["next_cursor"]}).data
    assert rest["submissions"][0]["submission_id"] == first
    bad = client.get("/submissions", token=john, query={"since": "2026-03-05",
                                                         "until": "2026-03-01"})
    assert bad.status_code == 422


def test_another_parents_requests_are_not_found(client, outbox, john):
    sid = fill(client, john, "close_case")
    jane = parent("jane@example.com", JANE)
    for method, path, body in [("GET", f"/submissions/{sid}", None),
                               ("PUT", f"/submissions/{sid}/steps/about",
                                {"answers": {"understood": True}}),
                               ("POST", f"/submissions/{sid}/submit", None),
                               ("DELETE", f"/submissions/{sid}", None),
                               ("GET", f"/submissions/{sid}/printable", None)]:
        response = client.call(method, path, body, token=jane)
        assert response.status_code == 404, (method, path)
    assert client.get("/submissions", token=jane).data["submissions"] == []
    mine = client.get("/submissions", token=john, query={"limit": "1"}).data
    assert client.get("/submissions", token=jane,
                      query={"cursor": "eyJ1c2VyX2lkIjp7IlMiOiJ4In19"}).status_code == 422
    assert mine["submissions"]


def test_unknown_types_and_other_cases_are_refused(client, john):
    assert start(client, john, "no_such_type", CASE).status_code == 404
    assert start(client, john, "close_case", "999999999").status_code == 404
    assert start(client, john, "close_case").status_code == 422  # it needs a case


def test_the_agency_works_a_request_and_the_parent_sees_each_change(client, outbox, john):
    sid = fill(client, john, "order_modification")
    number = submit(client, john, sid).data["confirmation_number"]
    staff = staff_token(client, outbox)
    listed = client.get("/agency/submissions", token=staff).data["submissions"]
    assert [s["confirmation_number"] for s in listed] == [number]
    assert listed[0]["answers"]["change"]["change"] == "income_decrease"
    moved = client.post(f"/agency/submissions/{number}/decision", {"status": "in_review"},
                        token=staff)
    assert moved.status_code == 200, moved.data
    assert client.get("/agency/submissions", token=staff).data["submissions"] == []
    assert [s["confirmation_number"] for s in client.get(
        "/agency/submissions", token=staff, query={"status": "in_review"}).data[
        "submissions"]] == [number]
    no_note = client.post(f"/agency/submissions/{number}/decision", {"status": "denied"},
                          token=staff)
    assert no_note.status_code == 422
    denied = client.post(f"/agency/submissions/{number}/decision",
                         {"status": "denied", "note": "Income change under 15%."},
                         token=staff)
    assert denied.status_code == 200
    assert "Income change under 15%." in outbox.last("john@example.com").body
    center = client.get("/action-center", token=john).data["items"]
    assert any(i["kind"] == "request_updated" and i["link"] == f"/submissions/{sid}"
               for i in center)
    seen = client.get(f"/submissions/{sid}", token=john).data
    assert seen["status"] == "denied" and seen["note"] == "Income change under 15%."
    center = client.get("/action-center", token=john).data["items"]
    assert not any(i["kind"] == "request_updated" for i in center)
    again = client.post(f"/agency/submissions/{number}/decision", {"status": "approved"},
                        token=staff)
    assert again.status_code == 409 and again.data["error"]["code"] == "invalid_transition"


def test_a_change_of_address_changes_the_member_record_at_once(client, outbox, john):
    """Alaska's "Update Your Address", Arizona's "also updates your address information":
    the member's record and the logon's profile change on submit; the Summary shows it."""
    done = submit(client, john, fill(client, john, "change_of_address")).data
    assert done["status"] == "approved" and done["note"] == "Processed immediately."
    member = agency.member("04025286")
    assert member.mailing_address.line1 == "1 Main St"
    assert member.residential_address.city == "Juneau"  # the same as the mailing one
    card = client.get("/summary", token=john).data["member"]
    assert card["mailing_address"]["line1"] == "1 Main St"
    assert client.get("/me", token=john).data["mailing_address"]["line1"] == "1 Main St"
    events = client.get("/me/activity", token=john).data["items"]
    assert any(e["event"] == "request_submitted" and (e["detail"] or {}).get("request")
               == "change_of_address" for e in events)


def test_the_agency_records_a_change_of_address_from_its_own_queue(client, outbox, john):
    number = submit(client, john, fill(client, john, "change_of_address")).data[
        "confirmation_number"]
    staff = staff_token(client, outbox)
    waiting = client.get("/agency/submissions?status=to_record", token=staff).data
    assert [s["confirmation_number"] for s in waiting["submissions"]] == [number]
    assert waiting["submissions"][0]["to_record"] is True
    assert client.get("/agency/submissions", token=staff).data["submissions"] == []  # not to decide
    marked = client.post(f"/agency/submissions/{number}/recorded", token=staff)
    assert marked.status_code == 200 and marked.data["to_record"] is False
    assert client.get("/agency/submissions?status=to_record", token=staff).data[
        "submissions"] == []
    again = client.post(f"/agency/submissions/{number}/recorded", token=staff)
    assert again.status_code == 409 and again.data["error"]["code"] == "nothing_to_record"
    assert client.post(f"/agency/submissions/{number}/recorded", token=john).status_code == 403


def test_a_move_still_to_come_is_refused_and_nothing_changes(client, john):
    before = agency.member("04025286").mailing_address.line1
    sid = fill(client, john, "change_of_address", address={
        "mailing_address": ADDRESS, "effective": "2026-03-03"})  # the clock says 2 March
    refused = submit(client, john, sid)
    assert refused.status_code == 422 and refused.data["error"]["code"] == "move_not_yet"
    assert agency.member("04025286").mailing_address.line1 == before
    assert client.get(f"/submissions/{sid}", token=john).data["status"] == "draft"


def test_the_summary_carries_the_states_address_notice_in_the_asked_language(client, john):
    card = client.get("/summary", token=john).data["member"]
    assert card["notice"] == "You are required to keep your address current with CSED."
    spanish = client.get("/summary", token=john, headers={"Accept-Language": "es"})
    assert spanish.data["member"]["notice"] == "Usted debe mantener su dirección al día con CSED."


def test_removing_payment_channels_is_processed_immediately(client, john):
    add_account(client, john)
    sid = fill(client, john, "remove_payment_channels")
    done = submit(client, john, sid).data
    assert done["status"] == "approved" and done["note"] == "Processed immediately."
    assert client.get("/bank-accounts", token=john).data["bank_accounts"] == []


def test_parents_cannot_use_the_agency_worklist(client, john):
    number = submit(client, john, fill(client, john, "close_case")).data["confirmation_number"]
    assert client.get("/agency/submissions", token=john).status_code == 403
    assert client.post(f"/agency/submissions/{number}/decision", {"status": "in_review"},
                       token=john).status_code == 403


def test_the_action_center_shows_drafts_with_their_expiry(client, john):
    sid = start(client, john, "request_statement", CASE).data["submission_id"]
    items = client.get("/action-center", token=john).data["items"]
    draft = next(i for i in items if i["kind"] == "draft")
    assert draft["title"] == "Request a Statement hasn't been submitted"
    assert draft["link"] == f"/submissions/{sid}" and draft["due"] == "2026-04-01"


def test_two_windows_saving_one_draft_do_not_overwrite_each_other(client, john):
    from chalicelib.dal import submissions as store
    from chalicelib.errors import Conflict
    from chalicelib.services import submissions

    sid = start(client, john, "close_case", CASE).data["submission_id"]
    user_id = client.get("/me", token=john).data["user_id"]
    first, second = store.get(user_id, sid), store.get(user_id, sid)
    first.answers = {"about": {"understood": True}}
    submissions._save(first)
    second.answers = {"reason": {"reason": "other", "explanation": "x"}}
    with pytest.raises(Conflict):
        submissions._save(second)

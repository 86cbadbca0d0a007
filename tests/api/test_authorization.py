"""The route table, route by route: another parent's records are 404, a delegate without
the route's permission is 403, a revoked delegate is 403. A new private route is covered
(or this fails) without anyone remembering to add it here, except for a fixture for a
new kind of path parameter and, for a new body, a valid one."""
import re

import pytest

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import declared
from chalicelib.services import case_data
from chalicelib.services.scope import PERMISSIONS
from tests.api.test_access import delegate
from tests.api.test_documents import upload
from tests.api.test_payments import add_account, pay
from tests.cases import JANE, JOHN, case, parent, staff_token

ROUTES = declared()
PARENT = [s for s in ROUTES if s.auth is True and s.permission != "any"]
ANY = {(s.method, s.path) for s in ROUTES if s.auth is True and s.permission == "any"}
OTHER_CASE = "000030001"  # John's alone


def test_the_routes_delegates_may_always_use_are_few():
    assert ANY == {("POST", "/auth/logout"), ("GET", "/access/accounts"),
                   ("POST", "/access/act-as"), ("DELETE", "/access/accounts/{grant_id}")}


@pytest.fixture
def johns(client, outbox, john):
    """One record of John's of every kind a private route's path names."""
    case_data.load([case(OTHER_CASE, [(JOHN["member_id"], "obligor")])], utc_now())
    account = add_account(client, john)
    document = upload(client, john)
    staff = staff_token(client, outbox)
    letter_pdf = upload(client, staff)
    client.post("/agency/members/04025286/letters", {"title": "Notice",
                                                     "document_id": letter_pdf}, token=staff)
    schedule = client.post("/autopay", {
        "case_id": OTHER_CASE, "bank_account_id": account, "amount_cents": 10000,
        "day_of_month": 5, "start": "2026-03-05"}, token=john).data["schedule_id"]
    return {
        "case_id": OTHER_CASE, "account_id": account, "document_id": document,
        "payment_id": pay(client, john, account).data["payment_id"],
        "schedule_id": schedule,
        "thread_id": client.post("/messages", {"subject": "s", "body": "b"},
                                 token=john).data["thread_id"],
        "letter_id": client.get("/letters", token=john).data["letters"][0]["letter_id"],
        "submission_id": client.post("/submissions", {"type": "close_case",
                                                      "case_id": OTHER_CASE},
                                     token=john).data["submission_id"],
        "step_id": "about",
        "session_id": client.get("/me/sessions", token=john).data["sessions"][0][
            "session_id"],
        "grant_id": client.post("/access/grants", {"email": "x@example.com",
                                                   "permissions": ["view"]},
                                token=john).data["grant_id"],
    }


# Valid bodies for the routes whose path names a record, so that the answer is about
# the record and not about the body.
BODIES = {
    ("PUT", "/autopay/{schedule_id}"): lambda ids: {
        "bank_account_id": ids["account_id"], "amount_cents": 10000, "day_of_month": 6,
        "start": "2026-03-05"},
    ("POST", "/messages/{thread_id}"): lambda ids: {"body": "x"},
    ("PUT", "/submissions/{submission_id}/steps/{step_id}"): lambda ids: {
        "answers": {"understood": True}},
    ("POST", "/submissions/{submission_id}/documents"): lambda ids: {"document_ids": ["d"]},
    ("PUT", "/access/grants/{grant_id}"): lambda ids: {"permissions": ["view"]},
}


def _path(spec, ids):
    return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], spec.path)


def test_another_parents_records_are_not_found(client, outbox, johns):
    jane = parent("jane@example.com", JANE)
    named = [s for s in ROUTES if s.auth is True and "{" in s.path]
    unknown = {p for s in named for p in re.findall(r"{(\w+)}", s.path)} - set(johns)
    assert not unknown, f"add a record for these path parameters: {unknown}"
    wrong = {}
    for spec in named:
        body = BODIES.get((spec.method, spec.path), lambda ids: None)(johns)
        response = client.call(spec.method, _path(spec, johns), body, token=jane)
        if response.status_code != 404:
            wrong[f"{spec.method} {spec.path}"] = (response.status_code, response.data)
    assert not wrong


def test_a_delegate_without_the_permission_is_refused_and_a_revoked_one_too(
        client, outbox, john, johns):
    helper, grant = delegate(client, outbox, john)
    wrong = {}
    for spec in PARENT:
        needed = {spec.permission} if isinstance(spec.permission, str) else set(
            spec.permission)
        lacking = sorted(set(PERMISSIONS) - needed) or ["view"]
        if needed <= {"self"}:
            lacking = list(PERMISSIONS)  # even full access does not reach these
        client.call("PUT", f"/access/grants/{grant}", {"permissions": lacking}, token=john)
        response = client.call(spec.method, _path(spec, johns), {}, token=helper)
        if response.status_code != 403:
            wrong[f"{spec.method} {spec.path}"] = response.status_code
    assert not wrong, "a delegate without the permission got through"
    client.call("DELETE", f"/access/grants/{grant}", token=john)
    revoked = {}
    for spec in PARENT:
        response = client.call(spec.method, _path(spec, johns), {}, token=helper)
        if response.status_code != 403 or response.data["error"]["code"] not in (
                "access_revoked",):
            revoked[f"{spec.method} {spec.path}"] = response.status_code
    assert not revoked, "a revoked delegate got through"

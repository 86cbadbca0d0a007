"""Staff roles (issue #24): each staff route names its duty and only the roles that carry
it may use it; supervisors and administrators manage staff logons within their reach."""
import re

import pytest

from chalicelib.domain import staff_roles
from chalicelib.handlers.routing import declared
from tests.cases import STAFF_PASSWORD, staff_sign_in, staff_token

EMAILS = {role: f"{role}@agency.example.gov" for role in staff_roles.ROLES}


def test_every_agency_route_and_only_those_is_for_staff_and_names_its_duty():
    for spec in declared():
        is_agency = spec.path.startswith("/agency/")
        assert (spec.auth == "staff") == is_agency, spec.path
        assert (spec.duty in staff_roles.DUTIES) == is_agency, spec.path
    duties = {(s.method, s.path): s.duty for s in declared() if s.duty}
    # the full account number is disbursement's alone; logons and the trail are managed
    # by supervisors and administrators
    assert duties[("GET", "/agency/members/{member_id}/direct-deposit")] == "disbursement"
    assert {p for (_, p), d in duties.items() if d == "staff"} == {
        "/agency/staff", "/agency/staff/{user_id}/disable", "/agency/staff/{user_id}/enable",
        "/agency/staff/{user_id}/role", "/agency/staff/{user_id}/sign-out"}


def test_each_role_reaches_the_routes_of_its_duties_and_no_other(client, outbox):
    """Every staff route, called by each role: refused for its role exactly when the
    route's duty is not among the role's (what it answers otherwise is the route's
    business: a 404 for the made-up member, a 422 for an empty body)."""
    tokens = {role: staff_token(client, outbox, role, EMAILS[role])
              for role in staff_roles.ROLES}
    for spec in [s for s in declared() if s.duty]:
        path = re.sub(r"\{[a-z_]+\}", "00000000", spec.path)
        for role, token in tokens.items():
            answer = client.call(spec.method, path, {} if spec.method == "POST" else None,
                                 token=token)
            refused = answer.status_code == 403 and \
                answer.data["error"]["code"] == "staff_role_refused"
            assert refused == (role not in staff_roles.DUTIES[spec.duty]), (
                role, spec.method, spec.path, answer.status_code, answer.data)


@pytest.fixture
def team(client, outbox):
    """A supervisor, an administrator, and a caseworker signed in (by their ids)."""
    tokens = {role: staff_token(client, outbox, role, EMAILS[role])
              for role in ("supervisor", "administrator", "caseworker")}
    listed = client.get("/agency/staff", token=tokens["supervisor"])
    assert listed.status_code == 200, listed.data
    ids = {i["role"]: i["user_id"] for i in listed.data["items"]}
    return tokens, ids


def test_a_supervisor_lists_disables_enables_and_signs_out_a_caseworker(client, team):
    tokens, ids = team
    listed = client.get("/agency/staff", token=tokens["administrator"]).data["items"]
    assert {(i["email"], i["role"], i["status"]) for i in listed} == {
        (EMAILS[r], r, "active") for r in ("supervisor", "administrator", "caseworker")}
    worker = ids["caseworker"]
    assert client.get("/agency/submissions", token=tokens["caseworker"]).status_code == 200
    disabled = client.post(f"/agency/staff/{worker}/disable", token=tokens["supervisor"])
    assert (disabled.status_code, disabled.data["status"]) == (200, "disabled")
    # its session ended at once, and it cannot sign in
    assert client.get("/agency/submissions", token=tokens["caseworker"]).status_code == 401
    refused = client.post("/auth/login", {"email": EMAILS["caseworker"],
                                          "password": STAFF_PASSWORD})
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "logon_disabled")
    enabled = client.post(f"/agency/staff/{worker}/enable", token=tokens["supervisor"])
    assert (enabled.status_code, enabled.data["status"]) == (200, "active")
    again = staff_sign_in(client, EMAILS["caseworker"])
    ended = client.post(f"/agency/staff/{worker}/sign-out", token=tokens["supervisor"])
    assert (ended.status_code, ended.data["sessions_ended"]) == (200, 1)
    assert client.get("/agency/submissions", token=again).status_code == 401


def test_a_new_role_applies_from_the_next_sign_in(client, team):
    tokens, ids = team
    worker = ids["caseworker"]
    moved = client.post(f"/agency/staff/{worker}/role", {"role": "disbursement"},
                        token=tokens["supervisor"])
    assert (moved.status_code, moved.data["role"]) == (200, "disbursement")
    assert client.get("/agency/submissions", token=tokens["caseworker"]).status_code == 401
    token = staff_sign_in(client, EMAILS["caseworker"])
    refused = client.get("/agency/submissions", token=token)
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "staff_role_refused")
    assert client.get("/agency/members/00000000/direct-deposit", token=token).status_code == 404


def test_a_supervisor_reaches_only_caseworkers_and_disbursement_staff(client, team):
    tokens, ids = team
    for path, body in ((f"/agency/staff/{ids['administrator']}/disable", None),
                       (f"/agency/staff/{ids['caseworker']}/role", {"role": "supervisor"}),
                       (f"/agency/staff/{ids['caseworker']}/role", {"role": "administrator"})):
        refused = client.post(path, body, token=tokens["supervisor"])
        assert (refused.status_code, refused.data["error"]["code"]) == (
            403, "staff_role_refused"), path
    # an administrator may do both
    promoted = client.post(f"/agency/staff/{ids['caseworker']}/role",
                           {"role": "supervisor"}, token=tokens["administrator"])
    assert promoted.status_code == 200 and promoted.data["role"] == "supervisor"


def test_no_one_changes_their_own_logon_and_the_last_administrator_stays(client, team):
    tokens, ids = team
    own = client.post(f"/agency/staff/{ids['supervisor']}/disable", token=tokens["supervisor"])
    assert (own.status_code, own.data["error"]["code"]) == (403, "own_logon")
    admin = ids["administrator"]
    # a second administrator may disable the first (it is not the last), not itself
    promoted = client.post(f"/agency/staff/{ids['supervisor']}/role",
                           {"role": "administrator"}, token=tokens["administrator"])
    assert promoted.status_code == 200
    second = staff_sign_in(client, EMAILS["supervisor"])
    disabled = client.post(f"/agency/staff/{admin}/disable", token=second)
    assert disabled.status_code == 200
    last = client.post(f"/agency/staff/{ids['supervisor']}/role", {"role": "caseworker"},
                       token=second)
    assert (last.status_code, last.data["error"]["code"]) == (403, "own_logon")


def test_the_last_active_administrator_is_never_disabled_or_moved(client, team, outbox):
    tokens, ids = team
    other = staff_token(client, outbox, "administrator", "second.admin@agency.example.gov")
    assert client.post(f"/agency/staff/{ids['administrator']}/disable",
                       token=other).status_code == 200
    # the remaining one is the last: its own change is refused, and so is anyone's
    listed = client.get("/agency/staff", token=other).data["items"]
    me = next(i["user_id"] for i in listed if i["email"] == "second.admin@agency.example.gov")
    enabled = client.post(f"/agency/staff/{ids['administrator']}/enable", token=other)
    assert enabled.status_code == 200
    first = staff_sign_in(client, EMAILS["administrator"])
    assert client.post(f"/agency/staff/{me}/disable", token=first).status_code == 200
    last = client.post(f"/agency/staff/{ids['administrator']}/role", {"role": "caseworker"},
                       token=tokens["supervisor"])
    assert last.status_code == 403  # a supervisor never reaches an administrator
    from chalicelib.errors import Conflict
    from chalicelib.services import staff
    from chalicelib.services.scope import Caller

    with pytest.raises(Conflict):  # the service's own rule, whoever asks
        staff.disable(Caller(me, "x", role="administrator"), ids["administrator"])


def test_a_parents_logon_is_not_a_staff_logon(client, team, outbox):
    from tests.people import register

    tokens, _ = team
    register(client, outbox, "pat.parent@example.com")
    from chalicelib.dal import users
    from chalicelib.domain.contact import email_key

    parent = users.find_by_email(email_key("pat.parent@example.com"))
    missing = client.post(f"/agency/staff/{parent.user_id}/disable", token=tokens["supervisor"])
    assert (missing.status_code, missing.data["error"]["code"]) == (404, "staff_not_found")

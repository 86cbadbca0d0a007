"""The per-request scope through the services: a delegate acting for a parent runs as
that parent, sees only the cases of the grant, may do only what it permits, and loses
it all on the next request once it is revoked or its last day has passed."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.errors import Forbidden
from chalicelib.services import access, case_data, cases, scope
from tests.cases import case, parent
from tests.services.conftest import CASE, NOW, OBLIGOR, caller_of

OTHER_CASE = "510000200"


@pytest.fixture
def delegate(obligor, outbox):
    """The obligor (on two cases) gives helper@example.com view access to one of them,
    until the end of March; the helper accepts and switches to act for him."""
    case_data.load([case(OTHER_CASE, [(OBLIGOR["member_id"], "obligor")])], NOW)
    helper_token = parent("helper@example.com")
    made = access.grant(obligor, "helper@example.com", ["view"], [CASE], date(2026, 3, 31),
                        NOW)
    helper = caller_of(helper_token)
    access.accept(helper, outbox.token("helper@example.com"), NOW)
    access.act_as(helper, made.grant_id, NOW)
    return helper_token, made


def test_the_delegate_runs_as_the_parent_over_the_granted_case_only(delegate, obligor):
    token, _ = delegate
    acting = scope.authorize(caller_of(token), "view", NOW)
    assert acting.user_id == obligor.user_id and acting.actor_name == "Pat Parent"
    assert scope.in_scope(CASE) and not scope.in_scope(OTHER_CASE)
    assert [c.case_id for c in cases.summary(scope.current_user(acting)).cases] == [CASE]


def test_what_the_grant_does_not_permit_is_refused(delegate):
    token, _ = delegate
    with pytest.raises(Forbidden) as refused:
        scope.authorize(caller_of(token), "pay", NOW)
    assert refused.value.code == "not_permitted"
    with pytest.raises(Forbidden):
        scope.authorize(caller_of(token), scope.SELF, NOW)


def test_revoked_or_past_its_last_day_it_ends_at_the_next_request(delegate, obligor):
    token, made = delegate
    with pytest.raises(Forbidden) as late:
        scope.authorize(caller_of(token), "view", NOW + timedelta(days=30))  # 1 April
    assert late.value.code == "access_revoked"
    access.revoke(obligor, made.grant_id, NOW)
    with pytest.raises(Forbidden) as revoked:
        scope.authorize(caller_of(token), "view", NOW)
    assert revoked.value.code == "access_revoked"


def test_each_request_starts_with_no_scope(delegate):
    token, _ = delegate
    scope.authorize(caller_of(token), "view", NOW)
    assert not scope.in_scope(OTHER_CASE)
    scope.reset_scope()
    assert scope.in_scope(OTHER_CASE)


def test_a_delegate_cannot_link_the_parents_logon_with_a_code(obligor):
    """/codes/redeem on a logon with no member links it, which only its own logon may do
    (as /association/* is "self" only)."""
    from dataclasses import replace

    from chalicelib.services import codes

    unlinked = caller_of(parent("unlinked@example.com"))
    acting = replace(unlinked, actor_id="a-delegate", permissions=frozenset({"submissions"}))
    with pytest.raises(Forbidden):
        codes.redeem(acting, "ABCD-EFGH-IJKL", NOW)

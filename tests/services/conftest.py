"""Service tests: the services called as handlers and jobs call them, with moto for the
data (each test starts from the empty tables), the sandbox processor, SES read back from
the outbox and a `now` passed in. No HTTP: a parent is made through the services."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from chalicelib.services import case_data, sessions
from chalicelib.services.scope import Caller, reset_scope
from tests.cases import case, member, parent
from tests.local_aws import *  # noqa: F403  (moto, the outbox, the clock)

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)  # the frozen clock: 7 a.m. in Alaska
OBLIGOR = {"member_id": "51000001", "last_name": "ROE", "ssn": "123-45-6001",
           "date_of_birth": "1980-01-01"}
OBLIGEE = {"member_id": "51000002", "last_name": "ROE", "ssn": "123-45-6002",
           "date_of_birth": "1982-02-02"}
CASE = "510000100"


@pytest.fixture(autouse=True)
def no_scope_left():
    """Each service test starts as a request does, with no case scope: one left by an
    earlier test in the process (a delegate's, say) hid every case from the next."""
    reset_scope()
    yield
    reset_scope()


def caller_of(token: str) -> Caller:
    return sessions.authenticate(token, NOW)


@pytest.fixture
def roe_case(aws, clock):
    """Case 510000100: $400 a month plus $25 medical support, due on the 1st, since 2026-01;
    the obligor and the obligee are members, neither has a logon yet."""
    results = case_data.load([
        member(OBLIGOR["member_id"], "ROE", OBLIGOR["ssn"], OBLIGOR["date_of_birth"]),
        member(OBLIGEE["member_id"], "ROE", OBLIGEE["ssn"], OBLIGEE["date_of_birth"]),
        case(CASE, [(OBLIGOR["member_id"], "obligor"), (OBLIGEE["member_id"], "obligee")],
             obligation={"monthly_support_cents": 40000, "medical_support_cents": 2500,
                         "due_day": 1, "start": "2026-01-01"})], NOW)
    assert all(r.status != "error" for r in results), results
    return CASE


@pytest.fixture
def obligor(roe_case) -> Caller:
    return caller_of(parent("obligor@example.com", OBLIGOR))


@pytest.fixture
def obligee(roe_case) -> Caller:
    return caller_of(parent("obligee@example.com", OBLIGEE))

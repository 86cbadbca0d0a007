"""Every route that is not public refuses a request without a session."""
import re

import pytest

import app  # noqa: F401  (registers every route)
from chalicelib.handlers.routing import ROUTES

PRIVATE = [spec for spec in ROUTES if spec.auth]


def test_there_are_private_routes():
    assert len(PRIVATE) > 30


@pytest.mark.parametrize("spec", PRIVATE, ids=[f"{s.method} {s.path}" for s in PRIVATE])
def test_no_session_is_a_401(client, spec):
    path = re.sub(r"{\w+}", "x1", spec.path)
    response = client.call(spec.method, path, {} if spec.body else None)
    assert response.status_code == 401, response.data
    assert response.data["error"]["code"] == "unauthenticated"


STAFF = [spec for spec in ROUTES if spec.auth == "staff"]


@pytest.mark.parametrize("spec", STAFF, ids=[f"{s.method} {s.path}" for s in STAFF])
def test_a_parent_session_cannot_use_staff_routes(client, outbox, spec):
    from tests.people import register, sign_in

    register(client, outbox)
    token = sign_in(client, outbox)
    path = re.sub(r"{\w+}", "04025286", spec.path)
    response = client.call(spec.method, path, {"records": [{"type": "member"}]}
                           if spec.body else None, token=token)
    assert response.status_code == 403

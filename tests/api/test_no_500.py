"""Malformed input never gets a 500: every route, with and without a session."""
import re

import pytest

import app  # noqa: F401  (registers every route)
from chalicelib.handlers.routing import ROUTES
from tests.people import register, sign_in

BODIES = [None, "", "{", "[]", '"x"', "null", "{}", '{"unknown": 1}',
          '{"email": 5, "password": [], "token": {}, "code": null, "records": "x"}',
          '{"email": "a@b.co", "member_id": "1' + '0' * 40 + '", "credential": {"id": 1}}',
          '{"limit": -1, "version": "x", "phones": [{}], "security_questions": [1]}',
          "\u0000\ud800"]
PATH_VALUES = ["x", "0" * 300, "%00", "..%2F..", "é", "passkey%23abc"]


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


@pytest.mark.parametrize("spec", ROUTES, ids=[f"{s.method} {s.path}" for s in ROUTES])
def test_garbage_never_gets_a_500(client, token, spec):
    for value in PATH_VALUES[: 3 if "{" in spec.path else 1]:
        path = re.sub(r"{\w+}", value, spec.path)
        for body in BODIES if spec.method != "GET" else [None]:
            for auth in (None, token):
                response = client.call(spec.method, path, raw=body, token=auth)
                assert response.status_code < 500, (spec.method, path, body, response.body)
        if spec.query is not None:
            for query in ("?limit=abc", "?limit=99999999999999999999", "?cursor=%00",
                          "?zip=%FF", "?lang=xx&lang=yy", "?q=" + "a" * 500):
                response = client.call("GET", path + query, token=token)
                assert response.status_code < 500, (path, query, response.body)

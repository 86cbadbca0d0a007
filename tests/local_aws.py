"""moto in-process for the tests that need AWS: a fresh account per test with every
table, the outbox of sent email, the chalice test client with JSON in and out, a frozen
clock, and DynamoDB made atomic or busy on demand. A folder's conftest takes these in
with `from tests.local_aws import *`."""
from __future__ import annotations

import copy
import json
import os
import re
from urllib.parse import parse_qs, urlparse

import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import dynamodb_backends
from moto.kms.models import kms_backends

import tests.bench.requests  # noqa: F401  (counts DynamoDB requests of every client)
from chalicelib.local import moto_dynamodb
from tests.access import ACCESS, secret_read

moto_dynamodb.install()  # transactions and Queries as DynamoDB's, not over whole tables

SENDER = os.environ["SENDER_EMAIL"]
REGION = os.environ["AWS_DEFAULT_REGION"]
_EMPTY: dict = {}  # moto's tables and key as first created, copied into each test


@pytest.fixture
def aws():
    """A fresh moto account for a test, with every table, the key, the bucket and a
    verified sender. The tables and the KMS key are made once per process (the tables
    from the models, about 60 requests; the key holds an RSA key moto generates, 50 ms)
    and each test starts from a copy of them, empty.
    (Clients are reused across tests: moto intercepts them in each new mock.)"""
    from chalicelib.dal import counters
    from chalicelib.local import resources

    _WORKER.clear()
    counters.forget_ranges()  # the counters table starts empty again
    with mock_aws():
        tables = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION]
        keys = kms_backends[DEFAULT_ACCOUNT_ID][REGION]
        if _EMPTY:
            tables.tables = copy.deepcopy(_EMPTY["tables"])
            keys.keys, keys.tagger = copy.deepcopy(_EMPTY["keys"])
            resources.create_services()  # the key is found by its alias, not made again
        else:
            resources.create()
            _EMPTY["tables"] = copy.deepcopy(tables.tables)
            _EMPTY["keys"] = copy.deepcopy((keys.keys, keys.tagger))
        yield


# the functions the tests run as Lambda would, by where Lambda finds them
HANDLERS = {"mail_relay": "mail_relay", "mail_deliver": "mail_deliver",
            "public_work": "public_work_run", "bank_returns": "bank_returns"}


@pytest.fixture(autouse=True)
def within_policy(monkeypatch):
    """What a job, the mail worker's functions and a request ask of AWS is what the
    function's IAM policy allows (tests/access.py); the test fails at its end otherwise."""
    from chalicelib import jobs
    from chalicelib.handlers import outbox as handlers
    from chalicelib.integrations import secrets

    def as_function(name: str, function):
        def run(*args, **kwargs):
            with ACCESS.as_function(name):
                return function(*args, **kwargs)
        return run

    run = jobs.run
    monkeypatch.setattr(jobs, "run", lambda name, *a, **kw: as_function(f"job_{name}", run)(
        name, *a, **kw))
    for function, attribute in HANDLERS.items():
        monkeypatch.setattr(handlers, attribute,
                            as_function(function, getattr(handlers, attribute)))
    monkeypatch.setattr(secrets, "ssn_keys", secret_read("ssn-hmac-key", secrets.ssn_keys))
    monkeypatch.setattr(secrets, "origin_verify_key", secret_read("origin-verify",
                                                                  secrets.origin_verify_key))
    ACCESS.take_denied()
    ACCESS.policies.clear()  # made again for the test's stage (a stack test names its own)
    yield
    denied = ACCESS.take_denied()
    if os.environ.get("ACCESS_RECORD"):  # finding what the functions use: kept, not failed
        with open(os.environ["ACCESS_RECORD"], "a") as out:
            out.writelines(f"{line}\n" for line in denied)
        return
    assert not denied, "beyond the function's IAM policy (infra/policies.py):\n" + \
        "\n".join(denied)


_WORKER: list = []  # the test's mail worker (one: it keeps where it read the stream)


def mail_worker():
    from chalicelib.local.mail_worker import MailWorker

    if not _WORKER:
        _WORKER.append(MailWorker())
    return _WORKER[0]


# Public routes whose work the work queue's function does after they answer
# (services/public_work.py): Lambda would start it within a moment, the tests at once (the
# messages it queues are delivered when the test reads the outbox, as before)
DEFERRED = ("/auth/register", "/auth/verify-email/resend", "/auth/password/forgot",
            "/association/pin", "/auth/login")


class Outbox:
    """What SES was asked to send in this test: the mail worker (as Lambda would run it)
    is drained first, so what the requests queued has been delivered."""

    def __init__(self) -> None:
        self.worker = mail_worker()

    def drain(self) -> None:
        self.worker.drain()

    def messages(self, to: str | None = None) -> list:
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.ses.models import ses_backends

        self.drain()
        sent = ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages
        return [m for m in sent if to is None or to in m.destinations["ToAddresses"]]

    def last(self, to: str):
        found = self.messages(to)
        assert found, f"no email to {to}"
        return found[-1]

    def token(self, to: str) -> str:
        """The token of the last link emailed to the address."""
        url = re.search(r"https?://\S+token=[A-Za-z0-9_-]+", self.last(to).body).group(0)
        return parse_qs(urlparse(url).query)["token"][0]

    def code(self, to: str) -> str:
        return re.search(r"(?:is|es) (?:<b>)?(\d{6})", self.last(to).body).group(1)


@pytest.fixture
def outbox(aws) -> Outbox:
    return Outbox()


@pytest.fixture
def client(aws):
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="local") as test_client:
        yield Api(test_client)


class Api:
    """chalice.test.Client with JSON in and out."""

    def __init__(self, test_client) -> None:
        self.raw = test_client
        self.work_at_once = True  # the bench counts a request's own DynamoDB calls: off

    def call(self, method: str, path: str, body=None, token: str | None = None,
             headers: dict | None = None, raw: bytes | str | None = None,
             query: dict | None = None):
        from urllib.parse import urlencode

        if query:
            path = f"{path}?{urlencode(query)}"
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        # the local stage's own routes (handlers/dev.py) are deployed nowhere
        with ACCESS.as_function("api_handler" if not path.startswith("/dev/") else None):
            response = getattr(self.raw.http, method.lower())(path, headers=sent,
                                                               body=payload)
        if method == "POST" and path in DEFERRED and self.work_at_once:
            from tests.faults import FAULTS

            with FAULTS.paused():  # the worker's requests are not the request's
                mail_worker().drain_work()
        try:
            response.data = json.loads(response.body) if response.body else None
        except ValueError:  # an HTML page
            response.data = None
        return response

    def get(self, path: str, **kw):
        return self.call("GET", path, **kw)

    def post(self, path: str, body=None, **kw):
        return self.call("POST", path, body, **kw)


@pytest.fixture
def clock():
    """Frozen time that a test moves with clock.shift(timedelta(...))."""
    from datetime import datetime, timezone

    import time_machine

    with time_machine.travel(datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc), tick=False) as t:
        yield t


@pytest.fixture
def atomic_dynamodb(aws, monkeypatch):
    """DynamoDB applies each write to an item atomically; moto's in-process backend does
    not lock, so threads can interleave inside one update. Serialise its writes so that
    concurrency tests exercise our conditions, not moto's races."""
    import threading

    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()
    for name in ("put_item", "update_item", "delete_item", "transact_write_items", "get_item"):
        original = getattr(DynamoDBBackend, name)

        def locked(self, *args, __original=original, **kwargs):
            with lock:
                return __original(self, *args, **kwargs)

        monkeypatch.setattr(DynamoDBBackend, name, locked)


@pytest.fixture
def busy_dynamodb(monkeypatch):
    """Throttles the next `n` TransactWriteItems calls (all of them with n=None)."""
    from botocore.exceptions import ClientError
    from pynamodb.connection import Connection
    from pynamodb.exceptions import TransactWriteError

    from chalicelib.services import case_ledger

    monkeypatch.setattr(case_ledger, "backoff", lambda attempt: None)
    original = Connection.transact_write_items
    state = {"left": 0, "calls": 0}

    def throttled(self, *args, **kwargs):
        state["calls"] += 1
        if state["left"] is None or state["left"] > 0:
            if state["left"]:
                state["left"] -= 1
            raise TransactWriteError("busy", cause=ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException"}},
                "TransactWriteItems"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "transact_write_items", throttled)

    def throttle(n):
        state["left"], state["calls"] = n, 0
        return state
    return throttle


__all__ = ["aws", "within_policy", "outbox", "client", "clock", "atomic_dynamodb", "busy_dynamodb",
           "Api", "Outbox", "SENDER"]

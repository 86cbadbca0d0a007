"""The portal's own time per request: what a request spends outside its calls to AWS
(DynamoDB, KMS, SES, SQS), in-process under moto, as the median of RUNS requests. It is
what `make load`'s side by side cannot take apart: there the portal's requests and the
bare route's go through moto's server, whose time grows with what a request holds (a
transaction of conditional updates costs moto more than two bare puts), while here the
AWS calls' time is taken off and what is left is the portal's code: routing, checks,
pydantic, the services, PynamoDB's (de)serialising, the password's hash."""
from __future__ import annotations

import statistics
import time
import uuid

import botocore.client

RUNS = 15


class AwsTime:
    """Seconds spent in botocore's calls while installed (every client's)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._original = botocore.client.BaseClient._make_api_call  # noqa: SLF001

    def __enter__(self) -> AwsTime:
        original, meter = self._original, self

        def timed(client, operation, params):
            started = time.perf_counter()
            try:
                return original(client, operation, params)
            finally:
                meter.seconds += time.perf_counter() - started

        botocore.client.BaseClient._make_api_call = timed  # noqa: SLF001
        return self

    def __exit__(self, *_) -> None:
        botocore.client.BaseClient._make_api_call = self._original  # noqa: SLF001


def _timed(aws: AwsTime, action) -> tuple[float, float, object]:
    """(the request's seconds, those outside AWS calls, its answer)."""
    before, started = aws.seconds, time.perf_counter()
    answer = action()
    total = time.perf_counter() - started
    return total, total - (aws.seconds - before), answer


def measure(client, outbox) -> dict[str, tuple[float, float]]:
    """{operation: (median ms in all, median ms of the portal's own)} for the requests
    make load times: a sign-in's two steps, the Summary, a payment."""
    from tests.cases import JOHN, load_demo, parent
    from tests.people import PASSWORD, register

    load_demo()
    john = parent("john@example.com", JOHN)
    account = client.post("/bank-accounts", {
        "routing_number": "125000105", "account_number": "000123456789",
        "account_type": "checking", "holder_name": "John Doe", "authorize": True},
        token=john).data["account_id"]
    samples: dict[str, list[tuple[float, float]]] = {}
    with AwsTime() as aws:
        for i in range(RUNS + 2):  # the first two warm what a container's first does
            email = register(client, outbox, f"own.{uuid.uuid4().hex[:8]}@example.com")
            took = {}
            took["sign-in: password"] = _timed(aws, lambda e=email: client.post(
                "/auth/login", {"email": e, "password": PASSWORD}))
            code = outbox.code(email)
            challenge = took["sign-in: password"][2].data["challenge_id"]
            took["sign-in: emailed code"] = _timed(aws, lambda c=challenge, k=code: client.post(
                "/auth/login/verify", {"challenge_id": c, "code": k}))
            took["GET /summary"] = _timed(aws, lambda: client.get("/summary", token=john))
            took["POST /payments"] = _timed(aws, lambda n=i: client.post(
                "/payments", {"case_id": "000020108", "bank_account_id": account,
                              "amount_cents": 100}, token=john,
                headers={"Idempotency-Key": f"own-time-{n:08d}"}))
            for name, (total, own, answer) in took.items():
                assert answer.status_code in (200, 201), (name, answer.data)
                if i >= 2:
                    samples.setdefault(name, []).append((total, own))
    return {name: (statistics.median(t for t, _ in runs) * 1000,
                   statistics.median(o for _, o in runs) * 1000)
            for name, runs in samples.items()}

"""Faults at the AWS SDK: the Nth request a flow makes to AWS fails as a busy or broken
service answers (DynamoDB throttling, a conditional write that lost a race, SES, KMS, S3
and Secrets Manager errors), raised from botocore's before-call event on every client
(tests/bench/requests.py registers the hook on each client as it is made).

    with FAULTS.recording() as calls: flow()                 # the requests it makes
    with FAULTS.failing(3, "ProvisionedThroughputExceededException"): flow()
"""
from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

from botocore.exceptions import ClientError

# The errors each service answers when it is busy or broken, after botocore's own retries
BUSY = {"dynamodb": "ProvisionedThroughputExceededException", "ses": "Throttling",
        "sesv2": "TooManyRequestsException", "kms": "KMSInternalException",
        "s3": "SlowDown", "secretsmanager": "InternalServiceErrorException"}


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    conditional: bool  # a write with a condition, which a concurrent writer can fail
    table: str | None = None

    def errors(self) -> list[str]:
        """What this request may fail with: the service busy; a conditional write, its
        condition failed too."""
        found = [BUSY.get(self.service, "InternalFailure")]
        if self.conditional:
            found.append("TransactionCanceledException" if self.operation == "TransactWriteItems"
                         else "ConditionalCheckFailedException")
        return found


def _api_params(request: dict | None) -> dict:
    """The request's parameters: before-call sees the serialized request, whose body is
    the JSON of the parameters for DynamoDB, KMS and SES."""
    body = (request or {}).get("body")
    if isinstance(body, bytes | str) and body[:1] in (b"{", "{"):
        try:
            return json.loads(body)
        except ValueError:
            return {}
    return {}


def _conditional(operation: str, params: dict) -> bool:
    if operation == "TransactWriteItems":
        return any("ConditionCheck" in item or any(
            "ConditionExpression" in part for part in item.values() if isinstance(part, dict))
            for item in params.get("TransactItems", []))
    return "ConditionExpression" in params


class Faults:
    def __init__(self) -> None:
        self.calls: list[Call] | None = None
        self.plan: tuple[int, str] | None = None
        self.seen = 0
        self.fired: Call | None = None

    def __call__(self, model, params, **_) -> None:
        service = model.service_model.service_name
        if self.calls is None and self.plan is None:
            return
        params = _api_params(params)
        call = Call(service, model.name, _conditional(model.name, params),
                    params.get("TableName"))
        if self.calls is not None:
            self.calls.append(call)
        if self.plan is not None:
            self.seen += 1
            if self.seen == self.plan[0]:
                self.fired = call
                raise ClientError(_error(self.plan[1], params), model.name)

    @contextlib.contextmanager
    def paused(self):
        """Neither recorded nor failed: what the test harness does between requests."""
        kept = self.calls, self.plan
        self.calls, self.plan = None, None
        try:
            yield
        finally:
            self.calls, self.plan = kept

    @contextlib.contextmanager
    def recording(self):
        self.calls = []
        try:
            yield self.calls
        finally:
            self.calls = None

    @contextlib.contextmanager
    def failing(self, index: int, error: str):
        """The index-th AWS request (1-based) fails with error; the others go through."""
        self.plan, self.seen, self.fired = (index, error), 0, None
        try:
            yield self
        finally:
            self.plan = None


def _error(code: str, params: dict) -> dict:
    error = {"Error": {"Code": code, "Message": f"injected: {code}"},
             "ResponseMetadata": {"HTTPStatusCode": 400}}
    if code == "TransactionCanceledException":
        reasons = [{"Code": "ConditionalCheckFailed"} if any(
            "ConditionExpression" in part for part in item.values() if isinstance(part, dict))
            or "ConditionCheck" in item else {"Code": "None"}
            for item in params.get("TransactItems", [])]
        error["CancellationReasons"] = reasons
        error["Error"]["Message"] = "Transaction cancelled, please refer cancellation reasons"
    return error


FAULTS = Faults()

"""What each Lambda function asks of AWS, checked against the IAM policy infra/policies.py
gives it.

Every boto client the tests make carries `ACCESS` (tests/bench/requests.py installs it).
While a test runs a function as Lambda would (a job through `jobs.run`, a request through
the test client, the mail worker's handlers: tests/local_aws.py), each call is turned
into the IAM actions and resources it needs and evaluated against that function's
policy, made for the test's stage; what the policy would deny is kept and fails the test
at its end (an error raised inside a call could be caught by the code under test, as a
job catches one item's failure). So a function that starts to use a table, a key or a
queue its policy does not name fails here, not in a deployed stage, and a policy stays
as small as what the functions do."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from fnmatch import fnmatchcase

ACCOUNT = "123456789012"
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
# the IAM prefix of a service whose signing name differs
PREFIX = {"monitoring": "cloudwatch", "email": "ses"}
# DynamoDB operations that IAM checks as others (a transaction item by its own action)
TRANSACT = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
            "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}
# S3 operations whose IAM action has another name
S3_ACTIONS = {"HeadObject": "GetObject", "ListObjectsV2": "ListBucket",
              "DeleteObjects": "DeleteObject"}
# ...and another again when it names an object's version
VERSIONED = {"GetObject": "GetObjectVersion", "GetObjectTagging": "GetObjectVersionTagging",
             "DeleteObject": "DeleteObjectVersion"}


def needs(service: str, operation: str, params: dict) -> list[tuple[str, str]]:
    """The (action, resource ARN) pairs IAM checks for one API call."""
    prefix = PREFIX.get(service, service)
    if service == "dynamodb":
        return _dynamodb(operation, params)
    if service == "sqs":
        # a batch is allowed by its single action (SendMessageBatch by sqs:SendMessage)
        operation = operation.removesuffix("Batch")
        name = (params.get("QueueName") or params.get("QueueUrl", "")).rsplit("/", 1)[-1]
        return [(f"sqs:{operation}", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}")]
    if service == "s3":
        resource = f"arn:aws:s3:::{params.get('Bucket', '')}"
        if "Key" in params:
            resource += f"/{params['Key']}"
        action = S3_ACTIONS.get(operation, operation)
        if "VersionId" in params:
            action = VERSIONED.get(action, action)
        return [(f"s3:{action}", resource)]
    if service == "kms":
        return [(f"kms:{operation}", f"arn:aws:kms:{REGION}:{ACCOUNT}:key/any")]
    if service == "secretsmanager":
        # a secret's ARN ends in a dash and six random characters
        return [(f"secretsmanager:{operation}",
                 f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:"
                 f"{params.get('SecretId', '')}-AbCdEf")]
    if prefix == "ses":
        sender = params.get("FromEmailAddress") or params.get("Source", "")
        return [(f"ses:{operation}",
                 f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{sender}")]
    return [(f"{prefix}:{operation}", "*")]


def _dynamodb(operation: str, params: dict) -> list[tuple[str, str]]:
    def arn(table: str, index: str | None = None) -> str:
        base = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}"
        return f"{base}/index/{index}" if index else base

    if operation in ("TransactWriteItems", "TransactGetItems"):
        out = []
        for item in params.get("TransactItems", []):
            for kind, body in item.items():
                out.append((f"dynamodb:{TRANSACT[kind]}", arn(body["TableName"])))
        return out
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [(f"dynamodb:{operation}", arn(t)) for t in params.get("RequestItems", {})]
    if "StreamArn" in params:
        return [(f"dynamodb:{operation}", params["StreamArn"])]
    return [(f"dynamodb:{operation}", arn(params.get("TableName", ""), params.get("IndexName")))]


def allows(policy: dict, action: str, resource: str) -> bool:
    """An Allow statement of the policy names the action and matches the resource (the
    policies here have no Deny and no NotAction; a KMS statement's alias condition is
    the key the test stage uses, KMS_KEY_ID, and is not evaluated)."""
    for statement in policy["Statement"]:
        actions = _list(statement["Action"])
        resources = _list(statement["Resource"])
        if statement["Effect"] == "Allow" and any(fnmatchcase(action, a) for a in actions) \
                and any(fnmatchcase(resource, r) for r in resources):
            return True
    return False


def _list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


class AccessCheck:
    """The botocore hook: the function running now, and what its policy denied."""

    def __init__(self) -> None:
        self.local = threading.local()  # a test's threads are requests of their own
        self.denied: list[str] = []
        self.policies: dict[str, dict] = {}

    @property
    def running(self) -> list[str]:
        """The functions this thread runs, innermost last."""
        if not hasattr(self.local, "running"):
            self.local.running = []
        return self.local.running

    def policy(self, function: str) -> dict:
        if function not in self.policies:
            policies = infra_policies()
            self.policies[function] = policies.for_function(function, policies.test_env())
        return self.policies[function]

    @contextmanager
    def as_function(self, name: str | None):
        """Calls made inside are the named function's (None: no deployed function's)."""
        self.running.append(name)
        try:
            yield
        finally:
            self.running.pop()

    def __call__(self, model, params, context=None, **_) -> None:
        operation = model.name
        if model.name == "CreateBucket" and (context or {}).get("is_presign_request"):
            # a presigned POST (botocore builds it on CreateBucket's model): the browser's
            # upload is a PutObject with the function's role, under documents/
            operation, params = "PutObject", {**params, "Key": "documents/*"}
        self.check(model.service_model.signing_name, operation, params)

    def check(self, service: str, operation: str, params: dict) -> None:
        function = self.running[-1] if self.running else None
        if function is None:
            return
        for action, resource in needs(service, operation, params):
            if not allows(self.policy(function), action, resource):
                self.denied.append(f"{function} may not {action} on {resource}")

    def take_denied(self) -> list[str]:
        denied, self.denied = sorted(set(self.denied)), []
        return denied


def infra_policies():
    """infra/policies.py (infra/ is not a package: its scripts import each other by
    name, as here)."""
    import sys
    from pathlib import Path

    where = str(Path(__file__).resolve().parents[1] / "infra")
    if where not in sys.path:
        sys.path.insert(0, where)
    import policies

    return policies


def secret_read(name: str, read):
    """A secret read as a deployed stage reads it, from Secrets Manager (the test stage
    sets its values in the environment, so no call is made to check)."""
    def reading(*args, **kwargs):
        ACCESS.check("secretsmanager", "GetSecretValue",
                     {"SecretId": f"csp-{os.environ['STAGE']}/{name}"})
        return read(*args, **kwargs)
    return reading


ACCESS = AccessCheck()

"""Runs inside an unzipped deployment package with nothing else on the path but the
standard library and the AWS SDK the Lambda runtime provides (tests/infra/test_package.py
starts it with `python -I -S`). AWS is a moto server at AWS_ENDPOINT_URL.

Loads the demo, then drives the API function as API Gateway would and runs one job, so
every native library in the package is loaded and used: pydantic-core, argon2, cryptography
(passkeys), cbor2, zipcodes, segno, zxcvbn, tzdata.
Prints one JSON object of what happened."""
import json
import os
import re
import sys
import urllib.request

out: dict = {"path": sys.path[:3]}
for dev_only in ("moto", "pytest", "chalice.cli"):
    try:
        __import__(dev_only)
        out[dev_only] = "importable"
    except ImportError:
        out[dev_only] = "absent"

import boto3  # noqa: E402  (the runtime's)

secret = boto3.client("secretsmanager").create_secret(
    Name="csp-prod/ssn-hmac-key", SecretString="k" * 64)
os.environ["SSN_HMAC_SECRET"] = secret["ARN"]
# what CloudFront sends the API on a deployed stage (infra/generate.py, front_door.py)
origin = boto3.client("secretsmanager").create_secret(
    Name="csp-prod/origin-verify", SecretString="o" * 48)
os.environ["ORIGIN_VERIFY_SECRET"] = origin["ARN"]

from chalicelib.local import demo, resources  # noqa: E402

resources.create()
demo.load()

from app import app  # noqa: E402


def call(method: str, path: str, body=None, token=None, query=None,
         also=None) -> tuple[int, dict]:
    headers = {"content-type": "application/json", "accept": "application/json",
               "x-forwarded-for": "203.0.113.9", "user-agent": "package-check",
               "x-origin-verify": "o" * 48, "cloudfront-viewer-address": "203.0.113.9:50000"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    headers.update(also or {})
    event = {
        "resource": path, "path": path, "httpMethod": method, "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query, "multiValueQueryStringParameters":
            {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": None, "stageVariables": None, "isBase64Encoded": False,
        "body": json.dumps(body) if body is not None else None,
        "requestContext": {"resourcePath": path, "httpMethod": method, "stage": "api",
                           "requestId": "check", "path": f"/api{path}",
                           "identity": {"sourceIp": "203.0.113.9"}}}
    response = app(event, Context())
    return response["statusCode"], json.loads(response["body"] or "null")


class Context:
    function_name = "child-support-portal-prod"
    aws_request_id = "check"
    memory_limit_in_mb = 128
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:check"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 600_000


def last_code(to: str) -> str:
    """The code the mail worker sent: its two functions run as Lambda would run them."""
    from chalicelib.local.mail_worker import MailWorker

    MailWorker().drain()
    with urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/moto-api/data.json") as r:
        sent = json.load(r)["ses"]["Message"]
    body = [m for m in sent if to in m["destinations"]["ToAddresses"]][-1]["body"]
    return re.search(r"(?:is|es) (?:<b>)?(\d{6})", body).group(1)


out["openapi"] = call("GET", "/openapi.json")[0]
# around CloudFront, to the stage's own address: refused
out["direct"] = call("GET", "/health", also={"x-origin-verify": "a-guess"})[0]

status, offices = call("GET", "/offices", query={"zip": "99701"})
out["offices"] = [status, offices["offices"][0]["name"] if status == 200 else offices]
status, challenge = call("POST", "/auth/login", {"email": demo.DEMO_EMAIL,
                                                 "password": demo.DEMO_PASSWORD})
out["login"] = status
status, session = call("POST", "/auth/login/verify", {
    "challenge_id": challenge["challenge_id"], "code": last_code(demo.DEMO_EMAIL)})
out["verify"] = status
token = session["token"]
status, center = call("GET", "/action-center", token=token)
out["action_center"] = [status, sorted(i["kind"] for i in center["items"])]
status, totp = call("POST", "/me/mfa/totp", {}, token=token)
out["totp"] = [status, "<svg" in json.dumps(totp)]
status, options = call("POST", "/me/mfa/passkeys/options", {}, token=token)
out["passkey_options"] = [status, "challenge" in json.dumps(options)]

import importlib  # noqa: E402


def handler(dotted: str):
    """What Lambda does with a function's Handler setting."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


with open(os.environ["TEMPLATE"]) as f:
    functions = [r["Properties"]["Handler"] for r in json.load(f)["Resources"].values()
                 if r["Type"] == "AWS::Serverless::Function"]
out["handlers"] = {h: callable(handler(h)) for h in functions}
handler("chalicelib.handlers.schedules.job_settlement")({
    "version": "0", "id": "check", "detail-type": "Scheduled Event", "source": "aws.events",
    "account": "123456789012", "time": "2026-03-02T16:00:00Z", "region": "us-east-1",
    "resources": [], "detail": {}}, Context())
out["job"] = "ran"
print(json.dumps(out))

"""A bare Chalice app for `make load`'s side by side (tests/load/run.py): one route that
makes the DynamoDB requests one of the portal's HTTP requests made, as recorded
(/replay/N: the Nth of the list in the file BARE_PLANS names): its reads as they were
(the same bodies: the same items read, as many bytes to answer and to parse), its writes
as they were but to fresh items of a table of its own (BARE_TABLE: the same attributes,
update expressions and conditions, each condition or'd with the fresh item's absence so
it holds), and the one password hash a sign-in verifies (argon2id with the portal's
parameters, domain/secrets.py: a cost the portal pays for its users' passwords' sake,
not its own overhead); served as the portal's API is served locally (Chalice's local
server, Nagle's algorithm off: chalicelib/local/api_server.py).

    python -m tests.load.bare PORT  (AWS_ENDPOINT_URL, BARE_TABLE, BARE_PLANS from the env)"""
from __future__ import annotations

import json
import os
import re
import sys
import uuid
from pathlib import Path

import boto3
from argon2 import PasswordHasher
from botocore import xform_name
from chalice import Chalice, local
from chalice.config import Config

from chalicelib.domain.secrets import ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, ARGON2_TIME_COST

local.ChaliceRequestHandler.disable_nagle_algorithm = True
app = Chalice(app_name="bare")
app.debug = True  # a failed call answers its traceback (side_by_side raises it)
DYNAMODB = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"),
                        region_name="us-east-1", aws_access_key_id="local",
                        aws_secret_access_key="local")
HASHER = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                        parallelism=ARGON2_PARALLELISM)
PASSWORD = "Lantern-Harbor-Quill-2026!"
STORED = HASHER.hash(PASSWORD)
READS = {"GetItem", "BatchGetItem", "Query"}
FRESH = "@fresh@"  # a new item's key, made for each call


def _fresh(kind: str, one: dict, table: str) -> dict:
    """A Put, Update, Delete or ConditionCheck made to a fresh item of `table`."""
    one = {**one, "TableName": table}
    if kind == "Put":
        one["Item"] = {**one["Item"], "key": {"S": FRESH}}
    else:
        one["Key"] = {"key": {"S": FRESH}}
    if "ConditionExpression" in one:
        # OR binds last in DynamoDB's grammar (and it refuses redundant parentheses)
        one["ConditionExpression"] += " OR attribute_not_exists (#fresh)"
        one["ExpressionAttributeNames"] = {**one.get("ExpressionAttributeNames", {}),
                                           "#fresh": "key"}
    return one


def made_fresh(op: str, body: dict, table: str) -> dict:
    """A write's body, to fresh items of `table` (its hash key `key`)."""
    if op == "TransactWriteItems":
        return {**body, "TransactItems": [{kind: _fresh(kind, one, table)}
                                          for item in body["TransactItems"]
                                          for kind, one in item.items()]}
    if op == "BatchWriteItem":
        return {**body, "RequestItems": {table: [
            {"PutRequest": {"Item": {**r["PutRequest"]["Item"], "key": {"S": FRESH}}}}
            if "PutRequest" in r else {"DeleteRequest": {"Key": {"key": {"S": FRESH}}}}
            for requests in body["RequestItems"].values() for r in requests]}}
    return _fresh(op.removesuffix("Item"), body, table)


def _planned(steps: list[dict], table: str) -> list[tuple]:
    """Each step as the client's method and its body's text (a write's with FRESH keys),
    or None for the password hash."""
    return [None if "hash" in step else (
        getattr(DYNAMODB, xform_name(step["op"])),
        json.dumps(step["body"] if step["op"] in READS
                   else made_fresh(step["op"], step["body"], table)))
        for step in steps]


PLANS = [_planned(steps, os.environ["BARE_TABLE"])
         for steps in json.loads(Path(os.environ["BARE_PLANS"]).read_text())] if os.environ.get(
    "BARE_PLANS") else []


@app.route("/ready")
def ready() -> dict:
    return {"plans": len(PLANS)}


@app.route("/replay/{number}")
def replay(number: str) -> dict:
    steps = PLANS[int(number)]
    for step in steps:
        if step is None:
            HASHER.verify(STORED, PASSWORD)
            continue
        method, text = step
        method(**json.loads(re.sub(FRESH, lambda _: f"bare#{uuid.uuid4().hex}", text)))
    return {"steps": len(steps)}


if __name__ == "__main__":
    local.create_local_server(app, Config(), "127.0.0.1", int(sys.argv[1])).serve_forever()

"""A bare Chalice app for `make load`'s side by side (tests/load/run.py): one route that
makes the DynamoDB requests it is given, of the kinds an operation of the portal makes
(`/ops/batch,put,query,transact`: a consistent read of items no one has, a put, a Query,
a transaction of two puts, in a table of the local stack), and the one password hash a
sign-in verifies (`hash`: argon2id with the portal's parameters, domain/secrets.py: a
cost the portal pays for its users' passwords' sake, not its own overhead), served as
the portal's API is served locally (Chalice's local server, Nagle's algorithm off:
chalicelib/local/api_server.py).

    python -m tests.load.bare PORT      (AWS_ENDPOINT_URL and BARE_TABLE from the env)"""
from __future__ import annotations

import os
import sys
import uuid

import boto3
from argon2 import PasswordHasher
from chalice import Chalice, local
from chalice.config import Config

from chalicelib.domain.secrets import ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, ARGON2_TIME_COST

local.ChaliceRequestHandler.disable_nagle_algorithm = True
app = Chalice(app_name="bare")
DYNAMODB = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"),
                        region_name="us-east-1", aws_access_key_id="local",
                        aws_secret_access_key="local")


HASHER = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                        parallelism=ARGON2_PARALLELISM)
PASSWORD = "Lantern-Harbor-Quill-2026!"
STORED = HASHER.hash(PASSWORD)


def _key(kind: str) -> dict:
    return {"key": {"S": f"bare#{kind}#{uuid.uuid4().hex}"}}


OPS = {
    "get": lambda t: DYNAMODB.get_item(TableName=t, Key=_key("get"), ConsistentRead=True),
    "batch": lambda t: DYNAMODB.batch_get_item(RequestItems={t: {
        "Keys": [_key("get"), _key("get")], "ConsistentRead": True}}),
    "query": lambda t: DYNAMODB.query(TableName=t, KeyConditionExpression="#k = :k",
                                      ExpressionAttributeNames={"#k": "key"},
                                      ExpressionAttributeValues={":k": {"S": "bare#none"}},
                                      ConsistentRead=True),
    "put": lambda t: DYNAMODB.put_item(TableName=t, Item=_key("put")),
    "update": lambda t: DYNAMODB.update_item(
        TableName=t, Key=_key("update"), UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": {"N": "1"}}),
    "transact": lambda t: DYNAMODB.transact_write_items(TransactItems=[
        {"Put": {"TableName": t, "Item": _key("transact")}},
        {"Put": {"TableName": t, "Item": _key("transact")}}]),
    "hash": lambda t: HASHER.verify(STORED, PASSWORD),
}


@app.route("/ops/{kinds}")
def ops(kinds: str) -> dict:
    table = os.environ["BARE_TABLE"]
    done = [k for k in kinds.split(",") if k]
    for kind in done:
        OPS[kind](table)
    return {"requests": len(done)}


if __name__ == "__main__":
    local.create_local_server(app, Config(), "127.0.0.1", int(sys.argv[1])).serve_forever()

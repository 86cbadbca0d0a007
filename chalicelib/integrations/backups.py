"""Restoring the tables (docs/security/runbooks.md, Restoring the data): DynamoDB's
point-in-time recovery (on for every table: infra/generate.py) makes a table as it was
at a moment, under a new name beside the live one, on the stack's key; the items an
operator chooses are then copied back into the live table. AWS Backup's daily copies
(the vault, kept apart and locked) are for losing the account or the region."""
from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, Iterator

import boto3

from chalicelib.settings import get_settings


@cache
def _dynamodb(region: str):
    return boto3.client("dynamodb", region_name=region)


def _client():
    return _dynamodb(get_settings().region)


def restore(table: str, into: str, at: datetime) -> None:
    """Starts the restore of `table` as it was `at` into a new table `into`, encrypted
    with the stage's key; returns when the new table is ready."""
    client = _client()
    client.restore_table_to_point_in_time(
        SourceTableName=table, TargetTableName=into, RestoreDateTime=at,
        SSESpecificationOverride={"Enabled": True, "SSEType": "KMS",
                                  "KMSMasterKeyId": get_settings().kms_key_id})
    client.get_waiter("table_exists").wait(TableName=into,
                                           WaiterConfig={"Delay": 20, "MaxAttempts": 180})


def items(table: str) -> Iterator[dict[str, Any]]:
    """Every item of a (restored) table: a Scan, for the operator's restore only."""
    for page in _client().get_paginator("scan").paginate(TableName=table):
        yield from page["Items"]


def put_back(table: str, found: list[dict[str, Any]]) -> int:
    """Writes the items into the live table as they are (each replaces the live item of
    its key); returns how many."""
    client = _client()
    for start in range(0, len(found), 25):
        batch = {table: [{"PutRequest": {"Item": item}} for item in found[start:start + 25]]}
        while batch:
            batch = client.batch_write_item(RequestItems=batch).get("UnprocessedItems") or {}
    return len(found)


def key_names(table: str) -> list[str]:
    return [k["AttributeName"] for k in
            _client().describe_table(TableName=table)["Table"]["KeySchema"]]

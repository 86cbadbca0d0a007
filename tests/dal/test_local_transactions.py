"""The local stack's and the tests' TransactWriteItems (chalicelib/local/transactions.py):
DynamoDB's all-or-nothing, without moto's copies of whole tables."""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def table(aws):
    client = boto3.client("dynamodb", region_name="us-east-1")
    client.create_table(TableName="t", BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}])
    client.put_item(TableName="t", Item={"k": {"S": "taken"}, "n": {"S": "text"}})
    return client


def put(key: str, condition: str | None = None) -> dict:
    op: dict = {"TableName": "t", "Item": {"k": {"S": key}}}
    if condition:
        op["ConditionExpression"] = condition
    return {"Put": op}


def keys(client) -> set[str]:
    return {i["k"]["S"] for i in client.scan(TableName="t")["Items"]}


def test_a_failed_condition_writes_nothing_and_names_its_item(table):
    with pytest.raises(ClientError) as refused:
        table.transact_write_items(TransactItems=[
            put("a"), put("taken", "attribute_not_exists(k)"), put("b")])
    assert refused.value.response["Error"]["Code"] == "TransactionCanceledException"
    reasons = [r["Code"] for r in refused.value.response["CancellationReasons"]]
    assert reasons == ["None", "ConditionalCheckFailed", "None"]
    assert keys(table) == {"taken"}


def test_conditions_see_the_table_before_the_transaction(table):
    table.transact_write_items(TransactItems=[
        put("a", "attribute_not_exists(k)"),
        {"ConditionCheck": {"TableName": "t", "Key": {"k": {"S": "taken"}},
                            "ConditionExpression": "attribute_exists(k)"}},
        {"Delete": {"TableName": "t", "Key": {"k": {"S": "missing"}}}}])
    assert keys(table) == {"taken", "a"}


def test_one_item_twice_is_refused(table):
    with pytest.raises(ClientError) as refused:
        table.transact_write_items(TransactItems=[put("a"), put("a")])
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert keys(table) == {"taken"}


def test_a_write_moto_cannot_make_puts_back_what_was_written(table):
    with pytest.raises(ClientError) as refused:
        table.transact_write_items(TransactItems=[
            put("a"),
            {"Update": {"TableName": "t", "Key": {"k": {"S": "taken"}},
                        "UpdateExpression": "ADD n :one",  # n holds text: cannot add
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}}])
    assert refused.value.response["Error"]["Code"] in ("TransactionCanceledException",
                                                         "ValidationException")
    assert keys(table) == {"taken"}
    assert table.get_item(TableName="t", Key={"k": {"S": "taken"}})["Item"]["n"] == {"S": "text"}

"""The local stack's and the tests' DynamoDB (chalicelib/local/moto_dynamodb.py):
transactions all or nothing, as DynamoDB's, without moto's copies of whole tables; a
Query that reads its partition, not the table."""
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


@pytest.fixture
def ranged(aws):
    client = boto3.client("dynamodb", region_name="us-east-1")
    client.create_table(TableName="r", BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "h", "KeyType": "HASH"},
                                   {"AttributeName": "s", "KeyType": "RANGE"}],
                        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                                              for a in ("h", "s", "g")],
                        GlobalSecondaryIndexes=[{
                            "IndexName": "by_g", "Projection": {"ProjectionType": "ALL"},
                            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}])
    for h in ("a", "b", "c"):
        for s in ("3", "1", "2"):
            client.put_item(TableName="r", Item={"h": {"S": h}, "s": {"S": s},
                                                 "g": {"S": f"g{s}"}})
    return client


def query(client, **options) -> list[tuple[str, str]]:
    found = client.query(TableName="r", ConsistentRead=True, **options)
    return [(i["h"]["S"], i["s"]["S"]) for i in found["Items"]]


def test_a_query_reads_its_partition_in_order_and_pages(ranged):
    """A Query on the table (moto's, made to look in the partition only): the partition's
    items in sort-key order, either way, with range conditions and pages; an index's
    Query as moto makes it."""
    b = {"KeyConditionExpression": "h = :h", "ExpressionAttributeValues": {":h": {"S": "b"}}}
    assert query(ranged, **b) == [("b", "1"), ("b", "2"), ("b", "3")]
    assert query(ranged, **b, ScanIndexForward=False) == [("b", "3"), ("b", "2"), ("b", "1")]
    first = ranged.query(TableName="r", Limit=2, **b)
    assert [i["s"]["S"] for i in first["Items"]] == ["1", "2"]
    rest = query(ranged, ExclusiveStartKey=first["LastEvaluatedKey"], **b)
    assert rest == [("b", "3")]
    assert query(ranged, KeyConditionExpression="h = :h AND s > :s",
                 ExpressionAttributeValues={":h": {"S": "c"}, ":s": {"S": "1"}}) == [
        ("c", "2"), ("c", "3")]
    assert query(ranged, KeyConditionExpression="h = :h",
                 ExpressionAttributeValues={":h": {"S": "none"}}) == []
    by_g = ranged.query(TableName="r", IndexName="by_g", KeyConditionExpression="g = :g",
                        ExpressionAttributeValues={":g": {"S": "g2"}})
    assert sorted(i["h"]["S"] for i in by_g["Items"]) == ["a", "b", "c"]
    assert len(ranged.scan(TableName="r")["Items"]) == 9



def every_type(client) -> None:
    """A table whose items hold every kind of attribute value."""
    client.create_table(TableName="w", BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"},
                                   {"AttributeName": "r", "KeyType": "RANGE"}],
                        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"},
                                              {"AttributeName": "r", "AttributeType": "N"}])
    for r in range(3):
        client.put_item(TableName="w", Item={
            "k": {"S": "p"}, "r": {"N": str(r)}, "s": {"S": "täxt"}, "n": {"N": "-1.50"},
            "b": {"B": b"\x00\xffbytes"}, "t": {"BOOL": True}, "z": {"NULL": True},
            "m": {"M": {"in": {"L": [{"S": "x"}, {"N": "2"}, {"BS": [b"a", b"b"]}]}}},
            "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.5"]}})


def item_operations(client) -> list[dict]:
    """An answer of every item operation the local stack writes as JSON directly, as a
    client reads it (without its request id)."""
    every_type(client)
    key = {"k": {"S": "p"}, "r": {"N": "1"}}
    answers = [
        client.get_item(TableName="w", Key=key, ConsistentRead=True),
        client.get_item(TableName="w", Key={"k": {"S": "none"}, "r": {"N": "1"}}),
        client.batch_get_item(RequestItems={"w": {"Keys": [key, {**key, "r": {"N": "9"}}]}}),
        client.query(TableName="w", KeyConditionExpression="k = :k", Limit=2,
                     ExpressionAttributeValues={":k": {"S": "p"}},
                     ReturnConsumedCapacity="TOTAL"),
        client.query(TableName="w", KeyConditionExpression="k = :k", Select="COUNT",
                     ExpressionAttributeValues={":k": {"S": "p"}}),
        client.scan(TableName="w", ProjectionExpression="b, m"),
        client.transact_get_items(TransactItems=[{"Get": {"TableName": "w", "Key": key}}]),
        client.update_item(TableName="w", Key=key, UpdateExpression="ADD c :one",
                           ExpressionAttributeValues={":one": {"N": "1"}},
                           ReturnValues="ALL_NEW"),
        client.put_item(TableName="w", Item={**key, "s": {"S": "new"}}, ReturnValues="ALL_OLD"),
        client.delete_item(TableName="w", Key=key, ReturnValues="ALL_OLD"),
        client.batch_write_item(RequestItems={"w": [{"PutRequest": {"Item": key}}]}),
        client.transact_write_items(TransactItems=[{"Put": {"TableName": "w", "Item": key}}]),
    ]
    client.delete_table(TableName="w")
    return [{k: v for k, v in answer.items() if k != "ResponseMetadata"} for answer in answers]


def test_item_answers_written_as_json_read_as_moto_s_own(aws, monkeypatch):
    """The same requests answered by moto's serializer, which walks the output shape
    value by value: a client reads the same, binary, sets and nested values included."""
    from chalicelib.local import moto_dynamodb

    client = boto3.client("dynamodb", region_name="us-east-1")
    as_json = item_operations(client)
    assert as_json[0]["Item"]["b"]["B"] == b"\x00\xffbytes"
    monkeypatch.setattr(moto_dynamodb, "ITEM_OPERATIONS", frozenset())
    assert item_operations(client) == as_json


def test_only_item_answers_skip_moto_s_serializer(aws, monkeypatch):
    """A table's description (dates) is still moto's own to write."""
    from moto.core.serialize import ResponseSerializer

    from chalicelib.local import moto_dynamodb

    shaped = []
    serialize = ResponseSerializer.serialize
    monkeypatch.setattr(ResponseSerializer, "serialize",
                        lambda self, result: shaped.append(1) or serialize(self, result))
    client = boto3.client("dynamodb", region_name="us-east-1")
    every_type(client)
    assert "CreationDateTime" in client.describe_table(TableName="w")["Table"]
    # an answer with what JSON has no plain form for (a date) is left to moto's
    monkeypatch.setattr(moto_dynamodb, "ITEM_OPERATIONS",
                        moto_dynamodb.ITEM_OPERATIONS | {"DescribeTable"})
    assert "CreationDateTime" in client.describe_table(TableName="w")["Table"]
    made = len(shaped)
    client.query(TableName="w", KeyConditionExpression="k = :k",
                 ExpressionAttributeValues={":k": {"S": "p"}})
    assert len(shaped) == made and "Query" in moto_dynamodb.ITEM_OPERATIONS


def test_an_expression_s_text_is_parsed_once_its_values_each_time(table, monkeypatch):
    """The same update and condition texts with other values: each request's values
    are applied and judged, while the texts are tokenized once."""
    from moto.dynamodb.comparisons import ConditionExpressionParser
    from moto.dynamodb.parsing.tokens import ExpressionTokenizer

    tokenized, lexed = [], []
    make_list = ExpressionTokenizer.make_list.__func__
    monkeypatch.setattr(ExpressionTokenizer, "make_list", classmethod(
        lambda cls, text: tokenized.append(text) or make_list(cls, text)))
    lex_one = ConditionExpressionParser._lex_one_node
    monkeypatch.setattr(ConditionExpressionParser, "_lex_one_node",
                        lambda self, rest: lexed.append(rest) or lex_one(self, rest))

    def add(amount: int, ceiling: int) -> None:
        table.update_item(TableName="t", Key={"k": {"S": "counted"}},
                          UpdateExpression="ADD hits :n SET seen = :n",
                          ConditionExpression="attribute_not_exists(hits) OR hits < :max",
                          ExpressionAttributeValues={":n": {"N": str(amount)},
                                                     ":max": {"N": str(ceiling)}})

    add(1, 10)
    add(5, 10)
    with pytest.raises(ClientError) as refused:
        add(1, 6)  # 6 < 6 is false
    assert refused.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    item = table.get_item(TableName="t", Key={"k": {"S": "counted"}})["Item"]
    assert (item["hits"], item["seen"]) == ({"N": "6"}, {"N": "5"})
    assert tokenized.count("ADD hits :n SET seen = :n") <= 1
    assert lexed.count("attribute_not_exists(hits) OR hits < :max") <= 1
    for _ in range(2):  # a text that does not parse is refused every time
        with pytest.raises(ClientError) as invalid:
            table.update_item(TableName="t", Key={"k": {"S": "counted"}},
                              UpdateExpression="ADD ADD hits :n",
                              ExpressionAttributeValues={":n": {"N": "1"}})
        assert invalid.value.response["Error"]["Code"] == "ValidationException"


def test_moto_s_server_lists_its_folders_once(monkeypatch):
    import os

    from moto import backends

    from chalicelib.local import moto_dynamodb

    monkeypatch.setattr(backends, "list_of_moto_modules", backends.list_of_moto_modules)
    listed = set(backends.list_of_moto_modules())
    moto_dynamodb.install_server()
    monkeypatch.setattr(os, "listdir", lambda path: pytest.fail("listed again"))
    assert set(backends.list_of_moto_modules()) == listed
    assert "dynamodb" in backends.list_of_moto_modules()

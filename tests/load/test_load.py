"""The load run works (a few requests of each kind, none failing); make load runs the
real one and keeps its figures in docs/load.md."""
import tempfile
from pathlib import Path

from tests.load.run import ratios, run_load, side_by_side, table
from tests.stack import local_stack


def test_a_small_load_run_completes_without_errors():
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs)) as stack:
        results = run_load(stack, requests=8, threads=2)
        compared = side_by_side(stack, requests=8, threads=2)
    # the bare route made as many DynamoDB requests for each of the three operations
    assert [r["name"] for r in compared] == [r["name"] for r in results[:3]]
    assert all(r["bare50"] > 0 and r["ratio50"] > 0 for r in compared)
    # ... recorded from the portal's own: the Summary's reads, as it made them (the
    # caller's session and logon, the member, the cases), the payment's writes as many
    summary = {r["name"]: r for r in compared}["GET /summary"]["made"]
    assert [step["op"] for step in summary[0]] == ["BatchGetItem", "Query", "BatchGetItem"]
    assert sorted(summary[0][0]["body"]["RequestItems"]) == ["csp-local-sessions",
                                                              "csp-local-users"]
    assert [r["requests"] for r in compared] == [7, 3, 6]
    assert "p50 ratio" in ratios(compared)
    assert [r["errors"] for r in results] == [0, 0, 0, 0], results
    assert all(r["count"] >= 2 and r["p50"] > 0 for r in results)
    codes = results[-1]
    assert codes["name"].startswith("the emailed code") and codes["max"] < 10  # the bound
    assert "requests/s" in table(results, 2)


def test_the_bare_route_makes_a_write_to_a_fresh_item_of_its_own_table_as_it_was_made():
    from tests.load.bare import FRESH, made_fresh

    update = {"TableName": "csp-local-throttles", "Key": {"key": {"S": "abuse#login#ip#1"}},
              "ConditionExpression": "(attribute_not_exists (#0) OR #0 < :0)",
              "UpdateExpression": "SET #1 = :1 ADD #0 :2",
              "ExpressionAttributeNames": {"#0": "hits", "#1": "ttl"},
              "ExpressionAttributeValues": {":0": {"N": "6000"}, ":1": {"N": "9"}, ":2": {"N": "1"}}}
    put = {"TableName": "csp-local-sessions", "Item": {"token_hash": {"S": "h"}, "role": {"S": "parent"}}}
    made = made_fresh("TransactWriteItems", {"TransactItems": [{"Update": update}, {"Put": put}]},
                      "bare")["TransactItems"]
    assert made[0]["Update"] == {
        **update, "TableName": "bare", "Key": {"key": {"S": FRESH}},
        "ConditionExpression": "(attribute_not_exists (#0) OR #0 < :0) OR attribute_not_exists (#fresh)",
        "ExpressionAttributeNames": {"#0": "hits", "#1": "ttl", "#fresh": "key"}}
    assert made[1]["Put"] == {"TableName": "bare", "Item": {
        "token_hash": {"S": "h"}, "role": {"S": "parent"}, "key": {"S": FRESH}}}
    assert made_fresh("BatchWriteItem", {"RequestItems": {"a": [{"PutRequest": {"Item": {
        "x": {"S": "1"}}}}], "b": [{"DeleteRequest": {"Key": {"y": {"S": "2"}}}}]}}, "bare") == {
        "RequestItems": {"bare": [{"PutRequest": {"Item": {"x": {"S": "1"}, "key": {"S": FRESH}}}},
                                  {"DeleteRequest": {"Key": {"key": {"S": FRESH}}}}]}}
    assert "ConditionExpression" not in made_fresh("PutItem", put, "bare")

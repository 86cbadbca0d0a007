"""infra/index_steps.py: a release that adds or drops indexes is applied in steps that
each add or drop at most one index per table (DynamoDB's limit per UpdateTable), the new
indexes before the code that reads them, the old ones dropped after the code that read
them is gone; an index changed in place is refused."""
from __future__ import annotations

import copy
import importlib.util
import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("index_steps", ROOT / "infra" / "index_steps.py")
index_steps = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = index_steps
spec.loader.exec_module(index_steps)


def index(name: str, key: str, projection: str = "KEYS_ONLY", include=()) -> dict:
    shape = {"ProjectionType": projection, **({"NonKeyAttributes": list(include)}
                                               if include else {})}
    return {"IndexName": name, "KeySchema": [{"AttributeName": key, "KeyType": "HASH"},
                                             {"AttributeName": "id", "KeyType": "RANGE"}],
            "Projection": shape}


def template(code: str, **tables: list[dict]) -> dict:
    resources = {"Api": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": code}}}
    for name, indexes in tables.items():
        keys = {"id"} | {k["AttributeName"] for i in indexes for k in i["KeySchema"]}
        resources[name] = {"Type": "AWS::DynamoDB::Table", "Properties": {
            "TableName": {"Fn::Sub": "${TablePrefix}" + name.lower()},
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": k, "AttributeType": "S"}
                                     for k in sorted(keys)],
            **({"GlobalSecondaryIndexes": indexes} if indexes else {})}}
    return {"Resources": resources}


def names(step: dict, table: str) -> list[str]:
    return [i["IndexName"] for i in
            step["Resources"][table]["Properties"].get("GlobalSecondaryIndexes", [])]


def attributes(step: dict, table: str) -> list[str]:
    return [a["AttributeName"] for a in
            step["Resources"][table]["Properties"]["AttributeDefinitions"]]


def code(step: dict) -> str:
    return step["Resources"]["Api"]["Properties"]["CodeUri"]


def test_a_release_with_no_index_change_is_one_step():
    live = template("old", Cases=[index("by_day", "day")])
    release = template("new", Cases=[index("by_day", "day")])
    before, main, after = index_steps.steps(live, release)
    assert (before, after) == ([], []) and main == release


def test_two_new_indexes_of_a_table_are_added_one_at_a_time_before_the_release():
    live = template("old", Cases=[index("by_due_bucket", "due_bucket"),
                                  index("by_event_day", "event_day")], Users=[])
    release = template("new", Cases=[index("by_due_day", "due_bucket", "INCLUDE", ["status"]),
                                     index("by_event_date", "event_day", "INCLUDE", ["at"])],
                       Users=[index("by_purge_day", "purge")])
    before, main, after = index_steps.steps(live, release)
    # the code stays as deployed while the indexes are added
    assert [code(s) for s in before] == ["old", "old"]
    assert [names(s, "Cases") for s in before] == [
        ["by_due_bucket", "by_event_day", "by_due_day"],
        ["by_due_bucket", "by_event_day", "by_due_day", "by_event_date"]]
    assert [names(s, "Users") for s in before] == [["by_purge_day"], ["by_purge_day"]]
    assert attributes(before[0], "Users") == ["id", "purge"]
    # the release itself changes no index: it still holds the ones it drops
    assert code(main) == "new"
    assert names(main, "Cases") == ["by_due_day", "by_event_date", "by_due_bucket",
                                    "by_event_day"]
    # then the old ones go, one per step, the code already the release's
    assert [code(s) for s in after] == ["new", "new"]
    assert [names(s, "Cases") for s in after] == [
        ["by_due_day", "by_event_date", "by_event_day"], ["by_due_day", "by_event_date"]]
    assert attributes(after[-1], "Cases") == ["due_bucket", "event_day", "id"]
    assert after[-1] == release


def test_each_step_adds_or_drops_at_most_one_index_per_table():
    live = template("old", Cases=[index(f"old{n}", f"a{n}") for n in range(3)],
                    Payments=[index("keep", "k")])
    release = template("new", Cases=[index(f"new{n}", f"b{n}") for n in range(4)],
                       Payments=[index("keep", "k"), index("by_check_day", "check")])
    before, main, after = index_steps.steps(live, release)
    chain = [live, *before, main, *after]
    for was, now in itertools.pairwise(chain):
        for table in ("Cases", "Payments"):
            assert len(set(names(was, table)) ^ set(names(now, table))) <= 1
    assert chain[-1] == release
    # a dropped index's key attribute is still defined while the index stays
    assert "a2" in attributes(main, "Cases") and "a2" not in attributes(release, "Cases")


def test_an_index_changed_under_its_own_name_is_refused():
    live = template("old", Cases=[index("by_due_bucket", "due_bucket")])
    release = template("new", Cases=[index("by_due_bucket", "due_bucket", "INCLUDE", ["x"])])
    with pytest.raises(index_steps.IndexChangeRefused, match="by_due_bucket"):
        index_steps.steps(live, release)


def test_a_new_table_comes_with_its_indexes_in_the_release():
    live = template("old")
    release = template("new", Cases=[index("a", "a"), index("b", "b")])
    before, main, after = index_steps.steps(live, release)
    assert (before, after, main) == ([], [], release)


def test_the_summary_and_the_table_names():
    live = template("old", Cases=[index("by_due_bucket", "due_bucket")])
    release = template("new", Cases=[index("by_due_day", "due_bucket")])
    assert index_steps.summary(live, release) == [
        "Cases: add index by_due_day (before the release, waiting for it to be ACTIVE)",
        "Cases: drop index by_due_bucket (after the release)"]
    assert index_steps.table_names(copy.deepcopy(release), {"TablePrefix": "csp-prod-"}) == [
        "csp-prod-cases"]

"""A release's index changes, in the steps DynamoDB allows (for infra/deploy.py).

DynamoDB creates or deletes one global secondary index of a table per UpdateTable, so
CloudFormation refuses an update that adds or drops two on one table; and it goes on
while a new index backfills, so code that queries an index in the same update can run
before the index answers. A projection cannot change in place either: a changed index is
a new one under a new name. So a release that changes indexes is applied as:

1. before: the live template (the code and everything else as deployed) with the new
   indexes added, one per table per step; the deploy waits for each to be ACTIVE;
2. the release's own template, still holding the indexes it drops (no index changes);
3. after: the release's template with the dropped indexes removed, one per table per
   step, once no code reads them.

An index whose keys or projection change under the same name is refused: name it anew."""
from __future__ import annotations

import copy

TABLE = "AWS::DynamoDB::Table"


class IndexChangeRefused(ValueError):
    pass


def steps(live: dict, release: dict) -> tuple[list[dict], dict, list[dict]]:
    """(before, main, after): the templates to apply in order to go from `live` to
    `release` (main is `release` itself when no index changes)."""
    changes = {name: _changes(live["Resources"][name], table)
               for name, table in _tables(release).items() if name in _tables(live)}
    changes = {name: c for name, c in changes.items() if c[0] or c[1]}
    before, added = [], {name: 0 for name in changes}
    while any(added[name] < len(adds) for name, (adds, _) in changes.items()):
        for name, (adds, _) in changes.items():
            added[name] = min(added[name] + 1, len(adds))
        before.append(_with(live, {name: _indexes(live["Resources"][name])
                                   + adds[:added[name]]
                                   for name, (adds, _) in changes.items()}, release))
    main = _with(release, {name: _indexes(release["Resources"][name]) + drops
                           for name, (_, drops) in changes.items() if drops}, live)
    after, left = [], {name: list(drops) for name, (_, drops) in changes.items()}
    while any(left.values()):
        for name in left:
            left[name] = left[name][1:]
        after.append(_with(release, {name: _indexes(release["Resources"][name]) + rest
                                     for name, rest in left.items()}, live))
    return before, main, after


def summary(live: dict, release: dict) -> list[str]:
    """What the steps do, a line per index."""
    lines = []
    for name, table in _tables(release).items():
        if name in _tables(live):
            adds, drops = _changes(live["Resources"][name], table)
            lines += [f"{name}: add index {i['IndexName']} (before the release, waiting "
                      f"for it to be ACTIVE)" for i in adds]
            lines += [f"{name}: drop index {i['IndexName']} (after the release)"
                      for i in drops]
    return lines


def table_names(template: dict, parameters: dict[str, str]) -> list[str]:
    """The tables' names, their `${...}` filled from the stack's parameters."""
    names = []
    for table in _tables(template).values():
        name = table["Properties"]["TableName"]
        name = name.get("Fn::Sub", name) if isinstance(name, dict) else name
        for key, value in parameters.items():
            name = name.replace("${" + key + "}", value)
        names.append(name)
    return names


def _tables(template: dict) -> dict[str, dict]:
    return {name: r for name, r in template["Resources"].items() if r.get("Type") == TABLE}


def _indexes(table: dict) -> list[dict]:
    return list(table["Properties"].get("GlobalSecondaryIndexes", []))


def _changes(live: dict, release: dict) -> tuple[list[dict], list[dict]]:
    """(added, dropped) indexes of one table; a changed index is refused."""
    was = {i["IndexName"]: i for i in _indexes(live)}
    now = {i["IndexName"]: i for i in _indexes(release)}
    for name in was.keys() & now.keys():
        if _shape(was[name]) != _shape(now[name]):
            raise IndexChangeRefused(
                f"index {name} changes its keys or projection in place, which DynamoDB "
                f"cannot do: give the changed index a new name")
    return ([now[n] for n in now if n not in was], [was[n] for n in was if n not in now])


def _shape(index: dict) -> tuple:
    projection = index.get("Projection", {})
    return (repr(index["KeySchema"]), projection.get("ProjectionType"),
            tuple(sorted(projection.get("NonKeyAttributes", []))))


def _with(template: dict, indexes: dict[str, list[dict]], other: dict) -> dict:
    """`template` with those tables' indexes, and the attribute definitions their keys
    need (the types from `template`, else from `other`)."""
    out = copy.deepcopy(template)
    for name, listed in indexes.items():
        properties = out["Resources"][name]["Properties"]
        types = {a["AttributeName"]: a["AttributeType"]
                 for source in (other["Resources"].get(name, {}), out["Resources"][name])
                 for a in source.get("Properties", {}).get("AttributeDefinitions", [])}
        keys = {k["AttributeName"] for k in properties["KeySchema"]} | {
            k["AttributeName"] for i in listed for k in i["KeySchema"]}
        properties["AttributeDefinitions"] = [{"AttributeName": k, "AttributeType": types[k]}
                                              for k in sorted(keys)]
        if listed:
            properties["GlobalSecondaryIndexes"] = copy.deepcopy(listed)
        else:
            properties.pop("GlobalSecondaryIndexes", None)
    return out

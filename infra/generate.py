"""Writes infra/dynamodb.json: one AWS::DynamoDB::Table per PynamoDB model, so the
deployment template can never drift from the code (tests/infra checks it).

    python infra/generate.py            # rewrite the file
    python infra/generate.py --check    # exit 1 if the file is stale
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "infra" / "dynamodb.json"


def _logical_id(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-")) + "Table"


def _keys(key_schema: list[dict]) -> list[dict]:
    """HASH before RANGE, as CloudFormation requires."""
    return [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]}
            for k in sorted(key_schema, key=lambda k: k["KeyType"] != "HASH")]


def table_resource(model) -> tuple[str, dict]:
    from chalicelib.dal.base import TABLE_PREFIX

    schema = model._get_schema()  # noqa: SLF001  (PynamoDB's own description of the table)
    name = model.Meta.table_name.removeprefix(TABLE_PREFIX)
    attributes = {a["AttributeName"]: a["AttributeType"] for a in schema["attribute_definitions"]}
    properties: dict = {
        "TableName": {"Fn::Sub": "${TablePrefix}" + name},
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": k, "AttributeType": v}
                                 for k, v in sorted(attributes.items())],
        "KeySchema": _keys(schema["key_schema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        "Tags": [{"Key": "app", "Value": "child-support-portal"}],
    }
    indexes = [{"IndexName": i["index_name"],
                "KeySchema": _keys(i["key_schema"]),
                "Projection": {"ProjectionType": i["projection"]["ProjectionType"]}}
               for i in schema["global_secondary_indexes"]]
    if indexes:
        properties["GlobalSecondaryIndexes"] = indexes
    ttl = model._ttl_attribute()  # noqa: SLF001
    if ttl is not None:
        properties["TimeToLiveSpecification"] = {"AttributeName": ttl.attr_name, "Enabled": True}
    return _logical_id(name), {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain",
                               "UpdateReplacePolicy": "Retain", "Properties": properties}


def template() -> dict:
    from chalicelib.dal.tables import MODELS

    resources = dict(sorted(table_resource(m) for m in MODELS))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Child support portal: DynamoDB tables, generated from the PynamoDB "
                       "models by infra/generate.py. Do not edit by hand.",
        "Parameters": {"TablePrefix": {"Type": "String", "Default": "csp-prod-",
                                       "Description": "The stage's TABLE_PREFIX."}},
        "Resources": resources,
    }


def render() -> str:
    return json.dumps(template(), indent=2) + "\n"


def main(argv: list[str]) -> int:
    os.environ.setdefault("TABLE_PREFIX", "csp-infra-")  # names are made relative to it
    sys.path.insert(0, str(ROOT))
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python infra/generate.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(template()['Resources'])} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The retention schedule (docs/security/retention.md) matches the template: every table
is listed, and those it says are kept by "TTL" have DynamoDB's time to live on the
attribute it names (and no other table has one)."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_table_is_in_the_schedule_and_ttl_is_where_it_says():
    text = (ROOT / "docs" / "security" / "retention.md").read_text()
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r"^\| `([a-z-]+)` \|.*\| ([^|]+) \|$", text, re.MULTILINE)}
    template = json.loads((ROOT / "infra" / "dynamodb.json").read_text())["Resources"]
    tables = {t["Properties"]["TableName"]["Fn::Sub"].removeprefix("${TablePrefix}"): t
              for t in template.values()}
    assert set(tables) <= set(rows), set(tables) - set(rows)
    for name, table in tables.items():
        ttl = table["Properties"].get("TimeToLiveSpecification")
        said = re.search(r"TTL `(\w+)`", rows[name])
        assert bool(ttl) == bool(said), name
        if ttl:
            assert ttl["AttributeName"] == said.group(1), name


def test_the_buckets_are_kept_as_the_schedule_says():
    resources = json.loads((ROOT / "infra" / "resources.json").read_text())["Resources"]
    documents = resources["DocumentsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    by_id = {r["Id"]: r for r in documents}
    assert by_id["old-versions"]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30
    assert by_id["abort-incomplete-uploads"]["AbortIncompleteMultipartUpload"][
        "DaysAfterInitiation"] == 1
    lock = resources["AuditBucket"]["Properties"]["ObjectLockConfiguration"]
    assert lock["Rule"]["DefaultRetention"] == {"Mode": "COMPLIANCE",
                                                "Days": {"Ref": "AuditRetentionDays"}}
    logs = resources["WebLogsBucket"]["Properties"]
    assert logs["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == {
        "Fn::If": ["ProdStage", 365, 30]}
    web = resources["WebDistribution"]["Properties"]["DistributionConfig"]
    assert web["Logging"] == {"Bucket": {"Fn::GetAtt": ["WebLogsBucket", "RegionalDomainName"]},
                              "Prefix": "cloudfront/", "IncludeCookies": False}
    from chalicelib.dal.audit import KEPT

    template = json.loads((ROOT / "infra" / "resources.json").read_text())
    assert KEPT.days == template["Parameters"]["AuditRetentionDays"]["Default"]

"""infra/deploy.py against moto: the artifacts bucket (private, encrypted), the package
and template uploaded under content names, every function pointed at the package, a
change set with the stage's parameters, shown, asked about, applied; declining applies
nothing. moto's CloudFormation cannot run chalice's SAM template (it stops at the Lambda
permissions), so a stand-in holds the tables and one function; cfn-lint checks the real
template in test_package.py."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

ROOT = Path(__file__).resolve().parents[2]


def _deployer():
    spec = importlib.util.spec_from_file_location("infra_deploy", ROOT / "infra" / "deploy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


deploy = _deployer()


@pytest.fixture
def built(tmp_path):
    template = json.loads((ROOT / "infra" / "dynamodb.json").read_text())
    template["Parameters"].update({"Stage": {"Type": "String"}, "WebOrigin": {"Type": "String"},
                                   "AlarmEmail": {"Type": "String"}})
    template["Resources"]["APIHandler"] = {"Type": "AWS::Serverless::Function", "Properties": {
        "Runtime": "python3.11", "Handler": "app.app", "CodeUri": "./deployment.zip"}}
    (tmp_path / "sam.json").write_text(json.dumps(template))
    (tmp_path / "deployment.zip").write_bytes(b"PK package")
    return tmp_path


@pytest.fixture
def account(monkeypatch):
    monkeypatch.setenv("ALARM_EMAIL", "oncall@agency.example.gov")
    # the repository's prod settings are examples, which a real deploy refuses (tested
    # below); these tests deploy them to moto
    monkeypatch.setattr(deploy, "placeholders", lambda env: [])
    with mock_aws():
        yield boto3.session.Session(region_name="us-east-1")


def test_a_first_deploy_creates_the_stack_from_uploaded_artifacts(built, account):
    said = []
    deploy.deploy("prod", built, yes=True, session=account, say=said.append)
    # (moto reports no outputs for stacks made by change sets: the parameters below show
    # what reached the stack)
    s3 = account.client("s3")
    bucket = "csp-prod-artifacts-123456789012-us-east-1"
    assert all(s3.get_public_access_block(Bucket=bucket)[
        "PublicAccessBlockConfiguration"].values())
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert len(keys) == 2 and all(k.startswith("prod/") for k in keys)
    code = next(k for k in keys if k.endswith(".zip"))
    assert s3.get_object(Bucket=bucket, Key=code)["Body"].read() == b"PK package"
    deployed = json.loads((built / "sam.deployed.json").read_text())
    assert deployed["Resources"]["APIHandler"]["Properties"]["CodeUri"] == \
        f"s3://{bucket}/{code}"
    stack = account.client("cloudformation").describe_stacks(
        StackName="child-support-portal-prod")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    assert parameters == {"Stage": "prod", "TablePrefix": "csp-prod-",
                          "WebOrigin": "https://childsupport.example.gov",
                          "AlarmEmail": "oncall@agency.example.gov"}
    tables = account.client("dynamodb").list_tables()["TableNames"]
    assert "csp-prod-users" in tables
    assert any("Add" in line and "UsersTable" in line for line in said)


def test_declining_the_change_set_applies_nothing(built, account):
    said = []
    outputs = deploy.deploy("dev", built, yes=False, session=account, say=said.append,
                            ask=lambda prompt: "n")
    assert outputs == {} and said[-1] == "nothing applied"
    assert account.client("dynamodb").list_tables()["TableNames"] == []


def test_a_second_deploy_updates_the_same_stack(built, account):
    deploy.deploy("prod", built, yes=True, session=account, say=lambda _: None)
    (built / "deployment.zip").write_bytes(b"PK package, changed")
    deploy.deploy("prod", built, yes=True, session=account, say=lambda _: None)
    cloudformation = account.client("cloudformation")
    assert len(cloudformation.list_stacks()["StackSummaries"]) == 1
    bucket = "csp-prod-artifacts-123456789012-us-east-1"
    zips = [o for o in account.client("s3").list_objects_v2(Bucket=bucket)["Contents"]
            if o["Key"].endswith(".zip")]
    assert len(zips) == 2  # each package under its own content name


def test_the_parameters_come_from_the_stage_settings(monkeypatch):
    monkeypatch.delenv("ALARM_EMAIL", raising=False)
    assert deploy.parameters("dev") == {"Stage": "dev", "TablePrefix": "csp-dev-",
                                        "WebOrigin": "https://dev.childsupport.example.gov",
                                        "AlarmEmail": "", "ApiDeploymentType": "AllAtOnce"}


def test_prod_is_not_deployed_without_an_address_for_its_alarms(monkeypatch):
    """Issue #24: an alarm topic with no subscription tells no one."""
    monkeypatch.delenv("ALARM_EMAIL", raising=False)
    with pytest.raises(SystemExit, match="ALARM_EMAIL"):
        deploy.parameters("prod")
    monkeypatch.setenv("ALARM_EMAIL", "oncall@agency.example.gov")
    assert deploy.parameters("prod")["AlarmEmail"] == "oncall@agency.example.gov"


def test_the_web_client_is_published_to_its_bucket_and_cloudfront_refreshed(account, tmp_path):
    dist = tmp_path / "dist"
    (dist / "js").mkdir(parents=True)
    (dist / "vendor" / "uswds" / "css").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>")
    (dist / "js" / "main.js").write_text("export {};")
    (dist / "vendor" / "uswds" / "css" / "uswds.min.css").write_text("body{}")
    (dist / ".built").write_text("")
    s3 = account.client("s3")
    s3.create_bucket(Bucket="csp-prod-web-123456789012")
    cloudfront = account.client("cloudfront")
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "test", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": "web.s3.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}})["Distribution"]["Id"]
    count = deploy.publish_web(account, "csp-prod-web-123456789012", distribution, dist,
                               say=lambda _: None)
    assert count == 3  # not the build stamp
    page = s3.get_object(Bucket="csp-prod-web-123456789012", Key="index.html")
    assert page["ContentType"] == "text/html; charset=utf-8" and page["CacheControl"] == "no-cache"
    script = s3.head_object(Bucket="csp-prod-web-123456789012", Key="js/main.js")
    assert script["ContentType"].startswith("text/javascript")
    vendor = s3.head_object(Bucket="csp-prod-web-123456789012", Key="vendor/uswds/css/uswds.min.css")
    assert vendor["CacheControl"] == "public, max-age=86400"
    invalidations = cloudfront.list_invalidations(DistributionId=distribution)
    assert invalidations["InvalidationList"]["Quantity"] == 1


def test_a_stack_whose_first_create_failed_is_deleted_and_made_again(account):
    """Issue #24: a first create that fails leaves the stack in ROLLBACK_COMPLETE, which
    CloudFormation can only delete; the deploy deletes it (nothing is kept: its
    resources are RetainExceptOnCreate) and creates it anew."""
    cloudformation = account.client("cloudformation")
    said: list[str] = []
    assert not deploy.clear_failed_create(cloudformation, "no-such-stack", said.append)

    class Failed:  # moto makes no stack that rolled back: its answers, as AWS gives them
        exceptions = cloudformation.exceptions

        def __init__(self):
            self.deleted = False

        def describe_stacks(self, StackName):
            return {"Stacks": [{"StackName": StackName, "StackStatus": "ROLLBACK_COMPLETE"}]}

        def delete_stack(self, StackName):
            self.deleted = True

        def get_waiter(self, name):
            assert name == "stack_delete_complete"
            return type("Waiter", (), {"wait": lambda self, StackName: None})()

    failed = Failed()
    assert deploy.clear_failed_create(failed, "child-support-portal-prod", said.append)
    assert failed.deleted and "first create failed" in said[-1]


def test_the_states_own_domain_is_served_on_its_certificate(monkeypatch):
    """Issue #24: the domain and its ACM certificate are template parameters, not a hand
    edit of the distribution that drifts; CloudFront then accepts TLS 1.2 (2021) and up."""
    from tests.infra.test_tables_template import generator

    monkeypatch.setenv("ALARM_EMAIL", "oncall@agency.example.gov")
    monkeypatch.setenv("WEB_CERTIFICATE_ARN", "arn:aws:acm:us-east-1:123456789012:certificate/x")
    found = deploy.parameters("prod")
    assert found["WebDomain"] == "childsupport.example.gov"
    assert found["WebCertificateArn"].endswith("certificate/x")
    web = generator().resources_template()["Resources"]["WebDistribution"]["Properties"][
        "DistributionConfig"]
    own, default = web["ViewerCertificate"]["Fn::If"][1:]
    assert own["MinimumProtocolVersion"] == "TLSv1.2_2021" and own["SslSupportMethod"] == "sni-only"
    assert default == {"CloudFrontDefaultCertificate": True}
    assert web["Aliases"]["Fn::If"][1] == [{"Ref": "WebDomain"}]


def test_the_agencys_networks_are_passed_to_the_staff_route_rule(monkeypatch):
    monkeypatch.setenv("ALARM_EMAIL", "oncall@agency.example.gov")
    # and prod's API versions arrive gradually, dev's at once
    assert deploy.parameters("prod")["ApiDeploymentType"] == "Canary10Percent5Minutes"
    assert deploy.parameters("dev")["ApiDeploymentType"] == "AllAtOnce"
    assert "StaffNetworks" not in deploy.parameters("prod")
    monkeypatch.setenv("STAFF_NETWORKS", " 203.0.113.0/24, 198.51.100.7/32 ,")
    assert deploy.parameters("prod")["StaffNetworks"] == "203.0.113.0/24,198.51.100.7/32"


def test_prod_is_not_deployed_with_the_example_settings():
    """Issue #24 (a preflight): .chalice/config.json's prod names example.gov; a deploy
    refuses it before anything is uploaded, naming each setting to change."""
    with pytest.raises(SystemExit) as refused:
        deploy.check_stage_settings("prod")
    for name in ("SENDER_EMAIL", "WEB_BASE_URL", "WEBAUTHN_RP_ID", "WEB_ORIGINS"):
        assert name in str(refused.value)
    deploy.check_stage_settings("dev")  # dev may keep them
    assert deploy.placeholders({"SENDER_EMAIL": "no-reply@childsupport.alaska.gov"}) == []


def test_the_first_deploy_makes_the_first_administrator_and_later_ones_none(aws):
    """Issue #24: the first administrator comes from the deploy, not a hand-written
    item; a stage that has one gets no other."""
    from chalicelib.dal import users
    from chalicelib.domain.contact import email_key

    said = []
    with pytest.raises(SystemExit, match="ADMIN_EMAIL"):
        deploy.bootstrap_administrator(None, lambda: "unused", said.append)
    with pytest.raises(SystemExit, match="not made"):
        deploy.bootstrap_administrator("it.admin@agency.example.gov", lambda: "short",
                                       said.append)
    assert deploy.bootstrap_administrator("it.admin@agency.example.gov",
                                          lambda: "Harbor-Lantern-Tidewater-88", said.append)
    made = users.find_by_email(email_key("it.admin@agency.example.gov"))
    assert (made.role, made.status, made.staff) == ("administrator", "active", "staff")
    assert not deploy.bootstrap_administrator("other@agency.example.gov",
                                              lambda: "Harbor-Lantern-Tidewater-88",
                                              said.append)
    assert users.find_by_email(email_key("other@agency.example.gov")) is None
    assert said == ["first administrator: it.admin@agency.example.gov (sign in, then add "
                    "an authenticator app)"]


def test_a_release_that_changes_indexes_is_applied_in_steps(built, account):
    """The new index is added (and waited for) under the code as deployed; the release
    still holds the old one; then it is dropped: each step one index per table."""
    deploy.deploy("prod", built, yes=True, session=account, say=lambda _: None)
    first_code = json.loads((built / "sam.deployed.json").read_text())["Resources"][
        "APIHandler"]["Properties"]["CodeUri"]
    template = json.loads((built / "sam.json").read_text())
    cases = template["Resources"]["CasesTable"]["Properties"]
    old = cases["GlobalSecondaryIndexes"][0]
    new = {**old, "IndexName": old["IndexName"] + "_new",
           "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["status"]}}
    cases["GlobalSecondaryIndexes"][0] = new
    (built / "sam.json").write_text(json.dumps(template))
    (built / "deployment.zip").write_bytes(b"PK package, reads the new index")
    said, asked = [], []
    deploy.deploy("prod", built, yes=False, session=account, say=said.append,
                  ask=lambda q: asked.append(q) or "y")
    assert f"  CasesTable: add index {new['IndexName']} (before the release, waiting for it " \
           f"to be ACTIVE)" in said
    assert f"  CasesTable: drop index {old['IndexName']} (after the release)" in said
    assert any("index step 1 of 1 before" in line for line in said)
    assert any("index step 1 of 1 after" in line for line in said)
    assert len(asked) == 2  # the index steps, then the release's change set
    step = json.loads((built / "sam.before1.json").read_text())
    assert step["Resources"]["APIHandler"]["Properties"]["CodeUri"].endswith(
        first_code)  # the code as deployed, while the index is added
    assert [i["IndexName"] for i in step["Resources"]["CasesTable"]["Properties"][
        "GlobalSecondaryIndexes"]][-1] == new["IndexName"]
    # (moto's CloudFormation keeps a table's indexes as first made: the template the
    # stack holds shows where the steps left it)
    live = account.client("cloudformation").get_template(
        StackName="child-support-portal-prod")["TemplateBody"]
    live = json.loads(live) if isinstance(live, str) else live
    assert [i["IndexName"] for i in live["Resources"]["CasesTable"]["Properties"][
        "GlobalSecondaryIndexes"]] == [i["IndexName"] for i in cases["GlobalSecondaryIndexes"]]


def test_an_index_changed_in_place_stops_the_deploy_before_anything_is_applied(built, account):
    deploy.deploy("prod", built, yes=True, session=account, say=lambda _: None)
    template = json.loads((built / "sam.json").read_text())
    index = template["Resources"]["CasesTable"]["Properties"]["GlobalSecondaryIndexes"][0]
    index["Projection"] = {"ProjectionType": "ALL"}
    (built / "sam.json").write_text(json.dumps(template))
    with pytest.raises(SystemExit, match="give the changed index a new name"):
        deploy.deploy("prod", built, yes=True, session=account, say=lambda _: None)

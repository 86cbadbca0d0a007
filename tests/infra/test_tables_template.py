"""The DynamoDB part of the deployment template is generated from the models: it is
current, it passes cfn-lint, and the stack it makes (in moto's CloudFormation) runs the
registration flow."""
import contextlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "dynamodb.json"


def generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "infra" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_template_matches_the_models():
    assert TEMPLATE.read_text() == generator().render(), "run: python infra/generate.py"


def test_every_table_has_recovery_encryption_and_its_ttl():
    from chalicelib.dal.tables import MODELS

    resources = json.loads(TEMPLATE.read_text())["Resources"]
    assert len(resources) == len(MODELS)
    for resource in resources.values():
        properties = resource["Properties"]
        assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
        assert properties["SSESpecification"]["SSEEnabled"]
        assert properties["BillingMode"] == "PAY_PER_REQUEST"
        # issue #24: kept if the stack goes, but not left behind by a first create that
        # failed; deleting one takes turning its protection off first
        assert properties["DeletionProtectionEnabled"] is True
        assert resource["DeletionPolicy"] == "RetainExceptOnCreate"
        assert resource["UpdateReplacePolicy"] == "Retain"
    sessions = resources["SessionsTable"]["Properties"]
    assert sessions["TimeToLiveSpecification"] == {"AttributeName": "ttl", "Enabled": True}
    assert sessions["GlobalSecondaryIndexes"][0]["IndexName"] == "by_user"


def test_cfn_lint_passes():
    lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(lint), str(TEMPLATE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_stack_from_the_template_runs_registration_and_sign_in(stack_client):
    client, outbox = stack_client
    from tests.people import register, sign_in

    register(client, outbox, "stack@example.com")
    token = sign_in(client, outbox, "stack@example.com")
    assert client.get("/me", token=token).data["email"] == "stack@example.com"


def test_the_full_stack_serves_two_step_set_up_and_documents(full_stack_client):
    """The merge template's bucket and key (as moto's CloudFormation makes them) are the
    ones the app uses: an authenticator secret encrypted under the stack's key alias, a
    document uploaded to and read back from the stack's bucket."""
    client, outbox, bucket = full_stack_client
    from tests.api.test_documents import PDF, upload
    from tests.people import register, sign_in

    register(client, outbox, "stack@example.com")
    token = sign_in(client, outbox, "stack@example.com")
    assert client.post("/me/mfa/totp", {}, token=token).status_code == 201
    document = upload(client, token)
    opened = client.get(f"/documents/{document}", token=token).data
    assert f"{bucket}." in opened["download_url"] or f"/{bucket}/" in opened["download_url"]
    import requests

    assert requests.get(opened["download_url"]).content == PDF


@pytest.fixture
def stack_client():
    """Tables made by CloudFormation from the template (not by create_all)."""
    from chalicelib.dal.base import TABLE_PREFIX
    from chalicelib.integrations import queue

    with _stack(TEMPLATE.read_text(), TABLE_PREFIX) as (api, outbox, _):
        queue.ensure(queue.MAIL, queue.MAIL_DEAD)  # the tables' template has no queues
        queue.ensure(queue.WORK, queue.WORK_DEAD)
        queue.ensure(queue.AUDIT, queue.AUDIT_DEAD)
        queue.ensure(queue.BANK, queue.BANK_DEAD)
        tables = boto3.client("dynamodb", region_name="us-east-1").list_tables()["TableNames"]
        expected = len(json.loads(TEMPLATE.read_text())["Resources"])
        assert len([t for t in tables if t.startswith(TABLE_PREFIX)]) == expected
        yield api, outbox


@pytest.fixture
def full_stack_client(monkeypatch):
    """Everything the merge template makes that moto's CloudFormation can (tables, buckets,
    KMS key and alias, topic; it skips alarms, the SES configuration set and the secret,
    and cannot make the CloudFront distribution, which is left out),
    with the SAM parts (Transform, Globals) left to CloudFormation's transform, and the
    app pointed at the stack's names as Globals would point the functions."""
    from chalicelib.dal.base import TABLE_PREFIX

    template = json.loads((ROOT / "infra" / "resources.json").read_text())
    del template["Transform"], template["Globals"]
    for cloudfront in ("WebDistribution", "WebOriginAccess", "WebPages", "WebHeaders",
                       "ApiNoCache", "WebBucketPolicy"):  # moto's CloudFormation has none
        del template["Resources"][cloudfront]
    del template["Resources"]["Dashboard"]  # it names the alarms, which moto skips
    for output in ("WebDistributionId", "WebUrl"):
        del template["Outputs"][output]
    # fragments of chalice package's functions, log groups and API (no Type of their own)
    for fragment in [k for k, v in template["Resources"].items() if "Type" not in v]:
        del template["Resources"][fragment]
    # the functions' roles chalice package makes, which the key's and the SSN secret's
    # policies name
    for role in ("ApiHandlerRole", "PublicWorkRole", "JobAchFileRole", "BankReturnsRole"):
        template["Resources"][role] = {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole"}]}}}
    monkeypatch.setenv("KMS_KEY_ID", "alias/csp-prod")
    with _stack(json.dumps(template), TABLE_PREFIX, create_key=False) as (api, outbox,
                                                                            outputs):
        monkeypatch.setenv("DOCUMENTS_BUCKET", outputs["DocumentsBucketName"])
        monkeypatch.setenv("AUDIT_BUCKET", outputs["AuditBucketName"])
        monkeypatch.setenv("BANK_BUCKET", outputs["BankBucketName"])
        yield api, outbox, outputs["DocumentsBucketName"]


@contextlib.contextmanager
def _stack(body: str, prefix: str, create_key: bool = True):
    from chalice.test import Client

    from app import app
    from chalicelib.integrations import email, kms
    from tests.local_aws import _WORKER, SENDER, Api, Outbox

    _WORKER.clear()  # this stack's mail worker, not an earlier test's
    with mock_aws():
        cloudformation = boto3.client("cloudformation", region_name="us-east-1")
        cloudformation.create_stack(
            StackName="portal", TemplateBody=body,
            Parameters=[{"ParameterKey": "TablePrefix", "ParameterValue": prefix}])
        stack = cloudformation.describe_stacks(StackName="portal")["Stacks"][0]
        assert stack["StackStatus"] == "CREATE_COMPLETE"
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        email.verify_sender(SENDER)
        if create_key:
            kms.ensure_key(os.environ["KMS_KEY_ID"])
        with Client(app, stage_name="local") as raw:
            yield Api(raw), Outbox(), outputs


def test_the_merge_template_is_current_and_complete():
    from chalicelib.dal.tables import MODELS

    path = ROOT / "infra" / "resources.json"
    made = generator().resources_template()
    assert json.loads(path.read_text()) == made, "run: python infra/generate.py"
    # a fragment (its alarms name chalice's APIHandler): cfn-lint checks it merged, in
    # tests/infra/test_package.py
    resources = made["Resources"]
    bucket = resources["DocumentsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert resources["SecretsKey"]["Properties"]["EnableKeyRotation"] is True
    tables = [r for r in resources.values() if r.get("Type") == "AWS::DynamoDB::Table"]
    assert len(tables) == len(MODELS)
    alarms = [r for r in resources.values() if r.get("Type") == "AWS::CloudWatch::Alarm"]
    assert len(alarms) >= len(MODELS) + 8 + 2  # each table, each job, the API function
    # the email outbox: its stream, the queue and its dead-letter queue with an alarm
    assert resources["OutboxTable"]["Properties"]["StreamSpecification"] == {
        "StreamViewType": "KEYS_ONLY"}
    mail = resources["MailQueue"]["Properties"]
    assert mail["RedrivePolicy"]["maxReceiveCount"] == 5
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    for stage in ("dev", "prod"):  # AWS: a queue's visibility, 6 times its function's timeout
        timeout = config["stages"][stage]["lambda_functions"]["mail_deliver"]["lambda_timeout"]
        assert mail["VisibilityTimeout"] >= 6 * timeout
    dead = resources["MailDeadLettersAlarm"]["Properties"]
    assert dead["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert dead["AlarmActions"] == [{"Ref": "AlarmTopic"}]
    work = resources["WorkQueue"]["Properties"]
    assert work["RedrivePolicy"]["maxReceiveCount"] == 5
    for stage in ("dev", "prod"):
        timeout = config["stages"][stage]["lambda_functions"]["public_work"]["lambda_timeout"]
        assert work["VisibilityTimeout"] >= 6 * timeout
    assert resources["WorkDeadLettersAlarm"]["Properties"]["AlarmActions"] == [
        {"Ref": "AlarmTopic"}]
    for function, source in (("MailRelay", "MailRelayDynamodbEventSource"),
                             ("MailDeliver", "MailDeliverSqsEventSource"),
                             ("PublicWork", "PublicWorkSqsEventSource")):
        events = resources[function]["Properties"]["Events"][source]["Properties"]
        assert events["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_cloudfronts_page_function_sends_client_pages_to_index_html():
    """The viewer-request function, run by node as CloudFront's runtime would."""
    code = generator().PAGES_FUNCTION
    script = code + """
const cases = ["/", "/summary", "/cases/000020108", "/js/main.js", "/vendor/uswds/css/uswds.min.css",
               "/verify-email"];
console.log(JSON.stringify(cases.map(uri => handler({request: {uri}}).uri)));"""
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["/index.html", "/index.html", "/index.html",
                                         "/js/main.js", "/vendor/uswds/css/uswds.min.css",
                                         "/index.html"]


def test_guardduty_scans_the_documents_bucket_and_the_api_may_read_its_verdict():
    """GuardDuty Malware Protection for S3 tags each upload under documents/; the API reads
    the checked version and its tag (services/documents.py), and nothing else may."""
    resources = json.loads((ROOT / "infra" / "resources.json").read_text())["Resources"]
    plan = resources["DocumentsMalwareProtection"]
    assert plan["Type"] == "AWS::GuardDuty::MalwareProtectionPlan"
    assert plan["Properties"]["ProtectedResource"]["S3Bucket"] == {
        "BucketName": {"Ref": "DocumentsBucket"}, "ObjectPrefixes": ["documents/"]}
    assert plan["Properties"]["Actions"] == {"Tagging": {"Status": "ENABLED"}}
    role = resources["MalwareScanRole"]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "malware-protection-plan.guardduty.amazonaws.com"}
    for stage in ("dev", "prod"):
        policy = json.loads((ROOT / ".chalice" / f"policy-{stage}.json").read_text())
        documents = next(s for s in policy["Statement"] if s["Sid"] == "Documents")
        assert {"s3:GetObjectVersion", "s3:GetObjectVersionTagging"} <= set(
            documents["Action"])
        assert "s3:PutObjectTagging" not in documents["Action"]  # only GuardDuty tags


def test_the_api_answers_only_cloudfront_which_sends_the_viewers_address():
    """CloudFront sends the stack's secret in X-Origin-Verify (handlers/front_door.py
    refuses a request without it) and the viewer's address; a WAF web ACL (us-east-1,
    where CloudFront's live) limits requests per address and runs AWS's managed rules."""
    template = json.loads((ROOT / "infra" / "resources.json").read_text())
    resources = template["Resources"]
    config = resources["WebDistribution"]["Properties"]["DistributionConfig"]
    api = next(o for o in config["Origins"] if o["Id"] == "api")
    assert api["OriginCustomHeaders"] == [{
        "HeaderName": "X-Origin-Verify", "HeaderValue": {"Fn::Sub": (
            "{{resolve:secretsmanager:${OriginVerifyKey}:SecretString}}")}}]
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["ORIGIN_VERIFY_SECRET"] == {"Ref": "OriginVerifyKey"}
    behavior = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    # Managed-AllViewerExceptHostHeader: every viewer header but Host, and CloudFront's,
    # CloudFront-Viewer-Address among them
    assert behavior["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac"
    assert config["WebACLId"]["Fn::If"][0] == "WafHere"
    firewall = resources["WebFirewall"]
    assert firewall["Condition"] == "WafHere"
    assert template["Conditions"]["WafHere"] == {
        "Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
    rules = {r["Name"]: r for r in firewall["Properties"]["Rules"] if "Name" in r}
    assert rules["requests-per-address"]["Statement"]["RateBasedStatement"][
        "AggregateKeyType"] == "IP"
    assert rules["aws-common"]["Statement"]["ManagedRuleGroupStatement"]["Name"] == \
        "AWSManagedRulesCommonRuleSet"
    for stage in ("dev", "prod"):
        policy = json.loads((ROOT / ".chalice" / f"policy-{stage}.json").read_text())
        reads = next(s for s in policy["Statement"] if s["Sid"] == "OriginKey")
        assert reads["Resource"].endswith(f"secret:csp-{stage}/origin-verify-*")


def test_staff_routes_can_be_limited_to_the_agencys_networks():
    """Issue #24: with StaffNetworks given, CloudFront's WAF blocks /api/agency/... from
    any other address; without, there is no set and no rule."""
    template = json.loads((ROOT / "infra" / "resources.json").read_text())
    assert template["Parameters"]["StaffNetworks"]["Type"] == "CommaDelimitedList"
    assert template["Conditions"]["StaffNetworksHere"]["Fn::And"][0] == {"Condition": "WafHere"}
    ip_set = template["Resources"]["StaffNetworkSet"]
    assert ip_set["Condition"] == "StaffNetworksHere"
    assert ip_set["Properties"]["Addresses"] == {"Ref": "StaffNetworks"}
    rules = template["Resources"]["WebFirewall"]["Properties"]["Rules"]
    (conditional,) = [r for r in rules if "Fn::If" in r]
    condition, rule, otherwise = conditional["Fn::If"]
    assert (condition, otherwise) == ("StaffNetworksHere", {"Ref": "AWS::NoValue"})
    assert rule["Action"] == {"Block": {"CustomResponse": {"ResponseCode": 403}}}
    path, outside = rule["Statement"]["AndStatement"]["Statements"]
    assert path["ByteMatchStatement"]["SearchString"] == "/api/agency/"
    assert outside["NotStatement"]["Statement"]["IPSetReferenceStatement"]["Arn"] == {
        "Fn::GetAtt": ["StaffNetworkSet", "Arn"]}
    priorities = [r.get("Priority", r.get("Fn::If", [None, {}])[1].get("Priority"))
                  for r in rules]
    assert len(set(priorities)) == len(priorities)

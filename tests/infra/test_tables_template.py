"""The DynamoDB part of the deployment template is generated from the models: it is
current, it passes cfn-lint, and the stack it makes (in moto's CloudFormation) runs the
registration flow."""
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


@pytest.fixture
def stack_client():
    """Tables made by CloudFormation from the template (not by create_all)."""
    from chalice.test import Client

    from app import app
    from chalicelib.integrations import email, kms
    from tests.conftest import SENDER, Api, Outbox

    from chalicelib.dal.base import TABLE_PREFIX

    with mock_aws():
        cloudformation = boto3.client("cloudformation", region_name="us-east-1")
        cloudformation.create_stack(
            StackName="portal-tables", TemplateBody=TEMPLATE.read_text(),
            Parameters=[{"ParameterKey": "TablePrefix",
                         "ParameterValue": TABLE_PREFIX}])
        tables = boto3.client("dynamodb", region_name="us-east-1").list_tables()["TableNames"]
        expected = len(json.loads(TEMPLATE.read_text())["Resources"])
        assert len([t for t in tables if t.startswith(TABLE_PREFIX)]) == expected
        email.verify_sender(SENDER)
        kms.ensure_key(os.environ["KMS_KEY_ID"])
        with Client(app, stage_name="local") as raw:
            yield Api(raw), Outbox()


def test_each_deployed_stage_has_its_least_privilege_policy():
    from chalicelib.dal.tables import MODELS

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    files = generator().policies()
    assert {p.name for p in files} == {"policy-dev.json", "policy-prod.json"}
    for path, text in files.items():
        assert path.read_text() == text, "run: python infra/generate.py"
        stage = path.stem.removeprefix("policy-")
        assert config["stages"][stage]["autogen_policy"] is False
        statements = {s["Sid"]: s for s in json.loads(text)["Statement"]}
        tables = statements["Tables"]
        assert "dynamodb:Scan" not in tables["Action"]
        prefix = config["stages"][stage]["environment_variables"]["TABLE_PREFIX"]
        named = [r for r in tables["Resource"] if not r.endswith("/index/*")]
        assert len(named) == len(MODELS)
        assert all(r.startswith(f"arn:aws:dynamodb:*:*:table/{prefix}") and "*" not in
                   r.split("/", 1)[1] for r in named)
        assert statements["Documents"]["Resource"].endswith("-documents/documents/*")
        assert "*" not in json.dumps([s["Action"] for s in statements.values()])


def test_the_merge_template_is_current_linted_and_complete():
    from chalicelib.dal.tables import MODELS

    path = ROOT / "infra" / "resources.json"
    made = generator().resources_template()
    assert json.loads(path.read_text()) == made, "run: python infra/generate.py"
    lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(lint), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    resources = made["Resources"]
    bucket = resources["DocumentsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert resources["SecretsKey"]["Properties"]["EnableKeyRotation"] is True
    tables = [r for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) == len(MODELS)
    alarms = [r for r in resources.values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert len(alarms) >= len(MODELS) + 8 + 2  # each table, each job, the API function

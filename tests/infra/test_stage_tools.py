"""Command-line tools pointed at a deployed stage read its settings from config.json and
the names its stack chose from the stack's outputs."""
import json
import os
from unittest import mock

import boto3
from moto import mock_aws

from chalicelib.tools import stage

OUTPUTS_TEMPLATE = {
    "Resources": {"DocumentsBucket": {"Type": "AWS::S3::Bucket", "Properties": {
        "BucketName": "csp-prod-documents-123456789012"}}},
    "Outputs": {"DocumentsBucketName": {"Value": {"Ref": "DocumentsBucket"}},
                "SsnHmacSecret": {"Value": "arn:aws:secretsmanager:us-east-1:123456789012:"
                                           "secret:csp-prod/ssn-hmac-key-AbCdEf"},
                "EmailConfigurationSetName": {"Value": "csp-prod"}}}


def test_a_tool_takes_the_stage_settings_and_the_stack_names():
    with mock_aws(), mock.patch.dict(os.environ):
        cloudformation = boto3.client("cloudformation", region_name="us-east-1")
        cloudformation.create_stack(StackName="child-support-portal-prod",
                                    TemplateBody=json.dumps(OUTPUTS_TEMPLATE))
        stage.use("prod")
        assert os.environ["STAGE"] == "prod"
        assert os.environ["TABLE_PREFIX"] == "csp-prod-"
        assert os.environ["DOCUMENTS_BUCKET"] == "csp-prod-documents-123456789012"
        assert os.environ["SSN_HMAC_SECRET"].endswith(":secret:csp-prod/ssn-hmac-key-AbCdEf")
        assert os.environ["SES_CONFIGURATION_SET"] == "csp-prod"


def test_the_merge_template_outputs_what_the_tools_read():
    from pathlib import Path

    outputs = json.loads((Path(stage.CONFIG).parents[1] / "infra" / "resources.json")
                         .read_text())["Outputs"]
    assert set(stage.FROM_OUTPUTS.values()) <= set(outputs)


def test_the_stage_is_read_before_argparse():
    assert stage.stage_in(["drafts", "--stage", "prod"]) == "prod"
    assert stage.stage_in(["drafts", "--stage=dev"]) == "dev"
    assert stage.stage_in(["drafts"]) is None

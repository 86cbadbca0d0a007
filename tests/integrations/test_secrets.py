"""Deployed stages read the SSN matching key from the secret their stack made."""
import boto3
import pytest

from chalicelib.errors import Unavailable
from chalicelib.integrations import secrets


def test_a_deployed_stage_reads_its_key_from_secrets_manager(aws, monkeypatch):
    arn = boto3.client("secretsmanager").create_secret(
        Name="csp-prod/ssn-hmac-key", SecretString="s" * 64)["ARN"]
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.delenv("SSN_HMAC_KEY", raising=False)
    monkeypatch.setenv("SSN_HMAC_SECRET", arn)
    assert secrets.ssn_hmac_key() == "s" * 64


def test_an_unreadable_secret_is_a_clean_503_and_is_tried_again(aws, monkeypatch):
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.delenv("SSN_HMAC_KEY", raising=False)
    monkeypatch.setenv("SSN_HMAC_SECRET", "csp-prod/ssn-hmac-key")
    with pytest.raises(Unavailable):
        secrets.ssn_hmac_key()
    boto3.client("secretsmanager").create_secret(Name="csp-prod/ssn-hmac-key",
                                                 SecretString="t" * 64)
    assert secrets.ssn_hmac_key() == "t" * 64  # a failure is not remembered


def test_local_stages_use_their_own_key(monkeypatch):
    monkeypatch.setenv("STAGE", "local")
    monkeypatch.delenv("SSN_HMAC_KEY", raising=False)
    assert secrets.ssn_hmac_key() == "local-only-ssn-key"


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_a_deployed_stage_refuses_an_ssn_key_in_plain_text(monkeypatch, stage):
    """Issue #24: the key SSNs are matched by lives in Secrets Manager on a deployed
    stage; one in an environment variable (visible in the console, in the template) is
    refused at start-up."""
    from chalicelib.settings import read

    env = {"STAGE": stage, "SSN_HMAC_KEY": "k" * 64, "SSN_HMAC_SECRET": "csp/ssn"}
    _, problems = read(env)
    assert any("SSN_HMAC_KEY" in p for p in problems)
    _, fine = read({**env, "SSN_HMAC_KEY": ""})
    assert not any("SSN_HMAC_KEY" in p for p in fine)

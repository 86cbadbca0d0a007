"""Deployed stages read the SSN matching key from the secret their stack made."""
from datetime import datetime, timezone

import boto3
import pytest

from chalicelib.errors import Unavailable
from chalicelib.integrations import secrets

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)


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


def deployed(monkeypatch, name: str) -> str:
    arn = boto3.client("secretsmanager").create_secret(Name=name, SecretString="a" * 64)["ARN"]
    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.delenv("SSN_HMAC_KEY", raising=False)
    monkeypatch.setenv("SSN_HMAC_SECRET", arn)
    secrets._version.cache_clear()
    return arn


def test_a_rotation_makes_a_new_current_version_and_keeps_the_one_before(aws, monkeypatch):
    deployed(monkeypatch, "csp-prod/ssn-hmac-key-rotated")
    (first,) = secrets.ssn_keys()  # no AWSPREVIOUS before the first rotation
    assert first.value == "a" * 64
    assert secrets.ssn_key_labels() == {"AWSCURRENT": first.version}
    made = secrets.rotate_ssn_key()
    second = secrets.ssn_keys()[0]
    assert second.version == made != first.version and len(second.value) == 64
    assert secrets.ssn_keys() == (second, first)
    assert secrets.ssn_key_labels() == {"AWSCURRENT": made, "AWSPREVIOUS": first.version}
    secrets.rotate_ssn_key()
    third = secrets.ssn_keys()[0]
    assert secrets.ssn_keys() == (third, second)  # the first is gone
    assert secrets.ssn_key(first.version) == ()
    assert secrets.ssn_key(second.version) == (second,)
    assert secrets.ssn_key(None) == (third, second)  # a hash stored before versions


def test_a_version_made_by_another_container_is_read_when_first_seen(aws, monkeypatch):
    """A container that read the key before another rotated it meets a member hashed
    with the new version: it reads the secret again rather than failing the match."""
    arn = deployed(monkeypatch, "csp-prod/ssn-hmac-key-elsewhere")
    (first,) = secrets.ssn_keys()
    made = boto3.client("secretsmanager").put_secret_value(SecretId=arn,
                                                           SecretString="b" * 64)
    assert secrets.ssn_keys() == (first,)  # this container's, still
    (found,) = secrets.ssn_key(made["VersionId"])
    assert found.value == "b" * 64
    assert secrets.ssn_hmac_key() == "b" * 64


def test_a_local_stage_has_no_secret_to_rotate(monkeypatch):
    monkeypatch.setenv("STAGE", "local")
    with pytest.raises(ValueError):
        secrets.rotate_ssn_key()


def test_the_tool_refuses_to_rotate_while_members_are_on_an_older_version(
        aws, monkeypatch, capsys):
    from chalicelib.domain.identity import ssn_hmac
    from chalicelib.services import case_data
    from chalicelib.tools import ssn_key
    from tests.cases import member

    deployed(monkeypatch, "csp-prod/ssn-hmac-key-tool")
    assert ssn_key.main(["status"]) == 0
    load = [member("51000001", "ROE", "123-45-6001", "1980-01-01"),
            member("51000002", "ROE", "123-45-6002", "1982-02-02")]
    case_data.load(load, NOW)
    assert ssn_key.main(["rotate"]) == 0  # everyone on the current version: rotated
    assert ssn_key.main(["rotate"]) == 1  # both are on the previous one now
    assert "2 members are hashed with an older version" in capsys.readouterr().err
    case_data.load(load, NOW)  # the next load hashes them again
    assert ssn_key.main(["rotate"]) == 0
    from chalicelib.dal import agency

    current = secrets.ssn_keys()[1]  # the version the load used, now the previous
    assert agency.member("51000001").ssn_hmac == ssn_hmac("123456001", current.value)
    assert ssn_key.main(["rotate", "--force"]) == 0  # a leak: rotated all the same

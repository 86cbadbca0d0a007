"""Settings: every value checked when the function starts, every bad one named at once."""
import sys
from pathlib import Path

import pytest

from chalicelib import settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_defaults_of_the_local_stage_are_valid():
    found, problems = settings.read({"STAGE": "local"})
    assert problems == [] and found.stage == "local" and found.table_prefix == "csp-local-"
    assert found.ssn_hmac_key == "local-only-ssn-key"


@pytest.mark.parametrize("stage", [None, "", "Prod", "production"])
def test_a_missing_or_unknown_stage_is_an_error_not_the_local_stage(stage):
    found, problems = settings.read({} if stage is None else {"STAGE": stage})
    assert any(p.startswith("STAGE must be one of") for p in problems), problems
    assert found.ssn_hmac_key == ""  # the built-in key is the local stage's alone


def test_prod_refuses_the_sandbox_processor():
    _, problems = settings.read({"STAGE": "prod", "PAYMENT_PROCESSOR": "sandbox",
                                 "WEB_ORIGINS": "https://childsupport.example.gov"})
    assert any("PAYMENT_PROCESSOR must not be sandbox on prod" in p for p in problems)


def test_table_prefix_is_read_like_everything_else():
    found, _ = settings.read({"STAGE": "dev"})
    assert found.table_prefix == "csp-dev-"
    assert settings.read({"STAGE": "local", "TABLE_PREFIX": "csp-x-"})[0].table_prefix == "csp-x-"


def test_every_bad_value_is_named_in_one_message():
    _, problems = settings.read({
        "STAGE": "prod", "PAYMENT_LIMIT_CENTS": "ten", "AGENCY_TIMEZONE": "Mars/Base",
        "PAYMENT_PROCESSOR": "acme", "WEB_ORIGINS": "http://portal.example.gov",
        "SENDER_EMAIL": "nobody", "TABLE_PREFIX": "csp prod", "MAX_BODY_BYTES": "10"})
    named = " ".join(problems)
    for name in ("PAYMENT_LIMIT_CENTS", "AGENCY_TIMEZONE", "PAYMENT_PROCESSOR", "WEB_ORIGINS",
                 "SENDER_EMAIL", "TABLE_PREFIX", "MAX_BODY_BYTES"):
        assert name in named, name
    assert len(problems) == 7


def test_get_settings_raises_with_the_names(monkeypatch):
    monkeypatch.setenv("SANDBOX_SETTLE_SECONDS", "soon")
    with pytest.raises(settings.SettingsError, match="SANDBOX_SETTLE_SECONDS must be a whole"):
        settings.get_settings()


def test_the_deployed_stages_as_configured_are_valid_and_a_bad_one_stops_the_deploy(
        monkeypatch):
    sys.path.insert(0, str(ROOT / "infra"))
    import deploy

    # (prod's example addresses stop a real deploy: tests/infra/test_deploy.py)
    monkeypatch.setattr(deploy, "placeholders", lambda env: [])
    for stage in ("dev", "prod"):
        deploy.check_stage_settings(stage)
    real = deploy.environment
    monkeypatch.setattr(deploy, "environment",
                        lambda stage: {**real(stage), "AGENCY_TIMEZONE": "Alaska"})
    with pytest.raises(SystemExit, match="prod: the settings are not valid: AGENCY_TIMEZONE"):
        deploy.check_stage_settings("prod")


def test_settings_are_read_again_only_when_the_environment_changes(monkeypatch):
    reads = []
    read = settings.read
    monkeypatch.setattr(settings, "read", lambda env: reads.append(1) or read(env))
    monkeypatch.setenv("AGENCY_PHONE", "(907) 555-0101")
    first = settings.get_settings()
    assert settings.get_settings() is first and len(reads) == 1  # unchanged: kept
    monkeypatch.setenv("AGENCY_PHONE", "(907) 555-0102")
    assert settings.get_settings().agency_phone == "(907) 555-0102" and len(reads) == 2
    monkeypatch.setenv("AGENCY_STATE", "alaska")  # a bad value raises every time
    for _ in range(2):
        with pytest.raises(settings.SettingsError, match="AGENCY_STATE"):
            settings.get_settings()
    monkeypatch.delenv("AGENCY_STATE")
    assert settings.get_settings().agency_phone == "(907) 555-0102"

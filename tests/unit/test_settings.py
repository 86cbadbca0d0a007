"""Settings: every value checked when the function starts, every bad one named at once."""
import sys
from pathlib import Path

import pytest

from chalicelib import settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_defaults_are_valid():
    found, problems = settings.read({})
    assert problems == [] and found.stage == "local" and found.table_prefix == "csp-local-"


def test_table_prefix_is_read_like_everything_else():
    found, _ = settings.read({"STAGE": "dev"})
    assert found.table_prefix == "csp-dev-"
    assert settings.read({"TABLE_PREFIX": "csp-x-"})[0].table_prefix == "csp-x-"


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

    for stage in ("dev", "prod"):
        deploy.check_stage_settings(stage)
    real = deploy.environment
    monkeypatch.setattr(deploy, "environment",
                        lambda stage: {**real(stage), "AGENCY_TIMEZONE": "Alaska"})
    with pytest.raises(SystemExit, match="prod: the settings are not valid: AGENCY_TIMEZONE"):
        deploy.check_stage_settings("prod")

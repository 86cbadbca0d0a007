"""Typed settings, read from the environment at call time.

Chalice sets a stage's environment variables before the app is imported, and
``chalice.test.Client`` sets them per call, so nothing here is cached.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    stage: str
    table_prefix: str
    region: str
    sender_email: str
    web_base_url: str
    agency_name: str
    agency_phone: str
    agency_timezone: str
    max_body_bytes: int
    kms_key_id: str
    rp_id: str
    rp_name: str
    web_origins: tuple[str, ...]
    ssn_hmac_key: str
    ssn_hmac_secret: str
    agency_state: str
    payment_processor: str
    payment_limit_cents: int
    sandbox_settle_seconds: int
    documents_bucket: str
    ses_configuration_set: str

    @property
    def is_local(self) -> bool:
        return self.stage == "local"


def get_settings() -> Settings:
    env = os.environ
    stage = env.get("STAGE", "local")
    return Settings(
        stage=stage,
        table_prefix=env.get("TABLE_PREFIX", f"csp-{stage}-"),
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION", "us-east-1"),
        sender_email=env.get("SENDER_EMAIL", "no-reply@childsupport.example.gov"),
        web_base_url=env.get("WEB_BASE_URL", "http://127.0.0.1:8000/dev").rstrip("/"),
        agency_name=env.get("AGENCY_NAME", "Child Support Services Division"),
        agency_phone=env.get("AGENCY_PHONE", "(907) 269-6900"),
        agency_timezone=env.get("AGENCY_TIMEZONE", "America/Anchorage"),
        agency_state=env.get("AGENCY_STATE", "AK"),
        # prod takes no payments until the agency names its processor (README, Deploy)
        payment_processor=env.get("PAYMENT_PROCESSOR", "none" if stage == "prod" else "sandbox"),
        payment_limit_cents=int(env.get("PAYMENT_LIMIT_CENTS", "1000000")),
        # The sandbox processor settles after this long (2 days; make run uses 1 minute).
        sandbox_settle_seconds=int(env.get("SANDBOX_SETTLE_SECONDS", str(2 * 86400))),
        documents_bucket=env.get("DOCUMENTS_BUCKET", f"csp-{stage}-documents"),
        max_body_bytes=int(env.get("MAX_BODY_BYTES", "65536")),
        kms_key_id=env.get("KMS_KEY_ID", f"alias/csp-{stage}"),
        rp_id=env.get("WEBAUTHN_RP_ID", "localhost"),
        rp_name=env.get("WEBAUTHN_RP_NAME", "Child Support Portal"),
        web_origins=tuple(o.strip() for o in env.get(
            "WEB_ORIGINS", "http://localhost:8000").split(",") if o.strip()),
        # The key SSNs are matched by. Local and test stages use a built-in one; deployed
        # stages read the secret their stack made (integrations/secrets.py).
        ssn_hmac_key=env.get("SSN_HMAC_KEY", "local-only-ssn-key" if stage in ("local", "test")
                             else ""),
        ssn_hmac_secret=env.get("SSN_HMAC_SECRET", ""),
        ses_configuration_set=env.get("SES_CONFIGURATION_SET", ""),
    )

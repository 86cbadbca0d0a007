"""Secrets a deployed stage keeps in Secrets Manager, read once per container.

Local and test stages set the value itself in the environment (SSN_HMAC_KEY); deployed
stages name the secret the stack made (SSN_HMAC_SECRET, see infra/resources.json)."""
from __future__ import annotations

from functools import cache

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.settings import get_settings


@cache
def _secret(secret_id: str, region: str) -> str:
    try:
        return boto3.client("secretsmanager", region_name=region).get_secret_value(
            SecretId=secret_id)["SecretString"]
    except (BotoCoreError, ClientError) as error:
        logger.error("secret not read", extra={"error": type(error).__name__})
        raise Unavailable() from None


def ssn_hmac_key() -> str:
    """The key SSNs are matched by; '' when the stage has none (matching then refuses)."""
    settings = get_settings()
    if settings.ssn_hmac_key or not settings.ssn_hmac_secret:
        return settings.ssn_hmac_key
    return _secret(settings.ssn_hmac_secret, settings.region)


def origin_verify_key() -> str | None:
    """What CloudFront puts in X-Origin-Verify on its way to the API; None when the stage
    names none (local runs: no CloudFront in front)."""
    settings = get_settings()
    if settings.origin_verify_key or not settings.origin_verify_secret:
        return settings.origin_verify_key or None
    return _secret(settings.origin_verify_secret, settings.region)

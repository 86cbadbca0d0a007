"""Secrets a deployed stage keeps in Secrets Manager, read once per container.

Local and test stages set the value itself in the environment (SSN_HMAC_KEY); deployed
stages name the secret the stack made (SSN_HMAC_SECRET, see infra/resources.json).

The SSN key is versioned so it can be rotated (`python -m chalicelib.tools.ssn_key`):
Secrets Manager keeps the new value as AWSCURRENT and the one before as AWSPREVIOUS. A
member's SSN is hashed with the current version and the version is kept beside the
hash; a match made with the previous version is hashed again with the current one
(services/association.py), as is every member the agency's next load sends."""
from __future__ import annotations

import hashlib
import secrets as random
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Key:
    version: str
    value: str


def _local(value: str) -> Key:
    """A key set in the environment, its version named after it (so a hash made with it
    still names it when another key is set and it becomes SSN_HMAC_KEY_PREVIOUS)."""
    return Key("local-" + hashlib.sha256(value.encode()).hexdigest()[:12], value)


@cache
def _version(secret_id: str, stage: str, region: str) -> Key | None:
    """One labelled version of a secret; None when it has none so labelled (no
    AWSPREVIOUS before the first rotation)."""
    try:
        found = boto3.client("secretsmanager", region_name=region).get_secret_value(
            SecretId=secret_id, VersionStage=stage)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ResourceNotFoundException" \
                and stage != "AWSCURRENT":
            return None
        logger.error("secret not read", extra={"error": type(error).__name__})
        raise Unavailable() from None
    except BotoCoreError as error:
        logger.error("secret not read", extra={"error": type(error).__name__})
        raise Unavailable() from None
    return Key(found["VersionId"], found["SecretString"])


def ssn_keys() -> tuple[Key, ...]:
    """The SSN key's current version, then the previous one if it was rotated; no key
    when the stage has none (matching then refuses)."""
    settings = get_settings()
    if settings.ssn_hmac_key or not settings.ssn_hmac_secret:
        return tuple(_local(v) for v in (settings.ssn_hmac_key, settings.ssn_hmac_key_previous)
                     if v)
    found = (_version(settings.ssn_hmac_secret, label, settings.region)
             for label in ("AWSCURRENT", "AWSPREVIOUS"))
    return tuple(k for k in found if k is not None)


def ssn_key(version: str | None) -> tuple[Key, ...]:
    """The keys to match a hash made with `version` by: that one (read again if this
    container has not seen it: another rotated the key since it read it), or every key
    for a hash stored before versions were kept."""
    keys = ssn_keys()
    if version is None:
        return keys
    if not any(k.version == version for k in keys):
        _version.cache_clear()
        keys = ssn_keys()
    return tuple(k for k in keys if k.version == version)


def ssn_key_labels() -> dict[str, str]:
    """The SSN key's labelled versions (AWSCURRENT, AWSPREVIOUS) by label, read without
    the values: the rotation tool's operator never sees the key (the secret's resource
    policy lets only the matching functions read it)."""
    settings = get_settings()
    if not settings.ssn_hmac_secret or settings.ssn_hmac_key:
        return dict(zip(("AWSCURRENT", "AWSPREVIOUS"), (k.version for k in ssn_keys()),
                        strict=False))  # no AWSPREVIOUS before a rotation
    described = boto3.client("secretsmanager", region_name=settings.region).describe_secret(
        SecretId=settings.ssn_hmac_secret)
    return {label: version for version, labels in described["VersionIdsToStages"].items()
            for label in labels if label in ("AWSCURRENT", "AWSPREVIOUS")}


def rotate_ssn_key() -> str:
    """A new current version of a deployed stage's SSN key, returned by its id (Secrets
    Manager labels it AWSCURRENT and the one before AWSPREVIOUS); the tool
    `chalicelib.tools.ssn_key` checks first that no member is still hashed with the
    previous one."""
    settings = get_settings()
    if not settings.ssn_hmac_secret or settings.ssn_hmac_key:
        raise ValueError("this stage's SSN key is set in its environment, not a secret")
    made = boto3.client("secretsmanager", region_name=settings.region).put_secret_value(
        SecretId=settings.ssn_hmac_secret, SecretString=random.token_hex(32))
    _version.cache_clear()
    return made["VersionId"]


def ssn_hmac_key() -> str:
    """The current SSN key's value; '' when the stage has none. Besides SSNs it keys the
    hashes of devices (services/devices.py, which knows the previous one too) and of
    throttled addresses (services/rate_limits.py: a window's count starts again after a
    rotation)."""
    keys = ssn_keys()
    return keys[0].value if keys else ""


def origin_verify_key() -> str | None:
    """What CloudFront puts in X-Origin-Verify on its way to the API; None when the stage
    names none (local runs: no CloudFront in front)."""
    settings = get_settings()
    if settings.origin_verify_key or not settings.origin_verify_secret:
        return settings.origin_verify_key or None
    return _secret(settings.origin_verify_secret, settings.region)

"""Envelope-free KMS encryption for small secrets (authenticator-app keys).

The encryption context names what the secret belongs to, so a ciphertext copied to
another record does not decrypt."""
from __future__ import annotations

from functools import cache

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.settings import get_settings


@cache
def _kms(region: str):
    return boto3.client("kms", region_name=region)


def encrypt(plaintext: bytes, context: dict[str, str]) -> bytes:
    settings = get_settings()
    try:
        return _kms(settings.region).encrypt(KeyId=settings.kms_key_id, Plaintext=plaintext,
                                             EncryptionContext=context)["CiphertextBlob"]
    except (BotoCoreError, ClientError) as error:
        logger.error("kms encrypt failed", extra={"error": type(error).__name__})
        raise Unavailable() from None


def decrypt(ciphertext: bytes, context: dict[str, str]) -> bytes:
    settings = get_settings()
    try:
        return _kms(settings.region).decrypt(CiphertextBlob=ciphertext,
                                             EncryptionContext=context)["Plaintext"]
    except (BotoCoreError, ClientError) as error:
        logger.error("kms decrypt failed", extra={"error": type(error).__name__})
        raise Unavailable() from None


def ensure_key(alias: str) -> None:
    """Creates the key behind the alias if it is missing (local runs and tests only)."""
    client = _kms(get_settings().region)
    aliases = {a["AliasName"] for a in client.list_aliases()["Aliases"]}
    if alias not in aliases:
        key = client.create_key(Description="child support portal secrets")["KeyMetadata"]
        client.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])

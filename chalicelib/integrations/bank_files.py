"""The bank bucket: the files the agency and its bank (the ODFI) exchange. The ACH rail
writes each day's file under outbound/ and its report under reports/; the bank (over
the template's SFTP server, AWS Transfer Family) collects them and leaves returns and
notices of change under inbound/. The bucket is private, KMS-encrypted and under Object
Lock (infra/), so a file sent is never changed after."""
from __future__ import annotations

from functools import cache

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import Unavailable
from chalicelib.integrations import audit_trail
from chalicelib.observability import logger
from chalicelib.settings import get_settings

OUTBOUND, INBOUND, REPORTS = "outbound/", "inbound/", "reports/"


@cache
def _s3(region: str):
    return boto3.client("s3", region_name=region)


def _client():
    return _s3(get_settings().region)


def _failed(action: str, error: Exception) -> Unavailable:
    logger.error("bank bucket call failed", extra={"action": action,
                                                   "error": type(error).__name__})
    return Unavailable()


def put(key: str, text: str) -> None:
    """Writes a file (ASCII: NACHA files and reports are), with its checksum: S3 refuses
    a body that arrived other than sent."""
    try:
        _client().put_object(Bucket=get_settings().bank_bucket, Key=key,
                             Body=text.encode("ascii"), ContentType="text/plain",
                             ChecksumAlgorithm="SHA256")
    except (BotoCoreError, ClientError) as error:
        raise _failed("put", error) from None


def read(key: str) -> str | None:
    """A file's text; None if there is no such file."""
    try:
        body = _client().get_object(Bucket=get_settings().bank_bucket, Key=key)["Body"]
        return str(body.read().decode("ascii"))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            return None
        raise _failed("get", error) from None
    except (BotoCoreError, UnicodeDecodeError) as error:
        raise _failed("get", error) from None


def ensure_bucket(name: str, queue_arn: str, days: int = 1) -> None:
    """The bucket, locked in compliance mode, telling the bank queue of each file under
    inbound/ (local runs and tests only; the template makes the deployed one)."""
    audit_trail.ensure_bucket(name, days)  # locked as the trail's is
    _s3(get_settings().region).put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={
        "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"],
                                 "Filter": {"Key": {"FilterRules": [
                                     {"Name": "prefix", "Value": INBOUND}]}}}]})


def listed(prefix: str) -> list[str]:
    """The keys under a prefix (the local bank's command and the tests)."""
    try:
        pages = _client().get_paginator("list_objects_v2").paginate(
            Bucket=get_settings().bank_bucket, Prefix=prefix)
        return [o["Key"] for page in pages for o in page.get("Contents", [])]
    except (BotoCoreError, ClientError) as error:
        raise _failed("list", error) from None

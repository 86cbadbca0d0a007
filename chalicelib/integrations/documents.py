"""Documents in S3: parents' uploads (straight from the browser, by presigned POST) and
the agency's letters. The portal hands out short-lived presigned URLs; the bucket itself
is private (blocked public access, KMS encryption, in infra/)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.settings import get_settings

UPLOAD_SECONDS = 15 * 60
DOWNLOAD_SECONDS = 60


@cache
def _s3(region: str):
    return boto3.client("s3", region_name=region)


def _client():
    return _s3(get_settings().region)


def _failed(action: str, error: Exception):
    logger.error("s3 call failed", extra={"action": action, "error": type(error).__name__})
    return Unavailable()


def upload_form(key: str, content_type: str, max_bytes: int) -> dict:
    """A presigned POST whose policy holds the content type and size: S3 refuses any
    other file. {url, fields}: the browser posts the fields and then the file."""
    try:
        return _client().generate_presigned_post(
            get_settings().documents_bucket, key, Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
            ExpiresIn=UPLOAD_SECONDS)
    except (BotoCoreError, ClientError) as error:
        raise _failed("presign_post", error) from None


@dataclass(frozen=True)
class Stored:
    size: int
    content_type: str
    head: bytes  # the first bytes, to check the file is what it claims


def stored(key: str) -> Stored | None:
    """The object's size, type and first bytes; None if nothing was uploaded."""
    bucket = get_settings().documents_bucket
    try:
        meta = _client().head_object(Bucket=bucket, Key=key)
        first = _client().get_object(Bucket=bucket, Key=key, Range="bytes=0-15")["Body"].read()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise _failed("head", error) from None
    except BotoCoreError as error:
        raise _failed("head", error) from None
    return Stored(int(meta["ContentLength"]), meta.get("ContentType", ""), first)


def put(key: str, content: bytes, content_type: str) -> None:
    """Stores a file the portal made itself (the demo's letter)."""
    try:
        _client().put_object(Bucket=get_settings().documents_bucket, Key=key, Body=content,
                             ContentType=content_type)
    except (BotoCoreError, ClientError) as error:
        raise _failed("put", error) from None


def remove(key: str) -> None:
    try:
        _client().delete_object(Bucket=get_settings().documents_bucket, Key=key)
    except (BotoCoreError, ClientError) as error:
        raise _failed("delete", error) from None


def download_url(key: str, filename: str, content_type: str) -> str:
    """A link that works for a minute, which opens the file under its name."""
    safe = "".join(c for c in filename if c.isalnum() or c in " ._-") or "document"
    try:
        return _client().generate_presigned_url("get_object", Params={
            "Bucket": get_settings().documents_bucket, "Key": key,
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f'inline; filename="{safe}"'},
            ExpiresIn=DOWNLOAD_SECONDS)
    except (BotoCoreError, ClientError) as error:
        raise _failed("presign_get", error) from None


def ensure_bucket(name: str) -> None:
    """Creates the bucket if it is missing (local runs and tests only)."""
    client = _client()
    if name not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=name)

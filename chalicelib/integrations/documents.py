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

UPLOAD_SECONDS = 5 * 60  # the presigned form's life: enough to send 10 MB on a slow line
DOWNLOAD_SECONDS = 60
# GuardDuty Malware Protection for S3 tags each object version it scanned with this key:
# NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED or FAILED
SCAN_TAG = "GuardDutyMalwareScanStatus"


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
    version_id: str | None  # the version checked (the bucket is versioned)


def _version(version_id: str | None) -> dict[str, str]:
    return {"VersionId": version_id} if version_id else {}


def stored(key: str) -> Stored | None:
    """The object's latest version: its id, size, type and first bytes (all of that one
    version, even if another is uploaded meanwhile); None if nothing was uploaded."""
    bucket = get_settings().documents_bucket
    try:
        meta = _client().head_object(Bucket=bucket, Key=key)
        version_id = meta.get("VersionId")
        first = _client().get_object(Bucket=bucket, Key=key, Range="bytes=0-15",
                                     **_version(version_id))["Body"].read()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise _failed("head", error) from None
    except BotoCoreError as error:
        raise _failed("head", error) from None
    return Stored(int(meta["ContentLength"]), meta.get("ContentType", ""), first, version_id)


def scan_result(key: str, version_id: str | None) -> str | None:
    """GuardDuty's verdict on the version (its tag), or None while it is not scanned."""
    try:
        tags = _client().get_object_tagging(Bucket=get_settings().documents_bucket, Key=key,
                                            **_version(version_id))["TagSet"]
    except (BotoCoreError, ClientError) as error:
        raise _failed("tags", error) from None
    return next((t["Value"] for t in tags if t["Key"] == SCAN_TAG), None)


def put(key: str, content: bytes, content_type: str) -> None:
    """Stores a file the portal made itself (the demo's letter)."""
    try:
        _client().put_object(Bucket=get_settings().documents_bucket, Key=key, Body=content,
                             ContentType=content_type)
    except (BotoCoreError, ClientError) as error:
        raise _failed("put", error) from None


def remove(key: str, version_id: str | None = None) -> None:
    """Deletes the object (a version of it, for good, when named)."""
    try:
        _client().delete_object(Bucket=get_settings().documents_bucket, Key=key,
                                **_version(version_id))
    except (BotoCoreError, ClientError) as error:
        raise _failed("delete", error) from None


def download_url(key: str, filename: str, content_type: str,
                 version_id: str | None = None) -> str:
    """A link that works for a minute, which opens the file under its name: the version
    named (the one the portal checked), not whatever was uploaded to the key after."""
    safe = "".join(c for c in filename if c.isalnum() or c in " ._-") or "document"
    try:
        return _client().generate_presigned_url("get_object", Params={
            "Bucket": get_settings().documents_bucket, "Key": key, **_version(version_id),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f'inline; filename="{safe}"'},
            ExpiresIn=DOWNLOAD_SECONDS)
    except (BotoCoreError, ClientError) as error:
        raise _failed("presign_get", error) from None


def ensure_bucket(name: str) -> None:
    """Creates the bucket if it is missing, versioned as the template's (local runs and
    tests only)."""
    client = _client()
    if name not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=name)
        client.put_bucket_versioning(Bucket=name,
                                     VersioningConfiguration={"Status": "Enabled"})

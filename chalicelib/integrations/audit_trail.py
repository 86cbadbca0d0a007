"""The audit trail in S3: a bucket with Object Lock in compliance mode (infra/: a
default retention no one, root included, can shorten or lift), written by the audit
writer alone, which may only add objects. A batch of events is one object of JSON lines
under events/<day>/."""
from __future__ import annotations

import json
from functools import cache

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.settings import get_settings


@cache
def _s3(region: str):
    return boto3.client("s3", region_name=region)


def key_for(events: list[dict]) -> str:
    """The object of a batch: by the first event's day and id, so a batch received again
    is written as a new version of the same key, never a second object."""
    first = events[0]
    return f"events/{first['at'][:10]}/{first['event_id']}-{len(events)}.jsonl"


def append(events: list[dict]) -> str:
    """Writes the batch (S3 asks an Object Lock bucket for a checksum: botocore sends
    one); returns its key."""
    settings = get_settings()
    key = key_for(events)
    body = "".join(json.dumps(e, sort_keys=True) + "\n" for e in events).encode()
    try:
        _s3(settings.region).put_object(Bucket=settings.audit_bucket, Key=key, Body=body,
                                        ContentType="application/x-ndjson",
                                        ChecksumAlgorithm="SHA256")
    except (BotoCoreError, ClientError) as error:
        logger.error("audit trail not written", extra={"error": type(error).__name__})
        raise Unavailable() from None
    return key


def ensure_bucket(name: str, days: int = 1) -> None:
    """The bucket, locked in compliance mode (local runs and tests only)."""
    s3 = _s3(get_settings().region)
    if name in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        return
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": days}}})

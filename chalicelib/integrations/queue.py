"""SQS: the mail queue the outbox's relay feeds and the mail worker reads, the work queue
of public requests (services/public_work.py), the audit queue of staff events
(services/audit.py), the bank queue the bank bucket tells of return files
(services/ach_returns.py), and their dead-letter queues (made by the template; locally by
local/resources.py)."""
from __future__ import annotations

import json
from functools import cache
from typing import Sequence

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.observability import logger
from chalicelib.settings import get_settings

MAX_RECEIVES = 5  # the redrive policy: a message received this often goes to the DLQ
# Fixed when loaded, as the tables' names are (dal/base.py): the stage's queues
MAIL = get_settings().mail_queue
MAIL_DEAD = get_settings().mail_dead_letters
WORK = get_settings().work_queue
WORK_DEAD = get_settings().work_dead_letters
AUDIT = get_settings().audit_queue
AUDIT_DEAD = get_settings().audit_dead_letters
BANK = get_settings().bank_queue
BANK_DEAD = get_settings().bank_dead_letters


@cache
def _sqs(region: str):
    return boto3.client("sqs", region_name=region)


@cache
def _url(region: str, name: str) -> str:
    return _sqs(region).get_queue_url(QueueName=name)["QueueUrl"]


def url(name: str) -> str:
    return _url(get_settings().region, name)


def send(name: str, bodies: Sequence[str]) -> list[int]:
    """Sends the messages (ten a request); returns the positions of those not sent."""
    settings = get_settings()
    failed: list[int] = []
    for start in range(0, len(bodies), 10):
        batch = [{"Id": str(start + i), "MessageBody": body}
                 for i, body in enumerate(bodies[start:start + 10])]
        try:
            answer = _sqs(settings.region).send_message_batch(QueueUrl=url(name), Entries=batch)
        except (BotoCoreError, ClientError) as error:
            logger.error("queue send failed", extra={"error": type(error).__name__})
            failed += [int(entry["Id"]) for entry in batch]
            continue
        failed += [int(f["Id"]) for f in answer.get("Failed", [])]
    return sorted(failed)


def retry_in(name: str, receipt_handle: str, seconds: int) -> None:
    """Hides a message for `seconds` before it is received again (its backoff)."""
    try:
        _sqs(get_settings().region).change_message_visibility(
            QueueUrl=url(name), ReceiptHandle=receipt_handle, VisibilityTimeout=seconds)
    except (BotoCoreError, ClientError) as error:  # then the queue's own timeout applies
        logger.warning("backoff not set", extra={"error": type(error).__name__})


def arn(name: str) -> str:
    return str(_sqs(get_settings().region).get_queue_attributes(
        QueueUrl=url(name), AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])


def ensure(name: str, dead_letter: str) -> None:
    """The queue and its dead-letter queue (local runs and tests only)."""
    sqs = _sqs(get_settings().region)
    dead = sqs.create_queue(QueueName=dead_letter)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    sqs.create_queue(QueueName=name, Attributes={
        "VisibilityTimeout": "60", "RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": arn, "maxReceiveCount": str(MAX_RECEIVES)})})

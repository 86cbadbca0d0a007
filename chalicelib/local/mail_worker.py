"""The mail worker off Lambda: what Lambda's event source mappings do, against the
local AWS (moto). It reads the outbox table's stream and hands its records to
`mail_relay`, as Lambda does (in order, resuming from the first record reported
failed), and receives the mail queue's messages for `mail_deliver`, deleting those it
did not report (a reported one comes back after its backoff; the queue's redrive policy
parks it on the dead-letter queue after 5 receives).

`make run` runs it in a thread (`start`); the tests drain it after each request
(tests/local_aws.py), so an email is read back as soon as the request that queued it."""
from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import boto3
from botocore.config import Config

from chalicelib.dal.outbox import Mail
from chalicelib.integrations import queue
from chalicelib.services import delivery
from chalicelib.settings import get_settings

POLL_SECONDS = 0.2  # make run: a sign-in code reaches the mailbox within a second


class MailWorker:
    def __init__(self) -> None:
        region = get_settings().region
        # botocore addresses a stream's account endpoint, which moto does not answer
        self.streams = boto3.client("dynamodbstreams", region_name=region,
                                    config=Config(account_id_endpoint_mode="disabled"))
        self.sqs = boto3.client("sqs", region_name=region)
        # shard -> where to read next. Not a shard iterator kept from the last read: moto
        # replaces a table by a copy when a transaction on it is cancelled, and an old
        # iterator goes on reading the old copy's stream
        self.resume: dict[str, tuple[str, str]] = {}
        self.stream_arn: str | None = None

    def relay(self) -> int:
        """Hands the stream's new records to mail_relay; returns how many it read."""
        from chalicelib.handlers.outbox import mail_relay

        read = 0
        for shard in self._shards():
            answer = self.streams.get_records(ShardIterator=self._iterator(shard), Limit=100)
            records = answer["Records"]
            if not records:
                continue
            read += len(records)
            failures = mail_relay(
                {"Records": [self._lambda_record(r) for r in records]}, None
            )["batchItemFailures"]
            # where Lambda would resume: at the first record not relayed, or after the last
            self.resume[shard] = (("AT_SEQUENCE_NUMBER", failures[0]["itemIdentifier"])
                                  if failures else
                                  ("AFTER_SEQUENCE_NUMBER",
                                   records[-1]["dynamodb"]["SequenceNumber"]))
        return read

    def deliver(self, wait_seconds: int = 0) -> int:
        """Hands the queues' messages to mail_deliver, the public work's function, the
        audit writer and the bank's returns; returns how many it received."""
        from chalicelib.handlers.outbox import mail_deliver

        return (self._work() + self._audit() + self._bank()
                + self._receive(self.queue_url(), mail_deliver, wait_seconds))

    def _bank(self) -> int:
        """The bank bucket's notices of return files (the ACH rail's bank_returns)."""
        from chalicelib.handlers.outbox import bank_returns

        return self._receive(queue.url(queue.BANK), bank_returns, 0)

    def _audit(self) -> int:
        from chalicelib.handlers.outbox import audit_writer

        return self._receive(queue.url(queue.AUDIT), audit_writer, 0)

    def _work(self) -> int:
        from chalicelib.handlers.outbox import public_work_run

        return self._receive(queue.url(delivery.WORK_QUEUE), public_work_run, 0)

    def _receive(self, url: str, function: Any, wait_seconds: int) -> int:
        messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                            WaitTimeSeconds=wait_seconds,
                                            AttributeNames=["All"]).get("Messages", [])
        if not messages:
            return 0
        event = {"Records": [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"],
                              "body": m["Body"], "attributes": m.get("Attributes", {})}
                             for m in messages]}
        again = {f["itemIdentifier"] for f in function(event, None)["batchItemFailures"]}
        done = [m for m in messages if m["MessageId"] not in again]
        if done:
            self.sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)])
        return len(messages)

    def queue_url(self) -> str:
        return queue.url(delivery.MAIL_QUEUE)

    def drain_work(self) -> None:
        """The public requests' work only (and the stream's records it leaves), the
        messages it queues left for `deliver`."""
        while self.relay() + self._work():
            pass

    def drain(self) -> None:
        """Until the stream and the queue have nothing more to hand on now."""
        while self.relay() + self.deliver():
            pass

    def start(self) -> threading.Event:
        """Runs in a daemon thread until the returned event is set."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.is_set():
                try:
                    self.drain()
                except Exception as error:  # the local AWS stopping, say: try again
                    print(f"mail worker: {type(error).__name__}: {error}", flush=True)
                stop.wait(POLL_SECONDS)

        threading.Thread(target=loop, name="mail-worker", daemon=True).start()
        return stop

    def _shards(self) -> list[str]:
        if self.stream_arn is None:
            self.stream_arn = boto3.client("dynamodb", region_name=get_settings().region) \
                .describe_table(TableName=Mail.Meta.table_name)["Table"]["LatestStreamArn"]
        description = self.streams.describe_stream(StreamArn=self.stream_arn)
        return [s["ShardId"] for s in description["StreamDescription"]["Shards"]]

    def _iterator(self, shard: str) -> str:
        kind, sequence = self.resume.get(shard, ("TRIM_HORIZON", ""))
        extra = {"SequenceNumber": sequence} if sequence else {}
        return self.streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard,
                                               ShardIteratorType=kind, **extra)["ShardIterator"]

    def _lambda_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """A stream record as Lambda passes it (its time in epoch seconds)."""
        change = dict(record["dynamodb"])
        created = change.get("ApproximateCreationDateTime")
        change["ApproximateCreationDateTime"] = (created.timestamp() if isinstance(
            created, datetime) else created or 0)
        change.setdefault("SizeBytes", 0)
        change.setdefault("StreamViewType", "KEYS_ONLY")
        return {**record, "dynamodb": change, "eventSourceARN": self.stream_arn,
                "awsRegion": record.get("awsRegion", get_settings().region)}

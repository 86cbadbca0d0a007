"""The mail worker's two functions (services/delivery.py): the outbox table's stream to
the mail queue (and the work queue), and the mail queue to SES; the work queue's
function (services/public_work.py); the audit writer (services/audit.py); and the bank's
return files (services/ach_returns.py). Each reports partial batch failures
(`FunctionResponseTypes: ReportBatchItemFailures` on their event source mappings, set
by infra/generate.py and infra/bank.py), so one message that fails does not send the
others again.

Each imports its services when it runs: app.py registers this blueprint (for the
template's event sources), and the API's cold start does not import them.

`make run` and the tests call them with the events Lambda would (local/mail_worker.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Blueprint

from chalicelib.clock import utc_now
from chalicelib.observability import flush_metrics, logger
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.services.delivery import Received

bp = Blueprint(__name__)
# Chalice needs a stream ARN here; the template sets the real one (the outbox table's
# StreamArn, infra/generate.py), and chalice local does not read it.
STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/outbox/stream/set-by-the-template"


@bp.on_dynamodb_record(stream_arn=STREAM, batch_size=100, starting_position="TRIM_HORIZON",
                       name="mail_relay")
def mail_relay(event) -> dict:
    """New outbox items onto the mail queue. A record not queued is reported with every
    one after it (a stream is read in order: Lambda resumes from the first reported)."""
    from chalicelib.services import delivery  # cold start: 120 ms, in the mail functions

    inserted = [(r.sequence_number, r.keys["mail_id"]["S"]) for r in event
                if r.event_name == "INSERT"]
    failed = delivery.relay([mail_id for _, mail_id in inserted])
    flush_metrics()
    if failed:
        logger.error("outbox relay failed", extra={"failed": len(failed)})
        return {"batchItemFailures": [{"itemIdentifier": inserted[failed[0]][0]}]}
    return {"batchItemFailures": []}


@bp.on_sqs_message(queue=get_settings().mail_queue, batch_size=10, name="mail_deliver")
def mail_deliver(event) -> dict:
    """Sends what the queue's messages name; those to try again are reported."""
    from chalicelib.services import delivery  # cold start: 120 ms, in the mail functions

    again = delivery.deliver_all(_received(event), utc_now())
    flush_metrics()
    return {"batchItemFailures": [{"itemIdentifier": i} for i in again]}


@bp.on_sqs_message(queue=get_settings().work_queue, batch_size=10, name="public_work")
def public_work_run(event) -> dict:
    """Does the public requests' work the queue's messages name (services/public_work.py);
    those to try again are reported."""
    # cold start: 200 ms (the registration and sign-in services), in this function only
    from chalicelib.services import delivery, public_work

    again = delivery.deliver_all(_received(event), utc_now(), send=public_work.run,
                                 queue_name=delivery.WORK_QUEUE)
    flush_metrics()
    return {"batchItemFailures": [{"itemIdentifier": i} for i in again]}


@bp.on_sqs_message(queue=get_settings().audit_queue, batch_size=10, name="audit_writer")
def audit_writer(event) -> dict:
    """Appends the batch of staff events to the audit trail and files it for search; a
    batch that fails is received again whole (the same object key and index items: a
    new version of the object, the same entries)."""
    from chalicelib.services import audit  # cold start: 120 ms, in this function only

    audit.write([record.body for record in event], utc_now())
    return {"batchItemFailures": []}


@bp.on_sqs_message(queue=get_settings().bank_queue, batch_size=1, name="bank_returns")
def bank_returns(event) -> dict:
    """Reads each return file the bank left in the bank bucket (its notification, one a
    message); a file that fails is received again (each entry moves on once), then parked
    on the dead letters, where an alarm sees it."""
    # cold start: 9 ms (the ACH rail's rules, the NACHA reader), only in this function
    from chalicelib.services import ach_returns

    again = []
    for record in event:
        try:
            for key in ach_returns.files_named(record.body):
                ach_returns.receive(key, utc_now())
        except Exception:  # this message again; the others are done
            logger.exception("bank file failed")
            again.append(record.to_dict()["messageId"])
    flush_metrics()
    return {"batchItemFailures": [{"itemIdentifier": i} for i in again]}


def _received(event) -> list[Received]:
    # cold start: 0 ms (its caller imported delivery)
    from chalicelib.services.delivery import Received

    received = []
    for record in event:
        raw = record.to_dict()
        received.append(Received(
            raw["messageId"], record.body, record.receipt_handle,
            int(raw.get("attributes", {}).get("ApproximateReceiveCount", "1"))))
    return received

"""The mail worker: what the outbox's messages go through after the request that wrote
them (docs/design.md, "The email outbox").

1. `relay`: the outbox table's stream (keys only) -> the mail queue (SQS), one message
   per new outbox item. A batch that cannot be queued is retried from the stream.
2. `deliver`: the mail queue -> SES. The worker claims the item (a lease, so two
   deliveries of one message do not both send), renders it, sends it and records it
   sent; a failed send is tried again after a backoff (10 s, 30 s, 90 s, 270 s) and
   after the 5th try the item is marked failed and the queue parks the message on its
   dead-letter queue, whose alarm tells the operators.

A message is sent once, unless the worker stops between SES's answer and the write that
records it (then, after the lease, once more): at least once, never lost."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Iterable, Sequence

from chalicelib.dal import outbox
from chalicelib.dal.errors import DataError
from chalicelib.integrations import email, queue
from chalicelib.integrations.queue import MAX_RECEIVES
from chalicelib.observability import logger, metrics

LEASE = timedelta(seconds=60)  # longer than a send takes; the queue's visibility too
BACKOFF_SECONDS = (10, 30, 90, 270)  # before the 2nd, 3rd, 4th and 5th tries
MAIL_QUEUE = queue.MAIL
WORK_QUEUE = queue.WORK  # public requests' work (services/public_work.py)


def relay(mail_ids: Sequence[str]) -> list[int]:
    """Queues the new outbox items, messages to the mail queue and public requests' work
    to the work queue; returns the positions of those not queued."""
    ids = list(mail_ids)
    failed: list[int] = []
    for name, work in ((MAIL_QUEUE, False), (WORK_QUEUE, True)):
        positions = [i for i, mail_id in enumerate(ids) if outbox.is_work(mail_id) == work]
        if positions:
            failed += [positions[i] for i in queue.send(name, [ids[i] for i in positions])]
    return sorted(failed)


@dataclass(frozen=True)
class Received:
    """A message from the mail queue: an outbox id, and how often it was received."""
    message_id: str
    mail_id: str
    receipt_handle: str
    receives: int


Send = Callable[[outbox.Mail, datetime], None]  # raises email.NotSent to be tried again


def send_email(item: outbox.Mail, now: datetime) -> None:
    email.send(item.to, item.template, item.language, item.values())


def deliver_all(messages: Iterable[Received], now: datetime, send: Send = send_email,
                queue_name: str = MAIL_QUEUE) -> list[str]:
    """Delivers each message (with `send`: the email, or a public request's work from
    the work queue); returns the ids of those to receive again (the rest are done:
    sent, or nothing left to send)."""
    again = []
    for message in messages:
        try:
            outcome = deliver(message.mail_id, now, message.receives, send)
        except DataError as error:  # the outbox table busy: this message later, the rest now
            logger.warning("email delivery deferred", extra={"error": type(error).__name__})
            outcome = "retry"
        if outcome in ("retry", "failed"):
            again.append(message.message_id)
        if outcome == "retry":
            queue.retry_in(queue_name, message.receipt_handle, backoff(message.receives))
    return again


def backoff(receives: int) -> int:
    return BACKOFF_SECONDS[min(receives, len(BACKOFF_SECONDS)) - 1]


def deliver(mail_id: str, now: datetime, attempt: int, send: Send = send_email) -> str:
    """Sends one outbox item: "sent"; "done" when there is nothing to send (sent before,
    or no such item); "retry" when it could not be sent now or another worker holds it;
    "failed" at the last try, the message then parked on the dead-letter queue."""
    item = outbox.claim(mail_id, now, LEASE)
    if item is None:
        found = outbox.get(mail_id)  # done only when sure: sent, or no such message
        return "done" if found is None or found.status == "sent" else "retry"
    what = "Work" if outbox.is_work(mail_id) else "Emails"
    try:
        send(item, now)
    except (email.NotSent, DataError) as error:  # SES refused, or DynamoDB busy (work)
        code = getattr(error, "code", type(error).__name__)
        final = attempt >= MAX_RECEIVES
        outbox.mark_unsent(item, code, final)
        metrics.add_metric(name=f"{what}Failed" if final else f"{what}Retries", unit="Count",
                           value=1)
        logger.warning("email not sent" if what == "Emails" else "work not done",
                       extra={"template": item.template, "error": code, "attempt": attempt,
                              "final": final})
        return "failed" if final else "retry"
    _record_sent(item, now)
    metrics.add_metric(name="EmailsSent" if what == "Emails" else "WorkDone", unit="Count",
                       value=1)
    return "sent"


def _record_sent(item: outbox.Mail, now: datetime, tries: int = 3) -> None:
    """Records the message sent, trying again at once: until it is recorded, the lease's
    end would let another delivery send it a second time."""
    for attempt in range(1, tries + 1):
        try:
            outbox.mark_sent(item, now)
            return
        except DataError:
            if attempt == tries:
                raise

"""The email outbox: one item per message to send, written in the same transaction as the
change it is about (so neither exists without the other) and delivered by the mail
worker (services/delivery.py), never inside a request.

The table's stream carries keys only: a message's context (a link's token, a code) stays
in the item, which the worker reads, and is removed once the message is sent. The item
then stays, as the record that it was sent once, until DynamoDB's TTL removes it."""
from __future__ import annotations

import json
import secrets
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal.base import (
    TableMeta,
    Together,
    guarded,
    is_condition_failure,
    table_name,
    transaction,
    written,
)

KEPT = timedelta(days=14)  # a sent message's record, against a redelivery of its id
# A public request's work, done after it answers (services/public_work.py): an outbox
# item like a message, whose id says which queue the relay hands it to
WORK_ID, WORK_TEMPLATE = "work-", "work:"


class Mail(Model):
    class Meta(TableMeta):
        table_name = table_name("outbox")
        stream_view_type = "KEYS_ONLY"

    mail_id = UnicodeAttribute(hash_key=True)
    to = UnicodeAttribute()
    template = UnicodeAttribute()
    language = UnicodeAttribute()
    context = UnicodeAttribute(null=True)  # JSON (encode_context); removed once sent
    created_at = UTCDateTimeAttribute()
    status = UnicodeAttribute(default="queued")  # queued | sending | sent | failed
    attempts = NumberAttribute(default=0)
    lease_until = UTCDateTimeAttribute(null=True)  # a worker is sending it until then
    sent_at = UTCDateTimeAttribute(null=True)
    error = UnicodeAttribute(null=True)  # the last failure's error code (never its text)
    ttl = TTLAttribute()

    def values(self) -> dict[str, Any]:
        return decode_context(self.context or "{}")


def encode_context(context: dict[str, Any]) -> str:
    """A template's values as JSON; datetimes and dates keep their type."""
    def tagged(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"$datetime": value.isoformat()}
        if isinstance(value, date):
            return {"$date": value.isoformat()}
        raise TypeError(f"not a template value: {type(value).__name__}")

    return json.dumps(context, default=tagged, separators=(",", ":"))


def decode_context(text: str) -> dict[str, Any]:
    def untagged(value: dict) -> Any:
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        return value

    return json.loads(text, object_hook=untagged)


def compose(to: str, template: str, language: str, context: dict[str, Any],
            now: datetime, key: str | None = None) -> Mail:
    """A message, not saved yet: a transaction saves it with what it is about. A `key`
    names it (one message per key, ever: save_once), else it is new each time."""
    return Mail(key or secrets.token_urlsafe(16), to=to, template=template,
                language=language, context=encode_context(context), created_at=now,
                ttl=now + KEPT)


def compose_work(kind: str, context: dict[str, Any], now: datetime,
                 key: str | None = None) -> Mail:
    return Mail(WORK_ID + (key or secrets.token_urlsafe(16)), to="-",
                template=WORK_TEMPLATE + kind, language="en",
                context=encode_context(context), created_at=now, ttl=now + KEPT)


def is_work(mail_id: str) -> bool:
    return mail_id.startswith(WORK_ID)


def add_to(t: TransactWrite, mail: Iterable[Mail]) -> None:
    """Puts the messages in a transaction (each a new item)."""
    for item in mail:
        t.save(item, condition=Mail.mail_id.does_not_exist())


def save_new(item: Model, condition: Any, mail: Iterable[Mail],
             also: Together | None = None) -> None:
    """Saves an item under its condition with the messages about it (and `also`'s
    writes), in one transaction (alone, with none). For the dal's own functions, which
    are guarded."""
    mail = list(mail)
    if not mail and also is None:
        item.save(condition=condition)
        return
    with transaction() as t:
        t.save(item, condition=condition)
        add_to(t, mail)
        if also is not None:
            also.add_to(t)


@guarded
def save(*items: Model, mail: Iterable[Mail] = ()) -> None:
    """New items (an activity event, say) and their messages, in one transaction."""
    mail = list(mail)
    if not mail:
        for item in items:
            item.save()
        return
    if not items and len(mail) == 1:
        mail[0].save(condition=Mail.mail_id.does_not_exist())
        return
    with transaction() as t:
        for item in items:
            t.save(item)
        add_to(t, mail)


@guarded
def save_once(mail: Iterable[Mail]) -> bool:
    """Messages named by their keys, in one transaction: False when they were saved
    before (work run again after a failure that came after its write)."""
    return written(lambda t: add_to(t, mail))


@guarded
def get(mail_id: str) -> Mail | None:
    try:
        return Mail.get(mail_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def claim(mail_id: str, now: datetime, lease: timedelta) -> Mail | None:
    """Takes the message to send it: None when it was sent, is being sent by another
    worker (its lease not yet over) or does not exist. (A failed one may be taken: the
    operators moved it back from the dead-letter queue.)"""
    item = Mail(mail_id)
    try:
        item.update(actions=[Mail.status.set("sending"), Mail.attempts.add(1),
                             Mail.lease_until.set(now + lease)],
                    condition=Mail.mail_id.exists() & (
                        Mail.status.is_in("queued", "failed")
                        | ((Mail.status == "sending") & (Mail.lease_until < now))))
    except UpdateError as error:
        if is_condition_failure(error):
            return None
        raise
    return item


@guarded
def mark_sent(item: Mail, now: datetime) -> None:
    """Sent: the context (a token, a code) goes, the record that it was sent stays."""
    item.update(actions=[Mail.status.set("sent"), Mail.sent_at.set(now),
                         Mail.context.remove(), Mail.lease_until.remove(),
                         Mail.error.remove()])


@guarded
def mark_unsent(item: Mail, error: str, final: bool) -> None:
    """Not sent this time: queued for the next try, or failed for good (`final`)."""
    item.update(actions=[Mail.status.set("failed" if final else "queued"),
                         Mail.lease_until.remove(), Mail.error.set(error)])

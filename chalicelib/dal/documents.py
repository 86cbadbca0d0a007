"""Documents: a record per uploaded file. It is "pending" until the portal has seen the
object in S3 and checked it, then "ready"; a pending record expires in a day (TTL)."""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, table_name, ttl_after, updated


class Document(Model):
    class Meta(TableMeta):
        table_name = table_name("documents")

    document_id = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()  # the user id that uploaded it (a parent or staff)
    status = UnicodeAttribute()  # pending | ready
    filename = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    # what it belongs to, naming the parent who may read it:
    # submission:<user id>:<id> | message:<user id>:<thread> | letter:<member id>:<id>
    attached_to = UnicodeAttribute(null=True)
    # the S3 version that was checked: what every read opens, whatever is uploaded after
    version_id = UnicodeAttribute(null=True)
    verdict = UnicodeAttribute(null=True)  # GuardDuty's verdict on that version, once read
    ttl = TTLAttribute(null=True)

    @property
    def key(self) -> str:
        return f"documents/{self.document_id}"


@guarded
def create(document: Document) -> None:
    document.save(condition=Document.document_id.does_not_exist())


@guarded
def get(document_id: str) -> Document | None:
    try:
        return Document.get(document_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def mark_ready(document: Document, size: int, version_id: str | None) -> bool:
    actions = [Document.status.set("ready"), Document.size.set(size), Document.ttl.remove()]
    if version_id:
        actions.append(Document.version_id.set(version_id))
    return updated(document, actions=actions, condition=Document.status == "pending")


@guarded
def record_scan(document_id: str, result: str) -> None:
    updated(Document(document_id), actions=[Document.verdict.set(result)],
            condition=Document.document_id.exists())


@guarded
def attach(document_id: str, owner: str, target: str) -> bool:
    """Attaches a ready, unattached document of the owner; False otherwise."""
    return updated(Document(document_id), actions=[Document.attached_to.set(target)],
                   condition=(Document.owner == owner) & (Document.status == "ready")
                   & Document.attached_to.does_not_exist())


@guarded
def remove(document: Document) -> None:
    document.delete()


@guarded
def expiry(now: datetime) -> datetime:
    return ttl_after(now)

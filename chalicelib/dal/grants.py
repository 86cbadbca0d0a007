"""Third-party access: a parent (the grantor) lets another logon (the delegate) act on
their account, fully or with chosen permissions, for all or some of their cases.

Found by grantor (`by_grantor`) and, once accepted, by delegate (`by_delegate`, sparse);
an invitation is a single-use token naming the grant."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, is_condition_failure, strings, table_name
from chalicelib.dal.errors import Stale


class ByGrantor(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_grantor"
        projection = AllProjection()

    grantor_id = UnicodeAttribute(hash_key=True)


class ByDelegate(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_delegate"
        projection = AllProjection()

    delegate_id = UnicodeAttribute(hash_key=True)


class Grant(Model):
    class Meta(TableMeta):
        table_name = table_name("grants")

    grant_id = UnicodeAttribute(hash_key=True)
    grantor_id = UnicodeAttribute()
    grantor_name = UnicodeAttribute()
    invited_email = UnicodeAttribute()
    delegate_id = UnicodeAttribute(null=True)
    delegate_name = UnicodeAttribute(null=True)
    permissions = UnicodeSetAttribute()  # view | pay | messages | submissions
    cases: ListAttribute[str] = strings(null=True)  # None: every linked case
    ends_on = UnicodeAttribute(null=True)  # ISO date, the last day of access
    status = UnicodeAttribute()  # invited | active | revoked | given_up
    created_at = UTCDateTimeAttribute()
    accepted_at = UTCDateTimeAttribute(null=True)
    ended_at = UTCDateTimeAttribute(null=True)
    version = VersionAttribute()
    by_grantor = ByGrantor()
    by_delegate = ByDelegate()


@guarded
def get(grant_id: str) -> Grant | None:
    try:
        return Grant.get(grant_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save(grant: Grant) -> None:
    """Saves a read (or new) grant; Stale if it changed meanwhile."""
    try:
        grant.save()
    except PutError as error:
        if is_condition_failure(error):
            raise Stale() from error
        raise


@guarded
def of_grantor(grantor_id: str) -> list[Grant]:
    return list(Grant.by_grantor.query(grantor_id))


@guarded
def of_delegate(delegate_id: str) -> list[Grant]:
    return list(Grant.by_delegate.query(delegate_id))

"""Signed-in sessions, keyed by the hash of the bearer token."""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, get_together, guarded, table_name, updated
from chalicelib.dal.users import User


class SessionsByUser(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)


class Session(Model):
    class Meta(TableMeta):
        table_name = table_name("sessions")

    token_hash = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    session_id = UnicodeAttribute()  # the public id the owner sees and revokes by
    method = UnicodeAttribute(null=True)  # how the second step was passed
    role = UnicodeAttribute(default="parent")  # parent | caseworker, from the user at sign-in
    client = UnicodeAttribute(null=True)
    acting_as = UnicodeAttribute(null=True)  # a grant id: the account a delegate acts on
    created_at = UTCDateTimeAttribute()
    last_seen_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute()  # the absolute limit
    ttl = TTLAttribute()
    by_user = SessionsByUser()


@guarded
def save_new(session: Session) -> None:
    session.save(condition=Session.token_hash.does_not_exist())


def new(token_hash: str, user_id: str, now: datetime, expires_at: datetime,
        idle_until: datetime, *, session_id: str, method: str | None, client: str | None,
        role: str = "parent") -> Session:
    """A session not saved yet: the transaction that signs in saves it."""
    return Session(token_hash, user_id=user_id, session_id=session_id, method=method,
                   client=client, role=role, created_at=now, last_seen_at=now,
                   expires_at=expires_at, ttl=min(expires_at, idle_until))


@guarded
def find(token_hash: str) -> Session | None:
    try:
        return Session.get(token_hash, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def find_with_user(token_hash: str, user_id: str) -> tuple[Session | None, User | None]:
    """The session and the logon a token names, in one BatchGetItem."""
    session, user = get_together((Session, token_hash), (User, user_id))
    return (session if isinstance(session, Session) else None,
            user if isinstance(user, User) else None)


@guarded
def touch(session: Session, now: datetime, idle_until: datetime) -> bool:
    """Records activity; False when the session was ended meanwhile."""
    return updated(session, actions=[Session.last_seen_at.set(now),
                                     Session.ttl.set(min(session.expires_at, idle_until))],
                   condition=Session.token_hash.exists())


@guarded
def set_method(token_hash: str, method: str) -> bool:
    """Records a stronger second step shown within the session; False once it has ended."""
    return updated(Session(token_hash), actions=[Session.method.set(method)],
                   condition=Session.token_hash.exists())


@guarded
def end(token_hash: str) -> None:
    Session(token_hash).delete()


@guarded
def of_user(user_id: str) -> list[Session]:
    return list(Session.by_user.query(user_id))


@guarded
def end_all(user_id: str, keep: str | None = None) -> int:
    """Ends every session of a user but `keep` (a token hash), by Query on the by_user
    index and batch deletes."""
    ended = 0
    with Session.batch_write() as batch:
        for item in Session.by_user.query(user_id, attributes_to_get=["token_hash"]):
            if item.token_hash != keep:
                batch.delete(Session(item.token_hash))
                ended += 1
    return ended


@guarded
def set_acting_as(token_hash: str, grant_id: str | None) -> None:
    action = Session.acting_as.set(grant_id) if grant_id else Session.acting_as.remove()
    updated(Session(token_hash), actions=[action], condition=Session.token_hash.exists())

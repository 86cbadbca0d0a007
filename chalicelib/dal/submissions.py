"""Web requests ("I Want To..."): drafts and submissions, a logon's partition newest first.

Three sparse indexes, each holding an item only while it matters to its reader:
- `by_queue` (staff worklist): `queue` is "submitted" or "in_review" while the agency has
  the request to work, or "to_record" while a change done at once waits to be carried
  into the agency's own system, sorted by when it was received;
- `by_confirmation`: the confirmation number, once submitted (staff find a request by it);
- `by_draft_expiry`: the day a draft expires, while it is a draft (the jobs read one day;
  whole items, so a job reads each due draft once).
"""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal import attention
from chalicelib.dal.base import (
    TableMeta,
    Together,
    decode_cursor,
    encode_cursor,
    guarded,
    is_condition_failure,
    page,
    strings,
    table_name,
    transaction,
)
from chalicelib.dal.errors import Stale

WORKED = ("submitted", "in_review")
TO_RECORD = "to_record"


class ByQueue(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_queue"
        projection = AllProjection()

    queue = UnicodeAttribute(hash_key=True)
    received_key = UnicodeAttribute(range_key=True)  # <submitted at ISO>#<submission id>


class ByConfirmation(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_confirmation"
        projection = KeysOnlyProjection()

    confirmation = UnicodeAttribute(hash_key=True)


class ByDraftExpiry(GlobalSecondaryIndex):
    class Meta:  # whole items: the job acts on what it reads, guarded by the version
        index_name = "by_draft_expiry"
        projection = AllProjection()

    draft_expires_on = UnicodeAttribute(hash_key=True)  # YYYY-MM-DD
    submission_id = UnicodeAttribute(range_key=True)


class Submission(Model):
    class Meta(TableMeta):
        table_name = table_name("submissions")

    user_id = UnicodeAttribute(hash_key=True)
    submission_id = UnicodeAttribute(range_key=True)  # <created YYYYmmddHHMMSS>-<random>
    type = UnicodeAttribute()
    status = UnicodeAttribute()  # draft | submitted | in_review | approved | denied | expired
    case_id = UnicodeAttribute(null=True)
    member_id = UnicodeAttribute(null=True)
    answers = JSONAttribute(default=dict)  # step id -> that step's validated fields
    documents: ListAttribute[str] = strings(default=list)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute(null=True)  # a draft's
    submitted_at = UTCDateTimeAttribute(null=True)
    confirmation = UnicodeAttribute(null=True)
    logon = UnicodeAttribute(null=True)  # the address it was submitted by
    note = UnicodeAttribute(null=True)  # the agency's note the member sees
    decided_at = UTCDateTimeAttribute(null=True)
    worked_by = UnicodeAttribute(null=True)  # the staff user id
    unseen_update = BooleanAttribute(null=True)  # the agency changed it; the member has not looked
    queue = UnicodeAttribute(null=True)
    received_key = UnicodeAttribute(null=True)
    draft_expires_on = UnicodeAttribute(null=True)
    to_record = BooleanAttribute(null=True)  # done at once; the agency still records it
    version = VersionAttribute()
    by_queue = ByQueue()
    by_confirmation = ByConfirmation()
    by_draft_expiry = ByDraftExpiry()


@guarded
def get(user_id: str, submission_id: str) -> Submission | None:
    try:
        return Submission.get(user_id, submission_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save(submission: Submission, alongside: tuple[Model, ...] = (),
         effect: Together | None = None) -> None:
    """Saves a read (or new) submission, with what is saved alongside (its activity
    event), its Action Center mark and the writes of its effect (a request that takes
    effect at once) in the same transaction; Stale if it, or what the effect changes,
    changed meanwhile."""
    try:
        if submission.status == "expired" and not alongside and effect is None:
            submission.save()  # its draft's mark ran out with it (`until`); TTL takes it
            return
        with transaction() as t:
            t.save(submission)
            _attention_in(t, submission)
            for item in alongside:
                t.save(item)
            if effect is not None:
                effect.add_to(t)
    except (PutError, TransactWriteError) as error:
        if is_condition_failure(error):
            raise Stale() from error
        raise


def attention_mark(submission: Submission) -> attention.Mark | None:
    """Its Action Center mark: a draft until it expires, a change the parent has not seen,
    or none."""
    kind = "draft" if submission.status == "draft" else (
        "request_updated" if submission.unseen_update else None)
    return None if kind is None else attention.mark(
        submission.user_id, attention.request_key(submission.submission_id), kind,
        case_id=submission.case_id, until=submission.expires_at if kind == "draft" else None,
        shows={"type": submission.type, "status": submission.status, "note": submission.note,
               "confirmation": submission.confirmation})


def _attention_in(t: TransactWrite, submission: Submission) -> None:
    mark = attention_mark(submission)
    if mark is None:
        attention.delete_in(t, submission.user_id,
                            [attention.request_key(submission.submission_id)])
    else:
        attention.put_in(t, [mark])


@guarded
def delete(submission: Submission) -> None:
    with transaction() as t:
        t.delete(submission, condition=Submission.status.is_in("draft", "expired"))
        attention.delete_in(t, submission.user_id,
                            [attention.request_key(submission.submission_id)])


@guarded
def of_user(user_id: str, *, newest_first: bool = True, since: str | None = None,
            until: str | None = None, type: str | None = None, confirmation: str | None = None,
            status: str | None = None, now: datetime | None = None, limit: int | None = None,
            cursor: str | None = None) -> tuple[list[Submission], str | None]:
    """A page of a logon's submissions, created between two YYYYmmdd dates (inclusive), of
    one type, confirmation number or status if given. A draft past its expiry (`now`) is
    "expired" even before the job marks it; a page may hold fewer than `limit` when the
    filter leaves some out."""
    filter_condition = _search_filter(type, confirmation, status, now)
    key_condition = None
    low, high = (since or "00000000"), (until or "99999999") + "~"
    if since or until:
        key_condition = Submission.submission_id.between(low, high)
    start = decode_cursor(cursor, "user_id", user_id, "submission_id")
    results = Submission.query(user_id, key_condition, filter_condition=filter_condition,
                               scan_index_forward=not newest_first, limit=limit,
                               last_evaluated_key=start, consistent_read=True)
    items = list(results)
    return items, encode_cursor(results.last_evaluated_key)


@guarded
def open_or_updated(user_id: str, now: datetime) -> list[Submission]:
    """Drafts still open and requests the agency changed since they were seen, newest
    first."""
    results = Submission.query(user_id, filter_condition=(
        (Submission.status == "draft") & (Submission.expires_at > now))
        | (Submission.unseen_update == True),  # noqa: E712 (a DynamoDB condition)
        scan_index_forward=False, consistent_read=True)
    return list(results)


def _search_filter(type: str | None, confirmation: str | None, status: str | None,
                   now: datetime | None) -> Condition | None:
    parts: list[Condition] = []
    if type:
        parts.append(Submission.type == type)
    if confirmation:
        parts.append(Submission.confirmation == confirmation)
    if status == "expired":
        parts.append((Submission.status == "expired") | (
            (Submission.status == "draft") & (Submission.expires_at <= now)))
    elif status == "draft":
        parts.append((Submission.status == "draft") & (Submission.expires_at > now))
    elif status:
        parts.append(Submission.status == status)
    found = parts[0] if parts else None
    for more in parts[1:]:
        found = found & more
    return found


@guarded
def queue(status: str, limit: int, cursor: str | None = None,
          oldest_first: bool = True) -> tuple[list[Submission], str | None]:
    """A page of the staff worklist of one status (ValueError for a foreign cursor)."""
    start = decode_cursor(cursor, "queue", status, "received_key",
                          table_keys=("user_id", "submission_id"))
    results = Submission.by_queue.query(status, limit=limit, last_evaluated_key=start,
                                        scan_index_forward=oldest_first)
    return list(results), encode_cursor(results.last_evaluated_key)


@guarded
def by_confirmation(confirmation: str) -> Submission | None:
    keys = list(Submission.by_confirmation.query(confirmation, limit=1))
    return get(keys[0].user_id, keys[0].submission_id) if keys else None


@guarded
def expiring_on(day: str, cursor: dict | None = None, limit: int = 100):
    return page(Submission.by_draft_expiry, day, cursor, limit)


@guarded
def index_fields(submission: Submission) -> None:
    """Sets the sparse index keys from the status (call before saving)."""
    draft = submission.status == "draft"
    submission.draft_expires_on = (submission.expires_at.date().isoformat()
                                   if draft and submission.expires_at else None)
    queue = submission.status if submission.status in WORKED else (
        TO_RECORD if submission.to_record else None)
    submission.queue = queue
    submission.received_key = (f"{submission.submitted_at.isoformat()}#"
                               f"{submission.submission_id}" if queue else None)


@guarded
def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S")

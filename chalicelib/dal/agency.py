"""Case data from the agency's system of record, in two tables keyed for the Summary:

members: member_id + item      PROFILE | CASE#<case id> (the member's role) |
                               FEE#<account> | EMP#<employer id> |
                               DEPOSIT (an obligee's direct deposit account) |
                               CODE#<code hash> (a request code the agency sent)
cases:   case_id + item        CASE (details, obligation, the ledger's book) |
                               LEDGER#<entry id> | ACTION#<date>#<id> | EVENT#<at>#<id>

One Query reads a member with their cases and fee accounts; one BatchGet reads those
cases, so the Summary costs the same for one case or many."""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

from pynamodb.attributes import (
    BinaryAttribute,
    BooleanAttribute,
    JSONAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import (
    DeleteError,
    DoesNotExist,
    TransactWriteError,
    UpdateError,
)
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal import attention
from chalicelib.dal.base import (
    TTL_GRACE,
    Maps,
    TableMeta,
    Update,
    Wanted,
    decode_cursor,
    encode_cursor,
    guarded,
    is_condition_failure,
    is_transient,
    page,
    table_name,
    transaction,
    updated,
    written,
)
from chalicelib.dal.outbox import Mail, add_to
from chalicelib.dal.users import PostalAddress, User

PROFILE, CASE, DEPOSIT, OWING = "PROFILE", "CASE", "DEPOSIT", "OWING"


class Participant(MapAttribute):
    member_id = UnicodeAttribute()
    role = UnicodeAttribute()  # obligor | obligee | child
    name = UnicodeAttribute()


class OrderChange(MapAttribute):
    effective = UnicodeAttribute()  # ISO date
    description = UnicodeAttribute()
    custody = UnicodeAttribute(null=True)
    monthly_support_cents = NumberAttribute(null=True)
    medical_support_cents = NumberAttribute(null=True)


class Obligation(MapAttribute):
    monthly_support_cents = NumberAttribute()
    medical_support_cents = NumberAttribute(default=0)
    due_day = NumberAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)


class Spell(MapAttribute):
    """A spell of public assistance on the case: ISO dates, `end` None while it lasts."""
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)


class Allocation(MapAttribute):
    """Part of a payment applied to one debt: its month, kind (support, interest, fee),
    whom it was owed to, whether it was that month's current support and who keeps it."""

    period = UnicodeAttribute()
    cents = NumberAttribute()
    case_id = UnicodeAttribute(null=True)  # a payment split among several cases: whose
    kind = UnicodeAttribute(null=True)
    owner = UnicodeAttribute(null=True)
    current = BooleanAttribute(null=True)
    kept_by = UnicodeAttribute(null=True)


class LastPayment(MapAttribute):
    on = UnicodeAttribute()
    amount_cents = NumberAttribute()


class ByCodePurge(GlobalSecondaryIndex):
    """Request codes by the day they may be deleted (a week after they expire)."""
    class Meta:
        index_name = "by_code_purge"
        projection = KeysOnlyProjection()

    code_purge_on = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute(range_key=True)



class BySsnKey(GlobalSecondaryIndex):
    """Members by the SSN key version their hash was made with, in SSN_KEY_SHARDS
    shards ("<version>#<0-9>", so a load's writes spread over ten partitions), for the
    SSN key tool's counts (a Query per shard, never a Scan)."""
    class Meta:
        index_name = "by_ssn_key"
        projection = KeysOnlyProjection()

    ssn_key_shard = UnicodeAttribute(hash_key=True)
    member_id = UnicodeAttribute(range_key=True)


SSN_KEY_SHARDS = 10


def ssn_key_shard(member_id: str, version: str) -> str:
    return f"{version}#{zlib.crc32(member_id.encode()) % SSN_KEY_SHARDS}"


OWING_SHARDS = 16


def owing_shard(case_id: str) -> str:
    return f"{OWING}#{zlib.crc32(case_id.encode()) % OWING_SHARDS:02d}"


OWING_KEYS = [OWING, *(f"{OWING}#{n:02d}" for n in range(OWING_SHARDS))]


class BySsn(GlobalSecondaryIndex):
    """A member by the keyed hash of their SSN (forgot case number, from the sign-in
    page: SSN, date of birth and ZIP are all the parent gives)."""
    class Meta:
        index_name = "by_ssn"
        projection = KeysOnlyProjection()

    ssn_hmac = UnicodeAttribute(hash_key=True)


class MemberItem(Model):
    class Meta(TableMeta):
        table_name = table_name("members")

    member_id = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)
    # PROFILE
    first_name = UnicodeAttribute(null=True)
    middle_name = UnicodeAttribute(null=True)
    last_name = UnicodeAttribute(null=True)
    date_of_birth = UnicodeAttribute(null=True)
    ssn_hmac = UnicodeAttribute(null=True)
    ssn_key_version = UnicodeAttribute(null=True)  # the SSN key's (integrations/secrets.py)
    ssn_key_shard = UnicodeAttribute(null=True)  # BySsnKey's: ssn_key_shard(id, version)
    ssn_last4 = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    mailing_address = PostalAddress(null=True)
    residential_address = PostalAddress(null=True)
    linked_user_id = UnicodeAttribute(null=True)
    # CASE#: the member's role on the case
    role = UnicodeAttribute(null=True)
    # FEE#
    description = UnicodeAttribute(null=True)
    balance_cents = NumberAttribute(null=True)
    # DEPOSIT: the account number only as KMS ciphertext bound to the member
    routing_number = UnicodeAttribute(null=True)
    account_kind = UnicodeAttribute(null=True)
    holder_name = UnicodeAttribute(null=True)
    last4 = UnicodeAttribute(null=True)
    account_ciphertext = BinaryAttribute(null=True, legacy_encoding=False)
    changed_by = UnicodeAttribute(null=True)  # the logon (user id) that made the change
    # CODE#: a code that opens a pre-filled request; only its hash is the key
    request_type = UnicodeAttribute(null=True)
    code_case_id = UnicodeAttribute(null=True)
    answers = JSONAttribute(null=True)
    expires_at = UTCDateTimeAttribute(null=True)
    used_at = UTCDateTimeAttribute(null=True)
    issued_by = UnicodeAttribute(null=True)
    code_purge_on = UnicodeAttribute(null=True)
    # EMP#
    employer = UnicodeAttribute(null=True)
    employer_address = PostalAddress(null=True)
    started = UnicodeAttribute(null=True)
    ended = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)
    by_code_purge = ByCodePurge()
    by_ssn_key = BySsnKey()
    by_ssn = BySsn()

    @property
    def full_name(self) -> str:
        """A PROFILE's name as the agency's record has it: first, middle and last."""
        return " ".join(filter(None, [self.first_name, self.middle_name, self.last_name]))


class ByDueDay(GlobalSecondaryIndex):
    """Self-paid active cases by the day of the month support is due ("D05"), with what
    the payment reminder reads (so it reads no case again)."""
    class Meta:
        index_name = "by_due_day"
        projection = IncludeProjection(["status", "payment_method", "obligation",
                                        "participants", "revision", "recent_receipts"])

    due_bucket = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute(range_key=True)


class ByOwingShard(GlobalSecondaryIndex):
    """Cases that owe principal (sparse: a case that owes none has no `owing`), for the
    monthly interest job, with what it reads of the case (its ledger it reads itself), in
    OWING_SHARDS shards ("OWING#07", owing_shard: a first load's and each month's writes
    spread over sixteen partitions, not one). "OWING" alone is the key totals written
    before the shards were kept: the job reads it too."""
    class Meta:
        index_name = "by_owing_shard"
        projection = IncludeProjection(["case_type", "status", "assistance", "revision",
                                        "participants"])

    owing = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute(range_key=True)


class ByEventDate(GlobalSecondaryIndex):
    """Court dates and appointments by their day at the agency, with what their reminder
    says (so no event is read again; who to tell is the case's)."""
    class Meta:
        index_name = "by_event_date"
        projection = IncludeProjection(["at", "description", "location"])

    event_day = UnicodeAttribute(hash_key=True)
    case_id = UnicodeAttribute(range_key=True)




class CaseItem(Model):
    class Meta(TableMeta):
        table_name = table_name("cases")

    case_id = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)
    # CASE
    case_type = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    participants = Maps(of=Participant, null=True)
    custody = UnicodeAttribute(null=True)
    payment_method = UnicodeAttribute(null=True)  # self_paid | income_withholding
    obligation = Obligation(null=True)
    order_history = Maps(of=OrderChange, null=True)
    assistance = Maps(of=Spell, null=True)
    office_id = UnicodeAttribute(null=True)  # the local office (offices.json's id)
    caseworker_name = UnicodeAttribute(null=True)
    caseworker_email = UnicodeAttribute(null=True)  # the staff logon assigned
    # the ledger replayed (domain/ledger.Book as JSON): each bucket's charged and paid,
    # what was received each month, the credit
    book = UnicodeAttribute(null=True)
    owing = UnicodeAttribute(null=True)  # OWING#<shard> while the book has unpaid principal
    # what the book received this month and after ({period: cents} JSON, written with it)
    recent_receipts = UnicodeAttribute(null=True)
    last_payment = LastPayment(null=True)
    revision = NumberAttribute(null=True)  # counts writes of the totals (optimistic lock)
    due_bucket = UnicodeAttribute(null=True)  # "D05" while a self-paid reminder may be due
    # LEDGER# / ACTION# / EVENT#
    on = UnicodeAttribute(null=True)  # ISO date (ledger, action)
    at = UTCDateTimeAttribute(null=True)  # event time
    kind = UnicodeAttribute(null=True)  # ledger: charge | payment | adjustment | interest | fee;
    #                                     event: court_date | appointment
    amount_cents = NumberAttribute(null=True)
    description = UnicodeAttribute(null=True)
    location = UnicodeAttribute(null=True)
    event_day = UnicodeAttribute(null=True)  # EVENT#: the ISO date at the agency
    # LEDGER#: a debt's owner when the agency says (family | state); a payment's source
    # and reference, and for a return the key of the payment it takes back
    owner = UnicodeAttribute(null=True)
    source = UnicodeAttribute(null=True)  # portal | income_withholding | check | ...
    reference = UnicodeAttribute(null=True)
    reverses = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)
    by_due_day = ByDueDay()
    by_event_date = ByEventDate()
    by_owing_shard = ByOwingShard()

    @property
    def child_id(self) -> str:
        """An EVENT#'s or ACTION#'s own id, as the agency's record named it (the last part
        of the sort key)."""
        return self.item.rsplit("#", 1)[1]


# --- reads ------------------------------------------------------------------------------

@guarded
def member_partition(member_id: str) -> list[MemberItem]:
    return list(MemberItem.query(member_id, consistent_read=True))


@guarded
def member(member_id: str) -> MemberItem | None:
    return member_item(member_id, PROFILE)


@guarded
def members(member_ids: set[str]) -> list[MemberItem]:
    """Members' profiles, in one BatchGetItem (at most 100)."""
    return list(MemberItem.batch_get([(m, PROFILE) for m in sorted(member_ids)],
                                     consistent_read=True)) if member_ids else []


@guarded
def members_with_ssn(hashes: Sequence[str]) -> list[MemberItem]:
    """The members whose SSN has one of these keyed hashes (one per key version)."""
    ids = {k.member_id for h in hashes for k in MemberItem.by_ssn.query(h)}
    return [m for m in (member(i) for i in sorted(ids)) if m is not None]


@guarded
def member_item(member_id: str, item: str) -> MemberItem | None:
    try:
        return MemberItem.get(member_id, item, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def fee_account(member_id: str, account: str) -> MemberItem | None:
    return member_item(member_id, f"FEE#{account}")


def fee_account_key(member_id: str, account: str) -> Wanted:
    """A fee account's keys, for get_together."""
    return MemberItem, member_id, f"FEE#{account}"


def case_key(case_id: str) -> Wanted:
    """A case's keys, for get_together."""
    return CaseItem, case_id, CASE


@guarded
def take_code(member_id: str, code_key: str, now: datetime, reader: str) -> MemberItem | None:
    """Uses a member's request code once, before it expires, by the member's logon
    (`reader`: its Action Center mark goes); None if it cannot be."""
    item = MemberItem(member_id, f"CODE#{code_key}")

    def writes(t: TransactWrite) -> None:
        t.update(item, actions=[MemberItem.used_at.set(now)],
                 condition=MemberItem.item.exists() & MemberItem.used_at.does_not_exist()
                 & (MemberItem.expires_at > now))
        attention.delete_in(t, reader, [attention.code_key(item.item)])

    if not written(writes):
        return None
    return member_item(member_id, f"CODE#{code_key}")


def code_mark(reader: str, item: MemberItem) -> attention.Mark:
    """A request code's Action Center mark, for the member's logon, until it expires."""
    return attention.mark(reader, attention.code_key(item.item), "code_waiting",
                          case_id=item.code_case_id, until=item.expires_at,
                          shows={"type": item.request_type})


@guarded
def put_code(item: MemberItem, reader: str | None) -> None:
    """A new request code, with its Action Center mark for the member's logon (`reader`)
    if it has one."""
    def writes(t: TransactWrite) -> None:
        t.save(item, condition=MemberItem.item.does_not_exist())
        if reader:
            attention.put_in(t, [code_mark(reader, item)])

    written(writes)


@guarded
def save_direct_deposit(item: MemberItem) -> None:
    item.save()


@guarded
def remove_direct_deposit(member_id: str) -> bool:
    """False if there was none."""
    try:
        MemberItem(member_id, DEPOSIT).delete(condition=MemberItem.item.exists())
    except DeleteError as error:
        if is_condition_failure(error):
            return False
        raise
    return True


@guarded
def case(case_id: str) -> CaseItem | None:
    try:
        return CaseItem.get(case_id, CASE, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def cases(case_ids: list[str]) -> list[CaseItem]:
    """The CASE items of many cases in one BatchGet (100 at most a call)."""
    return list(CaseItem.batch_get([(c, CASE) for c in case_ids], consistent_read=True))


@guarded
def case_items(case_id: str, prefix: str, newest_first: bool = False, limit: int | None = None,
               cursor: str | None = None) -> tuple[list[CaseItem], str | None]:
    """The case's items of one kind; with a limit, a page and the cursor to the next
    (ValueError for a cursor that is not of this case and kind)."""
    start = decode_cursor(cursor, "case_id", case_id, "item", prefix)
    results = CaseItem.query(case_id, CaseItem.item.startswith(prefix),
                             scan_index_forward=not newest_first, limit=limit,
                             last_evaluated_key=start, consistent_read=True)
    items = list(results)
    return items, encode_cursor(results.last_evaluated_key)


@guarded
def case_and_ledger(case_id: str) -> tuple[CaseItem | None, list[CaseItem]]:
    """A case and its ledger in one Query: its partition from CASE through the last
    LEDGER# (the case's events sort between them and are passed over; a filter may not
    name a key)."""
    found = CaseItem.query(case_id, CaseItem.item.between(CASE, "LEDGER$"), consistent_read=True)
    case, ledger = None, []
    for item in found:
        if item.item == CASE:
            case = item
        elif item.item.startswith("LEDGER#"):
            ledger.append(item)
    return case, ledger


# --- writes -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Totals:
    """A case's ledger replayed: its book (JSON), whether it owes principal, what it
    received this month and after (JSON {period: cents}, `recent_receipts`) and its last
    payment."""
    book: str
    owing: bool
    receipts: str
    last_payment: dict[str, Any] | None


@dataclass(frozen=True)
class Posting:
    """What one case gets in a posting: new ledger entries and its totals with them."""
    case: CaseItem
    entries: Sequence[CaseItem]
    totals: Totals


@guarded
def post_ledger_entries(postings: Sequence[Posting], now: datetime,
                        alongside: Sequence[Update] = (), mail: Sequence[Mail] = ()) -> bool:
    """Writes each case's ledger entries with its new book, and any `alongside` updates
    [(item, actions, condition)] and messages about it, in one transaction (one collection split among an
    obligor's cases is written whole or not at all). False when a case changed since it
    was read, an entry exists, an alongside condition failed or DynamoDB was busy:
    nothing is written then, and the caller may try again."""
    try:
        with transaction() as t:
            for item, actions, condition in alongside:
                t.update(item, actions=actions, condition=condition)
            add_to(t, mail)
            for posting in postings:
                for entry in posting.entries:
                    t.save(entry, condition=CaseItem.item.does_not_exist())
                t.update(CaseItem(posting.case.case_id, CASE),
                         actions=_book_actions(posting.case.case_id, posting.totals, now),
                         condition=_unchanged(posting.case))
    except TransactWriteError as error:
        if is_condition_failure(error) or is_transient(error):
            return False
        raise
    return True


def _unchanged(case: CaseItem):
    """The case's totals are as read: its revision, not a time (two writes can share one)."""
    if case.revision is None:
        return CaseItem.case_id.exists() & CaseItem.revision.does_not_exist()
    return CaseItem.revision == case.revision


@guarded
def ledger_entry(case_id: str, entry_key: str) -> CaseItem | None:
    try:
        return CaseItem.get(case_id, entry_key, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save_case_totals(case: CaseItem, totals: Totals, now: datetime) -> bool:
    """Replaces the case's totals; False if the case changed since it was read."""
    return updated(CaseItem(case.case_id, CASE), actions=_book_actions(case.case_id, totals, now),
                   condition=_unchanged(case))


def _book_actions(case_id: str, totals: Totals, now: datetime) -> list:
    last = (CaseItem.last_payment.set(LastPayment(**totals.last_payment))
            if totals.last_payment else CaseItem.last_payment.remove())
    return [CaseItem.book.set(totals.book), last, CaseItem.updated_at.set(now),
            CaseItem.revision.add(1), CaseItem.recent_receipts.set(totals.receipts),
            CaseItem.owing.set(owing_shard(case_id)) if totals.owing
            else CaseItem.owing.remove()]


@guarded
def owing_cases(key: str, cursor: dict | None = None, limit: int = 100):
    """A page of the cases that owe principal under one of OWING_KEYS, with what the
    interest job reads of each (ByOwingShard)."""
    return page(CaseItem.by_owing_shard, key, cursor, limit)


@guarded
def ssn_key_count(version: str) -> int:
    """How many members' SSN hashes the key version made: a counting Query per shard."""
    return sum(MemberItem.by_ssn_key.count(f"{version}#{shard}")
               for shard in range(SSN_KEY_SHARDS))


@guarded
def rekey_ssn(member_id: str, was: str, hashed: str, version: str) -> bool:
    """The member's SSN hash made again with the current key (after a match with the
    previous one); False if the hash changed meanwhile (a load, or another re-key)."""
    try:
        MemberItem(member_id, PROFILE).update(
            actions=[MemberItem.ssn_hmac.set(hashed), MemberItem.ssn_key_version.set(version),
                     MemberItem.ssn_key_shard.set(ssn_key_shard(member_id, version))],
            condition=MemberItem.ssn_hmac == was)
    except UpdateError as error:
        if is_condition_failure(error):
            return False
        raise
    return True


def address_change(member_id: str, mailing: dict, residential: dict, now: datetime) -> Update:
    """The write of a member's new addresses, for the parent's change of address's
    transaction (the agency's next load carries it too)."""
    return (MemberItem(member_id, PROFILE),
            [MemberItem.mailing_address.set(PostalAddress(**mailing)),
             MemberItem.residential_address.set(PostalAddress(**residential)),
             MemberItem.updated_at.set(now)],
            MemberItem.member_id.exists())


@guarded
def link_logon(member_id: str, user: User, alongside: list[Model]) -> str | None:
    """Links a member and a logon to each other in one transaction, with what is saved
    alongside: None when done, else which side was taken ("member": by another logon,
    "logon": to another member)."""
    try:
        with transaction() as t:
            t.update(MemberItem(member_id, PROFILE),
                     actions=[MemberItem.linked_user_id.set(user.user_id)],
                     condition=MemberItem.member_id.exists() & (
                         MemberItem.linked_user_id.does_not_exist()
                         | (MemberItem.linked_user_id == user.user_id)))
            t.update(user, actions=[User.member_id.set(member_id)],
                     condition=User.user_id.exists() & User.member_id.does_not_exist(),
                     add_version_condition=False)
            attention.delete_in(t, user.user_id, [attention.LINK])
            for item in alongside:
                t.save(item)
    except TransactWriteError as error:
        if not is_condition_failure(error):
            raise
        now_linked = getattr(member(member_id), "linked_user_id", None)
        return "member" if now_linked not in (None, user.user_id) else "logon"
    user.member_id = member_id
    return None


@guarded
def unlink_member(member_id: str, user_id: str) -> None:
    updated(MemberItem(member_id, PROFILE), actions=[MemberItem.linked_user_id.remove()],
            condition=MemberItem.linked_user_id == user_id)


@guarded
def due_on(bucket: str, cursor: dict | None = None, limit: int = 100):
    return page(CaseItem.by_due_day, bucket, cursor, limit)


@guarded
def events_on(day: str, cursor: dict | None = None, limit: int = 100):
    """A page of the day's events, with what their reminders say (ByEventDate)."""
    return page(CaseItem.by_event_date, day, cursor, limit)


@guarded
def codes_to_purge(day: str, cursor: dict | None = None, limit: int = 100):
    return page(MemberItem.by_code_purge, day, cursor, limit)


@guarded
def purge_code(member_id: str, item: str, now: datetime) -> bool:
    """Deletes a request code past its grace; False if it is not (or is gone)."""
    try:
        MemberItem(member_id, item).delete(
            condition=MemberItem.expires_at <= now - TTL_GRACE)
    except DeleteError as error:
        if is_condition_failure(error):
            return False
        raise
    return True

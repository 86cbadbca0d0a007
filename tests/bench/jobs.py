"""Items read by a job run over a large table, most of whose items are not due: each
job must read what is due, never the rest, and each due item once (target: at most
1.1 x due, issue #27): its sparse index holds what the job needs of it. Counted apart:
the other items the work looks up for each due one (an event's case, to know who to
tell; a case's ledger, to replay), each with what it is.

- drafts: 100,000 drafts, 1,000 expiring on the run's day (the others over the next
  months); reads its index entry per due draft.
- settlement: 100,000 payments, 200 due a check with the processor (the others later);
  reads each due payment whole from its index (the processor's record is its own).
- purge_unverified: 100,000 registrations never verified, 200 past their purge day;
  reads each index entry, which holds the address to free.
- expire_tokens: 100,000 used or expired links, 200 past their grace; deletes each
  entry's item with a condition, reading nothing more.
- payment_due: 100,000 self-paid cases, 200 due in 5 days; each entry holds the case's
  status, obligation, people and what it received this month.
- interest: 100,000 cases, 200 owing; each entry holds what the replay needs of the
  case, whose ledger it then reads.
- event_reminders: 100,000 court dates, 200 a week ahead; each entry holds what the
  reminder says; the case, who to tell, is looked up.
- autopay: 100,000 schedules, 200 on the run's day (each a parent's with a case and a
  saved account, paid through the sandbox processor); the payment looks up the logon,
  the case and the account.
- ach_file: 100,000 debits, 200 made on the run's banking day (by the rail itself, each
  from its own account), the rest queued for later days' files; each debit's account is
  looked up for its number.
- mail_digest: 100,000 threads, 200 written in yesterday; each parent's logon and marks
  (the unread count the Action Center keeps) are looked up."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from typing import Callable, NamedTuple
from unittest import mock

from tests.bench.requests import PROCESSOR_TABLES

TOTAL, DUE = 100_000, 1_000  # issue #27: over seeded tables of 100,000 items
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def seed_drafts(total: int, due: int) -> None:
    from chalicelib.dal import submissions as store
    from chalicelib.dal.submissions import Submission

    later = total - due
    with Submission.batch_write() as batch:
        for i in range(total):
            expires = (NOW - timedelta(hours=1) if i < due
                       else NOW + timedelta(days=10 + (i - due) * 98 // later))
            draft = Submission(f"user-{i % 5000:05d}", f"20260501000000-{i:06d}",
                               type="close_case", status="draft", case_id="000020108",
                               answers={}, created_at=expires - timedelta(days=30),
                               updated_at=expires - timedelta(days=30), expires_at=expires,
                               version=1)
            store.index_fields(draft)
            batch.save(draft)


def seed_payments(total: int, due: int) -> None:
    from chalicelib.dal.payments import Payment

    with Payment.batch_write() as batch:
        for i in range(total):
            check_on = NOW.date() if i < due else NOW.date() + timedelta(days=1 + i % 60)
            batch.save(Payment(f"user-{i % 5000:05d}", f"20260610000000-{i:06d}",
                               member_id=f"{i:08d}", case_id="000020108", last4="6789",
                               amount_cents=1000, status="pending",
                               processor_key=f"key-{i:06d}", reference=f"sbx_ch_{i:06d}",
                               created_at=NOW - timedelta(days=5),
                               check_on=check_on.isoformat()))


def seed_registrations(total: int, due: int) -> None:
    from chalicelib.dal.users import EmailLogin, User

    with User.batch_write() as batch, EmailLogin.batch_write() as logins:
        for i in range(total):
            day = NOW.date() - timedelta(days=1) if i < due else NOW.date() + timedelta(
                days=1 + i % 7)
            email = f"never.{i:06d}@example.com"
            batch.save(User(f"pending-{i:06d}", email=email, first_name="Pat",
                            last_name="Parent", password_hash="x", created_at=NOW,
                            unverified_until=day.isoformat(), version=1))
            if i < due:
                logins.save(EmailLogin(email, user_id=f"pending-{i:06d}", created_at=NOW))


def _cases(total: int, due: int, each) -> None:
    """`total` case items of the cases table, `each(i)` giving the i-th's attributes (the
    first `due` of them due)."""
    from chalicelib.dal.agency import CaseItem

    with CaseItem.batch_write() as batch:
        for i in range(total):
            for item, attributes in each(i):
                batch.save(CaseItem(f"{i:09d}", item, **attributes))


def seed_due_cases(total: int, due: int) -> None:
    """Self-paid cases by the day support is due, with totals as a load writes them:
    `due` in the bucket five days after the run (what payment_due reminds of, each paid
    for the month already, so no one is emailed), the rest in the month's other days'."""
    from chalicelib.clock import agency_date
    from chalicelib.dal.agency import Obligation

    remind = agency_date(NOW) + timedelta(days=5)
    paid = json.dumps({f"{remind:%Y-%m}": 50000})

    def each(i: int):
        day = remind.day if i < due else 1 + (remind.day + i % 27) % 28  # never the due one
        return [("CASE", {"status": "active", "due_bucket": f"D{day:02d}",
                          "payment_method": "self_paid", "revision": 1,
                          "recent_receipts": paid, "book": "{}",
                          "obligation": Obligation(monthly_support_cents=50000, due_day=day,
                                                   start="2024-01-01")})]

    _cases(total, due, each)


def seed_owing_cases(total: int, due: int) -> None:
    """Cases of which `due` owe principal (the interest job's, under their shards), the
    rest nothing; each as a load leaves it, its ledger aside (the job reads each due
    case's ledger whole, which it must replay: none here)."""
    from chalicelib.dal.agency import owing_shard

    _cases(total, due, lambda i: [("CASE", {
        "status": "active", "case_type": "Never Assistance IV-D", "revision": 1,
        **({"owing": owing_shard(f"{i:09d}")} if i < due else {})})])


def seed_events(total: int, due: int) -> None:
    """A court date on each case: `due` of them a week after the run (the reminder's
    day), the rest later."""
    from chalicelib.clock import agency_date

    today = agency_date(NOW)

    def each(i: int):
        day = today + timedelta(days=7 if i < due else 8 + i % 90)
        at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=timezone.utc)
        return [("CASE", {"status": "active"}),
                (f"EVENT#{at.isoformat()}#{i}", {"kind": "court_date", "at": at,
                                                  "event_day": day.isoformat(),
                                                  "description": "Hearing",
                                                  "location": "Courtroom 401"})]

    _cases(total, due, each)


def seed_threads(total: int, due: int) -> None:
    """Threads the agency wrote in: `due` of them yesterday (the digest's day), each a
    parent's who asked to be told of new mail (read since: none unread), the rest on the
    days before."""
    from chalicelib.dal.messages import MessageItem
    from chalicelib.dal.users import User

    with MessageItem.batch_write() as threads, User.batch_write() as people:
        for i in range(total):
            day = (NOW - timedelta(days=1 if i < due else 2 + i % 60)).date().isoformat()
            threads.save(MessageItem(f"user-{i:06d}", f"T#thread-{i:06d}",
                                     thread_id=f"thread-{i:06d}", at=NOW, subject="Hello",
                                     last_at=NOW, unread=0, digest_day=day))
            if i < due:
                people.save(User(f"user-{i:06d}", email=f"parent.{i:06d}@example.com",
                                 first_name="Pat", last_name="Parent", password_hash="x",
                                 created_at=NOW, notify_new_mail=True, version=1))


def seed_schedules(total: int, due: int) -> None:
    """Automatic payments: `due` on the run's day, each a parent's, made as a parent makes
    one (a registered logon linked to its member, a saved account); the rest on other
    days."""
    from chalicelib.clock import agency_date
    from chalicelib.dal import agency, users
    from chalicelib.dal.autopay import Schedule, run_day
    from chalicelib.services import autopay, bank_accounts, case_data, sessions
    from tests.cases import case, member, parent

    today = agency_date(NOW)
    made = NOW - timedelta(hours=1)  # the same day at the agency
    people = [{"member_id": f"{61000000 + i}", "last_name": "DOE", "ssn": f"612-34-{1000 + i:04d}",
               "date_of_birth": "1985-05-05"} for i in range(due)]
    case_data.load([r for i, p in enumerate(people) for r in (
        member(p["member_id"], p["last_name"], p["ssn"], p["date_of_birth"]),
        case(f"{610000000 + i}", [(p["member_id"], "obligor")], monthly=30000))], made)
    for i, identity in enumerate(people):
        token = parent(f"payer.{i:05d}@example.com")
        user = users.get(sessions.authenticate(token, made).user_id)
        # linked as finding the case links (not through its ceiling for everyone, which
        # two hundred sign-ups in a second would reach)
        assert user is not None and agency.link_logon(identity["member_id"], user, []) is None
        caller = sessions.authenticate(token, made)
        account = bank_accounts.add(caller, "125000105", "000123456789", "checking",
                                    "Dee Doe", None, made)
        autopay.create(caller, f"{610000000 + i}", account.account_id, None, today.day,
                       today, None, made)
    with Schedule.batch_write() as batch:
        for i in range(due, total):
            day = 1 + (today.day + i % 27) % 28  # never the run's
            batch.save(Schedule(f"user-{i:06d}", f"schedule-{i:06d}", case_id="000020108",
                                bank_account_id="account", last4="6789", day_of_month=day,
                                start="2026-01-01", status="active", run_day=run_day(day),
                                created_at=made))


# after the day's file closes (3 p.m. in the bank's Pacific time)
ACH_CLOSED = datetime(2026, 6, 15, 22, 30, tzinfo=timezone.utc)


def seed_ach(total: int, due: int) -> None:
    """The ACH rail's debits: `due` made on the run's banking day (each from its own saved
    account, by the rail itself, in the day's file), the rest queued for later days'."""
    from dataclasses import replace

    from chalicelib.dal.ach import FILE_QUEUE, AchItem, entry_key
    from chalicelib.integrations.payments.ach import AchProcessor
    from chalicelib.services import processors

    rail = AchProcessor(replace(processors.ach_rules("AK"), validation="none",
                                first_debit_waits=False))
    for i in range(due):
        account = rail.tokenize_bank_account("125000105", "000123456789", "checking",
                                             "Dee Doe", NOW)
        rail.debit(account.token, 30000, f"debit-{i:06d}", NOW, recurring=True,
                   payer_reference=f"P-{i:06d}")
    with AchItem.batch_write() as batch:
        for i in range(due, total):
            day = (NOW + timedelta(days=1 + i % 30)).date().isoformat()
            batch.save(AchItem(entry_key(f"later-{i:06d}"), created_at=NOW, entry="debit",
                               token="ach_later", amount_cents=30000, status="queued",
                               file_day=day, queue=FILE_QUEUE,
                               due=f"{day}#later-{i:06d}"))  # as dal/ach.queued_for


def seed_tokens(total: int, due: int) -> None:
    """Used or expired links and codes: `due` past their grace (to purge today), the rest
    to purge over the next weeks."""
    from chalicelib.dal.tokens import Token

    with Token.batch_write() as batch:
        for i in range(total):
            purge = NOW - timedelta(hours=1) if i < due else NOW + timedelta(days=1 + i % 30)
            batch.save(Token(f"token-{i:06d}", purpose="verify_email", user_id=f"user-{i:05d}",
                             created_at=purge - timedelta(days=8),
                             expires_at=purge - timedelta(days=7), ttl=purge,
                             purge_on=purge.date().isoformat()))


class Job(NamedTuple):
    name: str
    title: str  # what it does
    seed: Callable[[int, int], None]
    total: int  # items in its table
    due: int
    most: float  # items of the due kind read per due one, at most
    looks: float  # other items looked up per due one here, at most
    what: str  # what those are
    at: datetime = NOW  # when it runs
    env: dict[str, str] = {}  # noqa: RUF012  (read only)
    aside: tuple[str, ...] = ()  # tables whose records are the processor's, not counted


JOBS = [Job("drafts", "drafts (expire the day's drafts)", seed_drafts, TOTAL, DUE, 1.1, 0,
            "none"),
        Job("settlement", "settlement (ask the processor about due payments)",
            seed_payments, TOTAL, 200, 1.1, 0, "none (the processor's record is its own)"),
        Job("purge_unverified", "purge_unverified (registrations never verified)",
            seed_registrations, TOTAL, 200, 1.1, 0, "none"),
        Job("expire_tokens", "expire_tokens (links and codes past their grace)",
            seed_tokens, TOTAL, 200, 1.1, 0, "none"),
        Job("payment_due", "payment_due (remind self-paid parents 5 days ahead)",
            seed_due_cases, TOTAL, 200, 1.1, 0,
            "the obligor's profile, logon and schedules (none here: paid)"),
        Job("interest", "interest (charge each case that owes principal)", seed_owing_cases,
            TOTAL, 200, 1.1, 0, "the case's ledger, to replay (none here)"),
        Job("event_reminders", "event_reminders (court dates a week and a day ahead)",
            seed_events, TOTAL, 200, 1.1, 1,
            "the event's case: who to tell (then their profiles and logons: none here)"),
        Job("autopay", "autopay (pay the schedules of the day)", seed_schedules, TOTAL, 200,
            1.1, 3, "the parent's logon, then the case and the saved account together (the "
            "payment's checks; the processor's records aside)",
            aside=PROCESSOR_TABLES),
        Job("ach_file", "ach_file (the day's debits into one NACHA file)", seed_ach,
            TOTAL, 200, 1.1, 1, "each debit's account (its number, to write)",
            at=ACH_CLOSED, env={"PAYMENT_PROCESSOR": "ach"}),
        Job("mail_digest", "mail_digest (yesterday's new mail, one email per parent)",
            seed_threads, TOTAL, 200, 1.1, 2,
            "the parent's logon and its Action Center marks (the unread count)")]


def _key_names() -> dict[str, list[str]]:
    """Each table's primary key attributes."""
    from chalicelib.dal.tables import MODELS

    return {m.Meta.table_name: [a.attr_name for a in (m._hash_key_attribute(),  # noqa: SLF001
                                                       m._range_key_attribute()) if a]  # noqa: SLF001
            for m in MODELS}


def split(trail: list, aside: tuple[str, ...] = ()) -> tuple[int, int]:
    """(items of the due kind read, other items looked up) in a job's read requests: an
    index's entries, and a read of an item an entry already gave, are of the due kind
    (the second is the reading again the target forbids); the rest is looked up, but
    for the records of the tables `aside` (a payment processor's)."""
    names = _key_names()

    def key(table: str, item: dict) -> str:
        return json.dumps([table, *(item[n] for n in names[table])], sort_keys=True)

    given: set[str] = set()
    due = other = 0
    for index, counted, returned in trail:
        if not index and returned and all(table.endswith(aside) for table, _ in returned):
            continue
        found = {key(table, item) for table, item in returned}
        if index:
            due, given = due + counted, given | found
        else:
            again = len(found & given)
            due, other = due + again, other + counted - again
    return due, other


def items_read(scale: int = 1) -> list[dict]:
    """Runs each job over its seeded table (scale divides the sizes); its figures."""
    from chalicelib import jobs
    from tests.bench.requests import ITEMS

    rows = []
    for job in JOBS:
        total, due = job.total // scale, job.due // scale
        with mock.patch.dict(os.environ, job.env):
            job.seed(total, due)
            ITEMS.trail = []
            try:
                done = jobs.run(job.name, job.at)
                read, looked_up = split(ITEMS.trail, job.aside)
            finally:
                ITEMS.trail = None
        assert done.failed == 0 and done.read == due, (job.name, done)
        rows.append({"job": job.title, "total": total, "due": due, "read": read,
                     "ratio": read / due, "most": job.most, "looked_up": looked_up,
                     "lookups": looked_up / due, "looks": job.looks, "what": job.what})
    return rows

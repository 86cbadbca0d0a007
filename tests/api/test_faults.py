"""Faults at each step: every AWS request that registration, case association, a
payment (and its settlement), a web request's submission and the payment reminder job
make is failed in turn, once with each error its service may answer (tests/faults.py).
Each time the caller gets a clean answer (never a 500: a 4xx, or a 503 saying nothing
was changed), the tables hold no half-written state, and the same request made again
succeeds, exactly once."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from botocore.exceptions import ClientError

from chalicelib import jobs
from chalicelib.dal import payments as payment_store
from chalicelib.dal import sandbox_processor, users
from chalicelib.dal.agency import CaseItem
from chalicelib.dal.errors import Busy
from chalicelib.dal.users import EmailLogin, User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import token_hash
from chalicelib.services import case_ledger
from tests.api.test_payments import add_account
from tests.api.test_web_requests import CASE
from tests.books import disagreements
from tests.cases import JOHN, load_demo, parent
from tests.faults import FAULTS
from tests.people import register, registration, sign_in


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(case_ledger, "backoff", lambda attempt: None)


def clean(response) -> None:
    """A 4xx, or a 503 that says nothing was changed; never a 500."""
    assert response.status_code < 500 or response.status_code == 503, (
        response.status_code, response.body)
    if response.status_code >= 400:
        assert response.data and response.data["error"]["code"], response.body


# the request's own bookkeeping (dal/base.py): rate limits, sessions, idempotency claims,
# counters, and the sandbox (the processor's records)
BOOKKEEPING = ("throttles", "sessions", "idempotency", "counters", "sandbox-processor")


def visible_state() -> dict[str, list[str]]:
    """Every item a person could see the effect of, table by table."""
    from chalicelib.dal.tables import MODELS

    return {model.Meta.table_name: sorted(json.dumps(item.serialize(), sort_keys=True,
                                                     default=str) for item in model.scan())
            for model in MODELS if not model.Meta.table_name.endswith(BOOKKEEPING)}


def changed(before: dict, after: dict) -> dict[str, int]:
    return {table: len(set(after[table]) ^ set(before[table])) for table in before
            if before[table] != after[table]}


def says_nothing_changed(response) -> bool:
    return response.status_code == 503 and response.data["error"]["code"] in (
        "service_busy", "unavailable")


def refused(responses) -> bool:
    return any(r.status_code >= 400 for r in responses)


def sweep(flow, check, prepare=lambda attempt: None, again=None, retry_when=refused):
    """prepare(attempt) sets an attempt up, without faults; flow(attempt) -> responses;
    check(attempt, retried) checks the tables; again (default: flow) is the retry, made
    when the flow was refused (a flow that got through despite the fault, an email that
    could not be sent for instance, is done). Every AWS request the flow makes fails in
    turn, once with each error it may answer."""
    prepare(0)
    with FAULTS.recording() as calls:
        for r in flow(0):
            assert r.status_code < 300, r.body
    check(0, True)
    assert calls, "the flow made no AWS request"
    tried = Counter()
    for index, call in enumerate(calls, start=1):
        if call.table and call.table.endswith("sandbox-processor"):
            continue  # the sandbox stands for the processor, whose failures are its own
        for error in call.errors():
            attempt = sum(tried.values()) + 1
            prepare(attempt)
            before = visible_state()
            with FAULTS.failing(index, error):
                responses = flow(attempt)
            tried[(call.operation, error)] += 1
            for r in responses:
                clean(r)
            if len(responses) == 1 and says_nothing_changed(responses[0]):
                # "nothing was changed" is said only when nothing was
                assert not changed(before, visible_state()), (call, error, changed(
                    before, visible_state()))
            check(attempt, False)
            if retry_when(responses):  # refused: made again, it works
                for r in (again or flow)(attempt):
                    assert r.status_code < 300, (call, error, r.status_code, r.body)
            check(attempt, True)
    return tried


# -- registration ---------------------------------------------------------------------

def test_registration(client, outbox, clock, monkeypatch):
    """The request and then its work (services/public_work.py), every AWS request of
    either failing in turn."""
    monkeypatch.setenv("PUBLIC_LIMIT_SCALE", "100")  # the sweep registers many times

    def flow(i):
        client.work_at_once = False
        try:
            answers = [client.post("/auth/register", registration(f"fault.{i}@example.com"))]
            try:
                outbox.worker.drain_work()
            except ClientError:  # Lambda's own read of the stream or the queue: retried
                pass
        finally:
            client.work_at_once = True
        return answers

    def check(i, retried):
        key = email_key(f"fault.{i}@example.com")
        login = EmailLogin.get(key) if EmailLogin.count(key) else None
        owners = [u for u in User.scan() if u.email == f"fault.{i}@example.com"]
        assert (login is None) == (not owners)  # a logon and its address, or neither
        assert len(owners) <= 1
        if retried:
            assert login is not None and login.user_id == owners[0].user_id
            token = outbox.token(f"fault.{i}@example.com")  # the link arrived
            assert client.post("/auth/verify-email", {"token": token}).status_code == 200

    # the answer is 202 whatever happened (no enumeration): a person with no email registers
    # again, and that must work
    tried = sweep(flow, check, retry_when=lambda responses: True)
    assert ("TransactWriteItems", "TransactionCanceledException") in tried
    assert not [op for op, _ in tried if op == "SendEmail"]  # the mail worker sends it


def test_a_request_that_saved_part_of_its_work_does_not_say_nothing_changed(client, outbox,
                                                                            monkeypatch):
    """A reset saves the new password, then ending the other sessions is busy: the 503
    says what to look at, not "Nothing was changed", in the reader's language."""
    monkeypatch.setenv("PUBLIC_LIMIT_SCALE", "10")  # five links an hour to one address
    email = register(client, outbox, "first@example.com")

    def reset(n: int, language: str = "en", fail: int | None = None):
        client.post("/auth/password/forgot", {"email": email})
        token = outbox.token(email)
        body = {"token": token, "question_id": "first_pet", "answer": "Rex the Dog",
                "new_password": f"Fresh-Harbor-Ledger-{n}7!"}
        with (FAULTS.failing(fail, "ProvisionedThroughputExceededException") if fail
              else FAULTS.recording()) as calls:
            answer = client.post("/auth/password/reset", body,
                                 headers={"Accept-Language": language})
        return answer, calls

    answer, calls = reset(0)
    assert answer.status_code == 204, answer.data
    saved = next(i for i, c in enumerate(calls, start=1)
                 if c.operation == "PutItem" and c.table.endswith("users"))
    for n, (language, words) in enumerate((("en", "Look at your account before you try again"),
                                           ("es", "Revise lo que pidió")), start=1):
        answer, _ = reset(n, language, fail=saved + 1)
        assert answer.status_code == 503 and answer.data["error"]["code"] == "partly_saved"
        assert words in answer.data["error"]["message"]
        assert "Nothing was changed" not in answer.data["error"]["message"]
    with FAULTS.failing(1, "ProvisionedThroughputExceededException"):  # nothing saved yet
        answer = client.post("/auth/register", registration("third@example.com"))
    assert answer.status_code == 503 and answer.data["error"]["code"] == "service_busy"


# -- the mail worker --------------------------------------------------------------------

def test_the_mail_worker(client, outbox, clock, monkeypatch):
    """Every AWS request the worker makes (the outbox's stream, the mail queue, the outbox
    table, SES) fails in turn, once with each error: each message is still sent, once."""
    from datetime import timedelta

    from botocore.exceptions import ClientError

    from chalicelib.dal.outbox import Mail
    from chalicelib.integrations import queue

    monkeypatch.setenv("PUBLIC_LIMIT_SCALE", "100")  # many registrations from one address

    def queue_one(i):  # a registration's link, queued and not yet delivered
        assert client.post("/auth/register", registration(f"mail.{i}@example.com")
                           ).status_code == 202

    def sent_once(i):
        assert len(outbox.messages(f"mail.{i}@example.com")) == 1
        [item] = [m for m in Mail.scan() if m.to == f"mail.{i}@example.com"]
        assert item.status == "sent" and item.context is None

    outbox.drain()  # the stream's address looked up once, before the requests counted
    queue_one(0)
    with FAULTS.recording() as calls:
        outbox.drain()
    sent_once(0)
    assert {"dynamodbstreams", "sqs", "dynamodb", "sesv2"} <= {c.service for c in calls}
    attempt = 0
    for index, call in enumerate(calls, start=1):
        for error in call.errors():
            attempt += 1
            queue_one(attempt)
            with FAULTS.failing(index, error):
                try:
                    outbox.drain()
                except ClientError:  # Lambda's own read of the stream or the queue: retried
                    pass
            clock.shift(timedelta(seconds=61))  # past a backoff, a lease, a visibility
            sent_once(attempt)
    assert attempt >= len(calls)
    dead = outbox.worker.sqs.get_queue_attributes(
        QueueUrl=queue.url(queue.MAIL_DEAD), AttributeNames=["ApproximateNumberOfMessages"])
    assert dead["Attributes"]["ApproximateNumberOfMessages"] == "0"  # none parked


# -- case association -----------------------------------------------------------------

def test_case_association(client, outbox, clock):
    load_demo()
    people = {}

    def prepare(i):
        people[i] = linked_token(client, outbox, i)

    def flow(i):
        return [client.post("/association", JOHN, token=people[i])]

    def check(i, retried):
        from chalicelib.dal import agency

        john = agency.member(JOHN["member_id"])
        linked = [u for u in User.scan() if u.member_id == JOHN["member_id"]]
        assert len(linked) <= 1  # one logon per member
        if linked:
            assert john.linked_user_id == linked[0].user_id  # both sides, or neither
        else:
            assert john.linked_user_id is None
        if retried:
            assert linked and linked[0].email == f"linker.{i}@example.com"
            unlink(linked[0])

    sweep(flow, check, prepare)


def linked_token(client, outbox, i):
    email = f"linker.{i}@example.com"
    assert client.post("/auth/register", registration(email)).status_code == 202
    assert client.post("/auth/verify-email", {"token": outbox.token(email)}).status_code == 200
    return sign_in(client, outbox, email)


def unlink(user):
    """Frees the demo member for the next attempt, as Cancel Access would."""
    from chalicelib.dal import agency

    users.set_member(user, None)
    member = agency.member(JOHN["member_id"])
    member.update(actions=[agency.MemberItem.linked_user_id.remove()])


# -- a payment and its settlement -------------------------------------------------------

def ledger_gap(case_id: str) -> int:
    """0 while the case's stored book is its ledger replayed (every posting wrote both or
    neither), else 1."""
    return len([d for d in disagreements() if d.startswith(f"case {case_id}:")])


def test_a_payment_and_its_settlement(client, outbox, clock):
    from datetime import timedelta

    load_demo()
    token = parent("john@example.com", JOHN)
    account = add_account(client, token)
    user = users.find_by_email(email_key("john@example.com"))
    gap = ledger_gap(CASE)

    def flow(i):
        return [client.post("/payments", {"case_id": CASE, "bank_account_id": account,
                                          "amount_cents": 1000 + i}, token=token,
                            headers={"Idempotency-Key": f"fault-key-{i:04d}"})]

    def check(i, retried):
        key = token_hash(f"{user.user_id}:fault-key-{i:04d}")
        mine = [p for p in payment_store.of_user(user.user_id) if p.processor_key == key]
        charge = sandbox_processor.charge(key)
        assert len(mine) <= 1  # never two payments for one key
        if mine:
            assert charge is not None and int(charge.amount_cents) == 1000 + i
        if retried:
            assert len(mine) == 1 and charge is not None
        assert ledger_gap(CASE) == gap

    sweep(flow, check)

    # settlement: every payment above posts once, whatever fails in the job's run
    clock.shift(timedelta(days=2))

    def settle(i):
        """A failed item is counted and the run goes on; a failed read of what is due
        ends the run (Lambda reports it, the alarm sees it, the next run does it)."""
        try:
            jobs.run("settlement", clock_now())
        except Busy:
            pass
        return []

    def settled(i, retried):
        assert ledger_gap(CASE) == gap  # a posting wrote its entry and the totals, or neither
        if retried:
            posted = [p for p in payment_store.of_user(user.user_id) if p.status == "posted"]
            entries = {e.item for e in CaseItem.query(CASE, CaseItem.item.startswith(
                "LEDGER#portal-"))}
            assert {f"LEDGER#portal-{p.payment_id}" for p in posted} <= entries

    with FAULTS.recording() as calls:
        settle(0)
    assert calls
    for index, call in enumerate(calls, start=1):
        for error in call.errors():
            with FAULTS.failing(index, error):
                settle(index)
            settled(index, False)
    settle(0)
    settled(0, True)
    assert all(p.status == "posted" for p in payment_store.of_user(user.user_id))


def clock_now():
    from chalicelib.clock import utc_now

    return utc_now()


# -- a web request's submission ---------------------------------------------------------

def draft_request(client, token) -> str:
    """A Request a Statement, every step answered, not submitted."""
    made = client.post("/submissions", {"type": "request_statement", "case_id": CASE},
                       token=token).data
    sub = made["submission_id"]
    suggested = next(s["suggested"] for s in made["steps"] if s["id"] == "your_information")
    for step, answers in (("about", {"understood": True}), ("your_information", suggested),
                          ("statement", {"kind": "summary", "delivery": "electronic",
                                         "period": {"start": "2026-01-01",
                                                    "end": "2026-02-28"}})):
        saved = client.call("PUT", f"/submissions/{sub}/steps/{step}", {"answers": answers},
                            token=token)
        assert saved.status_code == 200, saved.body
    return sub


def linked_parent_with_draft(client, outbox) -> tuple[str, str]:
    load_demo()
    token = parent("john@example.com", JOHN)
    return token, draft_request(client, token)


def test_a_submission(client, outbox, clock):
    load_demo()
    token = parent("john@example.com", JOHN)
    drafts = {}

    def draft(i):
        return draft_request(client, token)

    def prepare(i):
        drafts[i] = draft(i)

    def submit(i):
        return [client.post(f"/submissions/{drafts[i]}/submit", token=token)]

    numbers = Counter()

    def check(i, retried):
        sub = client.get(f"/submissions/{drafts[i]}", token=token).data
        assert (sub["status"] == "submitted") == (sub["confirmation_number"] is not None)
        if retried:
            assert sub["status"] == "submitted"
            numbers[sub["confirmation_number"]] += 1
            assert numbers[sub["confirmation_number"]] == 1  # never given twice

    sweep(submit, check, prepare)


def test_a_request_that_takes_effect_at_once(client, outbox, clock):
    """Remove Payment Channels: its effect (accounts removed, schedules stopped) and its
    status (approved) are one write, so no fault leaves it submitted and not processed,
    or processed and still a draft; a refused submit is simply made again."""
    from tests.api.test_autopay import set_up
    from tests.api.test_web_requests import fill

    load_demo()
    token = parent("john@example.com", JOHN)
    drafts = {}

    def prepare(i):
        set_up(client, token, add_account(client, token, number=f"0009{i:04d}11"))
        drafts[i] = fill(client, token, "remove_payment_channels")

    def submit(i):
        return [client.post(f"/submissions/{drafts[i]}/submit", token=token)]

    def check(i, retried):
        sub = client.get(f"/submissions/{drafts[i]}", token=token).data
        accounts = client.get("/bank-accounts", token=token).data["bank_accounts"]
        active = [s for s in client.get("/autopay", token=token).data["schedules"]
                  if s["status"] == "active"]
        assert sub["status"] in ("draft", "approved"), sub["status"]
        assert (sub["status"] == "approved") == (not accounts and not active), (sub, accounts)
        if retried:
            assert sub["status"] == "approved" and sub["note"] == "Processed immediately."

    sweep(submit, check, prepare)


def test_the_fault_hook_sees_every_service(client, outbox, clock):
    """The sweep is only as good as its hook: DynamoDB, SES and KMS requests all pass it."""
    with FAULTS.recording() as calls:
        client.post("/auth/register", registration("seen@example.com"))
        client.post("/auth/verify-email", {"token": outbox.token("seen@example.com")})
        token = sign_in(client, outbox, "seen@example.com")
        client.post("/me/mfa/totp", token=token)
    services = {c.service for c in calls}
    assert {"dynamodb", "sesv2", "kms"} <= services, services
    assert json.dumps(sorted(services))


# -- jobs: each item done once, whatever fails in a run ------------------------------------

def job_sweep(name, attempt_at, before_each, done_once):
    """Runs job `name` once per AWS request of a clean run and error, each at its own
    moment (attempt_at(i)) with its own due work (before_each(i)): the run with the
    fault, then a run without; done_once(i) checks that what was due was done, once."""
    from chalicelib import jobs as registry

    def run(at):
        try:
            registry.run(name, at)
        except Busy:  # the read of what is due failed: the run ends
            pass

    before_each(0)
    with FAULTS.recording() as calls:
        run(attempt_at(0))
    done_once(0)
    attempt = 0
    for index, call in enumerate(calls, start=1):
        if call.table and call.table.endswith("sandbox-processor"):
            continue
        for error in call.errors():
            attempt += 1
            before_each(attempt)
            with FAULTS.failing(index, error):
                run(attempt_at(attempt))
            run(attempt_at(attempt))  # the next run, or a retry of this one
            done_once(attempt)
    assert attempt > 0


def test_the_draft_reminder_job(client, outbox, clock):
    from datetime import timedelta

    load_demo()
    parent("john@example.com", JOHN)
    start = clock_now()
    every = timedelta(days=40)  # each attempt's draft is reminded well after the last one
    sent = Counter()

    def before_each(i):
        clock.move_to(start + i * every)
        token = sign_in(client, outbox, "john@example.com")
        assert client.post("/submissions", {"type": "close_case", "case_id": CASE},
                           token=token).status_code == 201
        sent[i] = reminders(outbox)

    def done_once(i):
        assert reminders(outbox) == sent[i] + 1  # reminded once, not twice, not never

    job_sweep("drafts", lambda i: start + i * every + timedelta(days=23), before_each, done_once)


def reminders(outbox) -> int:
    return sum(m.subject.startswith("Your request") and "has not been submitted" in m.subject
               for m in outbox.messages("john@example.com"))


def test_the_automatic_payment_job(client, outbox, clock):
    from datetime import datetime, timezone

    load_demo()
    token = parent("john@example.com", JOHN)
    account = add_account(client, token)
    assert client.post("/autopay", {"case_id": CASE, "bank_account_id": account,
                                    "amount_cents": 15000, "day_of_month": 5,
                                    "start": "2026-03-05"}, token=token).status_code == 201
    user = users.find_by_email(email_key("john@example.com"))
    gap = ledger_gap(CASE)

    def month(i):  # each attempt pays another month: April 2026 on
        return datetime(2026 + (3 + i) // 12, (3 + i) % 12 + 1, 5, 12, 0, tzinfo=timezone.utc)

    def paid(i) -> int:
        period = month(i).strftime("%Y-%m")
        return sum(1 for p in payment_store.of_user(user.user_id)
                   if p.created_at.strftime("%Y-%m") == period)

    def done_once(i):
        assert paid(i) == 1  # the month paid once
        assert ledger_gap(CASE) == gap

    job_sweep("autopay", month, lambda i: None, done_once)


def subscribed(client, token, *topics) -> None:
    assert client.call("PUT", "/me/settings", {"mail_delivery": "electronic",
                                               "notify_new_mail": True,
                                               "subscriptions": list(topics)},
                       token=token).status_code == 200


def emails(outbox, words: str) -> int:
    return sum(words in m.subject for m in outbox.messages("john@example.com"))


def test_the_payment_due_job(client, outbox, clock):
    """Each month's reminder of a self-paid case, once (April 2026 on)."""
    from datetime import datetime, timedelta, timezone

    from chalicelib.services import case_data
    from tests.cases import case

    load_demo()
    token = parent("john@example.com", JOHN)
    case_data.load([case("000030001", [(JOHN["member_id"], "obligor")], monthly=42500,
                         payment_method="self_paid")], clock_now())
    subscribed(client, token, "payments")
    sent = Counter()

    def five_days_before(i):  # 5 days before the 1st of April 2026, then of each month after
        year, month = 2026 + (3 + i) // 12, (3 + i) % 12 + 1
        return datetime(year, month, 1, 17, 0, tzinfo=timezone.utc) - timedelta(days=5)

    def before_each(i):
        sent[i] = emails(outbox, "due on")

    def done_once(i):
        assert emails(outbox, "due on") == sent[i] + 1

    job_sweep("payment_due", five_days_before, before_each, done_once)


def test_the_court_date_job(client, outbox, clock):
    """Each hearing reminded once, 7 days before (a hearing a month, from April)."""
    from datetime import timedelta

    from chalicelib.services import case_data

    load_demo()
    token = parent("john@example.com", JOHN)
    subscribed(client, token, "appointments")
    start, every = clock_now(), timedelta(days=30)
    sent = Counter()

    def before_each(i):
        hearing = start + i * every + timedelta(days=10)
        case_data.load([{"type": "event", "case_id": CASE, "event_id": f"h{i}",
                         "at": hearing.isoformat(), "kind": "court_date",
                         "description": "Hearing", "location": "Courtroom 401"}], clock_now())
        sent[i] = emails(outbox, "Reminder: Hearing")

    def done_once(i):
        assert emails(outbox, "Reminder: Hearing") == sent[i] + 1

    job_sweep("event_reminders", lambda i: start + i * every + timedelta(days=3), before_each,
              done_once)


def test_the_unread_mail_digest_job(client, outbox, clock):
    """One digest a day while a message is unread (a new message each attempt)."""
    from datetime import timedelta

    from tests.cases import staff_sign_in, staff_token

    load_demo()
    parent("john@example.com", JOHN)
    start, sent = clock_now(), Counter()

    def before_each(i):
        clock.move_to(start + timedelta(days=2 * i))
        desk = staff_token(client, outbox) if i == 0 else staff_sign_in(client)
        assert client.post("/agency/members/04025286/messages", {
            "subject": f"Notice {i}", "body": "Please call us."}, token=desk).status_code == 201
        sent[i] = digests(outbox)

    def done_once(i):
        assert digests(outbox) == sent[i] + 1

    job_sweep("mail_digest", lambda i: start + timedelta(days=2 * i + 1), before_each,
              done_once)


def digests(outbox) -> int:
    return sum("unread" in m.body for m in outbox.messages("john@example.com"))


def test_the_purge_of_unverified_registrations(client, outbox, clock):
    """Each registration never verified is removed with its address, or kept whole."""
    from datetime import timedelta

    start = clock_now()
    every = timedelta(days=10)

    def before_each(i):
        clock.move_to(start + i * every)
        assert client.post("/auth/register", registration(f"late.{i}@example.com")
                           ).status_code == 202

    def done_once(i):
        key = email_key(f"late.{i}@example.com")
        assert not EmailLogin.count(key)  # the address is free again
        assert users.find_by_email(key) is None
        assert not [u for u in User.scan() if u.email == f"late.{i}@example.com"]

    job_sweep("purge_unverified", lambda i: start + i * every + timedelta(days=7, hours=1),
              before_each, done_once)

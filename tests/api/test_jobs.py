"""Background jobs with a moved clock: what each selects (due, not yet due, done), runs
retried or overlapping (nothing twice), a failing item, a backlog over many pages."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib import jobs
from chalicelib.clock import utc_now
from chalicelib.dal import submissions as store
from chalicelib.dal import users
from chalicelib.domain.contact import email_key
from chalicelib.services import case_data
from tests.api.test_payments import add_account, pay
from tests.api.test_web_requests import CASE
from tests.cases import JOHN, case, staff_token
from tests.people import register, sign_in

T0 = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)


def run(name, at):
    return jobs.run(name, at)


def settings(client, token, **change):
    body = {"mail_delivery": "electronic", "notify_new_mail": True, "subscriptions": [],
            **change}
    assert client.call("PUT", "/me/settings", body, token=token).status_code == 200


def subjects(outbox, to="john@example.com"):
    return [m.subject for m in outbox.messages(to)]


# -- drafts ---------------------------------------------------------------------------

def test_drafts_are_reminded_7_and_1_days_before_then_expired(client, outbox, john):
    sid = client.post("/submissions", {"type": "close_case", "case_id": CASE},
                      token=john).data["submission_id"]
    assert run("drafts", T0 + timedelta(days=22)).sent == 0  # not due yet
    first = run("drafts", T0 + timedelta(days=23))
    assert first.sent == 1
    assert run("drafts", T0 + timedelta(days=23, hours=1)).sent == 0  # a second run
    assert subjects(outbox).count('Your request "Close My Case" has not been submitted') == 1
    assert run("drafts", T0 + timedelta(days=29)).sent == 1
    run("drafts", T0 + timedelta(days=30, hours=1))
    user_id = users.find_by_email(email_key("john@example.com")).user_id
    expired = store.get(user_id, sid)
    assert expired.status == "expired" and expired.draft_expires_on is None


def test_a_draft_saved_again_is_reminded_on_its_new_dates(client, outbox, john, clock):
    sid = client.post("/submissions", {"type": "close_case", "case_id": CASE},
                      token=john).data["submission_id"]
    assert run("drafts", T0 + timedelta(days=23)).sent == 1
    clock.shift(timedelta(days=24))
    john = sign_in(client, outbox, "john@example.com")
    client.call("PUT", f"/submissions/{sid}/steps/about", {"answers": {"understood": True}},
                token=john)
    assert run("drafts", T0 + timedelta(days=30, hours=1)).read == 0  # no longer due
    assert run("drafts", T0 + timedelta(days=24 + 23)).sent == 1


def test_a_backlog_over_many_pages_and_a_run_that_runs_out_of_time(client, john):
    from chalicelib.dal.submissions import Submission

    user_id = users.find_by_email(email_key("john@example.com")).user_id
    expires = T0 + timedelta(days=30)
    for i in range(230):
        draft = Submission(user_id, f"20260302160000-{i:04d}", type="close_case",
                           status="draft", case_id=CASE, answers={}, created_at=T0,
                           updated_at=T0, expires_at=expires)
        store.index_fields(draft)
        draft.save()

    stopped = jobs.Run("drafts", expires + timedelta(hours=1), deadline=0)
    jobs.JOBS["drafts"](stopped)
    assert stopped.stopped_early and stopped.read == 0
    done = run("drafts", expires + timedelta(hours=1))
    assert done.read == 230 and done.failed == 0
    assert run("drafts", expires + timedelta(hours=2)).read == 0


# -- automatic payments and settlement ----------------------------------------------------

def autopay_on(client, token, account, day=5):
    return client.post("/autopay", {"case_id": CASE, "bank_account_id": account,
                                    "amount_cents": 15000, "day_of_month": day,
                                    "start": "2026-03-05"}, token=token)


def test_autopay_pays_on_its_day_once(client, john):
    autopay_on(client, john, add_account(client, john))
    assert run("autopay", T0 + timedelta(days=2)).read == 0  # the 4th: not its day
    day = T0 + timedelta(days=3)
    assert run("autopay", day).sent == 1
    assert run("autopay", day + timedelta(hours=1)).sent == 0
    assert len(client.get("/payments", token=john).data["payments"]) == 1


def test_a_declined_autopay_is_told_once_and_not_retried(client, outbox, john):
    autopay_on(client, john, add_account(client, john, number="000111110001"))
    day = T0 + timedelta(days=3)
    first = run("autopay", day)
    assert first.failed == 1
    assert run("autopay", day + timedelta(hours=1)).skipped == 1
    assert subjects(outbox).count(
        "Your automatic child support payment did not go through") == 1


def test_settlement_posts_and_returns_without_anyone_looking(client, outbox, john):
    good = pay(client, john, add_account(client, john)).data["payment_id"]
    bad = pay(client, john, add_account(client, john, number="000111110003"),
              key="key-00000002").data["payment_id"]
    assert run("settlement", T0 + timedelta(days=1)).read == 0
    posted = run("settlement", T0 + timedelta(days=2, hours=1))
    assert posted.read == 2
    from chalicelib.dal import payments

    user_id = users.find_by_email(email_key("john@example.com")).user_id
    assert payments.get(user_id, good).status == "posted"
    run("settlement", T0 + timedelta(days=5, hours=1))
    assert payments.get(user_id, bad).status == "returned"
    assert payments.get(user_id, good).check_on is None
    assert run("settlement", T0 + timedelta(days=6, hours=1)).read == 0


# -- tokens and registrations ------------------------------------------------------------

def test_unverified_registrations_are_purged_after_7_days_and_the_email_freed(client, outbox,
                                                                             clock):
    from tests.people import registration

    client.post("/auth/register", registration("late@example.com"))
    register(client, outbox, "prompt@example.com")
    assert run("purge_unverified", T0 + timedelta(days=6)).read == 0
    assert run("purge_unverified", T0 + timedelta(days=7, hours=1)).read == 1
    assert users.find_by_email(email_key("late@example.com")) is None
    assert users.find_by_email(email_key("prompt@example.com")) is not None
    again = client.post("/auth/register", registration("late@example.com"))
    assert again.status_code == 202
    assert "Verify" in outbox.last("late@example.com").subject or outbox.token(
        "late@example.com")


def test_expired_tokens_are_deleted_after_their_grace(client, outbox, clock):
    from chalicelib.dal.tokens import Token
    from tests.people import registration

    client.post("/auth/register", registration("pat@example.com"))
    assert run("expire_tokens", T0 + timedelta(days=7)).read == 0
    done = run("expire_tokens", T0 + timedelta(days=8, hours=1))
    assert done.read >= 1
    assert [t for t in Token.scan() if t.purpose == "verify_email"] == []


# -- reminders --------------------------------------------------------------------------

@pytest.fixture
def owing(client, john):
    case_data.load([case("000030001", [(JOHN["member_id"], "obligor")], monthly=42500,
                         payment_method="self_paid")], utc_now())
    return john


def test_payment_due_reminders_go_5_days_before_to_those_who_asked(client, outbox, owing):
    john = owing
    assert run("payment_due", T0 + timedelta(days=25)).sent == 0  # not subscribed
    settings(client, john, subscriptions=["payments"])
    due = run("payment_due", T0 + timedelta(days=25))  # April 1 is due: March 27
    assert due.sent == 1
    assert "due on 04/01/2026" in subjects(outbox)[-1]
    assert run("payment_due", T0 + timedelta(days=25, hours=1)).sent == 0
    autopay_case = client.post("/autopay", {
        "case_id": "000030001", "bank_account_id": add_account(client, john),
        "amount_cents": 42500, "day_of_month": 1, "start": "2026-04-01"}, token=john)
    assert autopay_case.status_code == 201
    assert run("payment_due", T0 + timedelta(days=25 + 31)).sent == 0  # on autopay


def test_income_withholding_cases_are_not_reminded(client, outbox, john):
    case_data.load([case("000030002", [(JOHN["member_id"], "obligor")], monthly=42500,
                         payment_method="income_withholding")], utc_now())
    from chalicelib.dal import agency

    settings(client, john, subscriptions=["payments"])
    assert "000030002" not in [k.case_id for k in agency.due_on("D01")[0]]
    assert run("payment_due", T0 + timedelta(days=25)).sent == 0


def test_court_dates_are_reminded_7_and_1_days_before(client, outbox, john):
    settings(client, john, subscriptions=["appointments"])
    case_data.load([{"type": "event", "case_id": CASE, "event_id": "h1",
                     "at": (T0 + timedelta(days=10)).isoformat(), "kind": "court_date",
                     "description": "Hearing", "location": "Courtroom 401"}], utc_now())
    assert run("event_reminders", T0 + timedelta(days=2)).sent == 0
    assert run("event_reminders", T0 + timedelta(days=3)).sent == 1
    assert "Courtroom 401" in outbox.last("john@example.com").body  # the index entry's
    assert run("event_reminders", T0 + timedelta(days=3, hours=2)).sent == 0
    assert run("event_reminders", T0 + timedelta(days=9)).sent == 1
    assert subjects(outbox).count("Reminder: Hearing on 03/12/2026 08:00 AM AKDT") == 2


def test_the_unread_mail_digest_goes_once_a_day_while_mail_is_unread(client, outbox, john):
    staff = staff_token(client, outbox)
    client.post("/agency/members/04025286/messages", {"subject": "Hello", "body": "Hi"},
                token=staff)
    nxt = T0 + timedelta(days=1)
    assert run("mail_digest", nxt).sent == 1
    assert "You have 1 unread message" in outbox.last("john@example.com").body
    assert run("mail_digest", nxt + timedelta(hours=2)).sent == 0
    thread = client.get("/messages", token=john).data["threads"][0]["thread_id"]
    client.get(f"/messages/{thread}", token=john)
    assert run("mail_digest", T0 + timedelta(days=2)).sent == 0


def test_a_letter_posted_yesterday_is_in_the_digest_of_its_members_logon(client, outbox,
                                                                        john):
    """The letter's member, read for its logon; the counts are the Action Center's."""
    from tests.api.test_documents import upload

    staff = staff_token(client, outbox)
    document = upload(client, staff, filename="Notice.pdf")
    client.post("/agency/members/04025286/letters",
                {"title": "Notice", "document_id": document, "case_id": CASE}, token=staff)
    assert run("mail_digest", utc_now() + timedelta(days=1)).sent == 1
    body = outbox.last("john@example.com").body
    assert "1 unread letter" in body and "message" not in body.split("letter")[0]


def test_a_failing_item_does_not_stop_the_run_and_is_retried(client, outbox, john, monkeypatch):
    from chalicelib.dal import job_marks
    from chalicelib.dal.errors import Busy

    for _ in range(2):
        client.post("/submissions", {"type": "close_case", "case_id": CASE}, token=john)
    real = job_marks.claim
    calls = []
    before = len(outbox.messages("john@example.com"))

    def flaky(mark, now, mail=()):
        calls.append(mark)
        if len(calls) == 1:  # the write of the mark and its email: neither is kept
            raise Busy("ProvisionedThroughputExceededException")
        return real(mark, now, mail)

    monkeypatch.setattr(job_marks, "claim", flaky)
    first = run("drafts", T0 + timedelta(days=23))
    assert first.failed == 1 and first.sent == 1
    assert len(outbox.messages("john@example.com")) == before + 1
    assert run("drafts", T0 + timedelta(days=23, hours=1)).sent == 1  # the failed one
    assert len(outbox.messages("john@example.com")) == before + 2


# -- interest ---------------------------------------------------------------------------

def test_interest_is_charged_monthly_once_on_the_cases_that_owe_principal(client, outbox, john,
                                                                          clock):
    """AS 25.27.025 and 15 AAC 125.840(a): on the 1st, last month's interest (6% a year,
    0.5% a month) on the principal due at least a month, dated the month's last day. John
    owes $800 from 2025: $4.00 for March 2026. The demo's former-assistance case owes the
    state $350: $1.75, the state's. A case that owes nothing is not read (the sparse
    by_owing index); a second run charges nothing."""
    from chalicelib.dal import agency

    case_data.load([case("777000111", [(JOHN["member_id"], "obligor")])], T0)
    at = datetime(2026, 4, 1, 12, 0, tzinfo=timezone.utc)
    first = run("interest", at)
    assert (first.read, first.sent, first.failed) == (2, 2, 0)
    entries = {i.item: i for i in agency.case_items(CASE, "LEDGER#interest-")[0]}
    charged = entries["LEDGER#interest-2026-03-family"]
    assert (int(charged.amount_cents), charged.on, charged.kind) == (400, "2026-03-31", "interest")
    state = agency.case_items("000030005", "LEDGER#interest-")[0]
    assert [(i.owner, int(i.amount_cents)) for i in state] == [("state", 175)]
    again = run("interest", at + timedelta(hours=3))
    assert (again.read, again.sent, again.skipped) == (2, 0, 2)
    clock.move_to(at + timedelta(days=1))
    john = sign_in(client, outbox, "john@example.com")
    arrears = client.get(f"/cases/{CASE}/arrears", token=john).data
    assert arrears["total"]["cents"] == 80400 and arrears["interest"]["cents"] == 400
    assert arrears["periods"][-1] == {"period": "2026-03", "amount": {
        "cents": 400, "display": "$4.00"}, "interest": {"cents": 400, "display": "$4.00"}}


def test_interest_reads_each_owing_case_from_its_index_entry_then_its_ledger(john):
    """The index entry holds what interest reads of the case (its ledger is read alone),
    under one of sixteen shards; a case whose totals were written before the shards (key
    "OWING") is still charged; an entry behind the case (a posting since) is read again
    whole, and charged once."""
    from chalicelib.dal import agency
    from chalicelib.dal.agency import CaseItem
    from chalicelib.services import case_ledger

    assert agency.case(CASE).owing == agency.owing_shard(CASE) != agency.OWING
    [entry] = [e for key in agency.OWING_KEYS for e in agency.owing_cases(key)[0]
               if e.case_id == CASE]
    assert entry.book is None and entry.case_type and entry.revision
    CaseItem(CASE, agency.CASE).update(actions=[CaseItem.owing.set(agency.OWING)])
    at = datetime(2026, 4, 1, 12, 0, tzinfo=timezone.utc)
    assert run("interest", at).sent == 2
    assert [int(i.amount_cents) for i in agency.case_items(CASE, "LEDGER#interest-2026-03")[0]
            ] == [400]
    stale = CaseItem(CASE, agency.CASE, case_type=entry.case_type, status=entry.status,
                     revision=int(entry.revision) - 1)  # behind the case: its write fails
    assert case_ledger.post_interest(stale, "2026-04", at + timedelta(days=30)) == 400
    assert case_ledger.post_interest(stale, "2026-04", at + timedelta(days=30)) == 0


def test_jobs_run_by_hand(capsys, aws):
    from chalicelib.tools import run_job

    assert run_job.main(["drafts", "--now", "2026-03-05T09:00:00+00:00"]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["job"] == "drafts" and printed["read"] == 0
    with pytest.raises(SystemExit):
        run_job.main(["no_such_job"])


def test_a_job_reads_about_the_due_items_only(aws):
    from tests.bench import jobs as bench

    for figures in bench.items_read(scale=100):
        assert figures["due"] <= figures["read"] <= figures["most"] * figures["due"], figures
        assert figures["looked_up"] <= figures["looks"] * figures["due"], figures


def test_reading_an_index_entrys_item_again_counts_as_reading_it_twice():
    """How make bench tells a job's reads of its due items (an index's entries, and any
    read again of an item an entry gave) from what it looks up besides."""
    from chalicelib.dal.agency import CaseItem
    from tests.bench.jobs import split

    cases = CaseItem.Meta.table_name
    event = {"case_id": {"S": "000000001"}, "item": {"S": "EVENT#2026-06-22#1"},
             "event_day": {"S": "2026-06-22"}}
    its_case = {"case_id": {"S": "000000001"}, "item": {"S": "CASE"}}
    entries = ("by_event_date", 1, [(cases, event)])
    assert split([entries, (None, 1, [(cases, its_case)])]) == (1, 1)
    assert split([entries, (None, 1, [(cases, {**event, "at": {"S": "18:00"}})]),
                  (None, 1, [(cases, its_case)])]) == (2, 1)
    assert split([entries, (None, 3, [])]) == (1, 3)  # a Query's filtered items count too


def test_overlapping_runs_send_each_reminder_once(client, outbox, john, atomic_dynamodb):
    from concurrent.futures import ThreadPoolExecutor

    for _ in range(3):
        client.post("/submissions", {"type": "close_case", "case_id": CASE}, token=john)
    at = T0 + timedelta(days=23)
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(lambda _: run("drafts", at), range(3)))
    assert sum(r.sent for r in runs) == 3 and sum(r.skipped for r in runs) == 6
    assert subjects(outbox).count('Your request "Close My Case" has not been submitted') == 3


def test_the_local_job_clock_runs_each_job_when_it_is_due(aws):
    """make run's stand-in for EventBridge: settlement (the only one that asks the
    processor) runs on a timer, as its hourly rule would."""
    from chalicelib.local.job_clock import HOURLY, JobClock

    assert "settlement" in HOURLY and "payment_due" not in HOURLY  # daily ones by hand
    ticking = JobClock({"settlement": 60})
    due = ticking.tick({})
    assert ticking.runs == {"settlement": 1}
    due = ticking.tick(due)  # not due again for a minute
    assert ticking.runs == {"settlement": 1} and not ticking.failures
    ticking.tick({"settlement": 0.0})
    assert ticking.runs == {"settlement": 2}


@pytest.mark.parametrize("chosen, has", [(None, "settlement"), ("all", "payment_due"),
                                         ("none", None)])
def test_the_local_job_clock_runs_the_jobs_chosen(monkeypatch, chosen, has):
    """make run: the hourly ones; the soak run: all; make load: none."""
    from chalicelib.local.job_clock import HOURLY, configured

    if chosen is None:
        monkeypatch.delenv("LOCAL_JOBS", raising=False)
    else:
        monkeypatch.setenv("LOCAL_JOBS", chosen)
    every = configured().every
    assert (has in every) if has else every == {}
    assert set(every) >= set(HOURLY) or chosen == "none"

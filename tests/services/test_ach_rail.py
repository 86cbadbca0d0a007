"""The ACH rail (PAYMENT_PROCESSOR=ach) through its services: a saved account's prenote,
the day's file (once, whatever the runs), effective dates on banking days, the bank's
returns (each code's effect, re-presentment within NACHA 2.12.4's limit, a return after
posting) and notices of change. The bank's files come from the simulated bank
(chalicelib/local/bank.py)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from chalicelib import jobs
from chalicelib.dal import ach as rail
from chalicelib.dal import agency
from chalicelib.dal import bank_accounts as saved
from chalicelib.dal import payments as payment_store
from chalicelib.domain import nacha
from chalicelib.domain.confirmations import payment_reference
from chalicelib.errors import InvalidInput
from chalicelib.integrations import bank_files
from chalicelib.local.bank import Answer, return_file
from chalicelib.services import ach_files, ach_returns, autopay, bank_accounts, payments, processors
from chalicelib.services.state_data import state_data
from tests.services.conftest import CASE, NOW

PARENTS_BANK = "091000019"
NUMBER = "000123456789"
UTC = timezone.utc


def at(day: date, hour: int = 17) -> datetime:
    """A moment of a day, in UTC (17:00: 9 a.m. in the bank's Pacific time, before the
    day's file closes at 3 p.m.)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def after_close(day: date) -> datetime:
    return at(day, 23) + timedelta(minutes=30)  # 3:30 p.m. Pacific (standard time)


@pytest.fixture
def rail_with(monkeypatch, aws, clock):
    """The ACH rail in use, with the state's data changed as a test says."""
    monkeypatch.setenv("PAYMENT_PROCESSOR", "ach")

    def use(**changes):
        data = {**state_data("ach"), **changes}
        monkeypatch.setattr(processors, "state_data", lambda name: data)
        processors.ach_rules.cache_clear()
        return processors.ach_rules("AK")

    yield use
    processors.ach_rules.cache_clear()


@pytest.fixture
def no_prenote(rail_with):
    return rail_with(validation="none", first_debit_waits_for_validation=False)


def add_account(caller, now=NOW, holder="Rae Roé"):
    return bank_accounts.add(caller, PARENTS_BANK, NUMBER, "checking", holder, None, now)


def pay(caller, account, now=NOW, amount=10000, key="key-00000001"):
    # the case's charges are not loaded: every payment is a credit, knowingly
    return payments.pay(caller, key, payments.Order(amount, case_id=CASE,
                                                    bank_account_id=account.account_id,
                                                    confirm_overpayment=True), now)


def send(rules, day: date):
    sent = ach_files.send(rules, day, after_close(day))
    return sent, (bank_files.read(sent.key) if sent.key else None)


def entries(text: str) -> list[str]:
    return [line for line in nacha.records(text) if line[0] == "6"]


def bank_answers(day: date, answers: dict[str, Answer], now: datetime) -> ach_returns.Received:
    """The bank's return file for `day`'s file, left in inbound/ and read."""
    key = f"{bank_files.INBOUND}returns-{now:%Y%m%d%H%M}.ach"
    bank_files.put(key, return_file(bank_files.read(ach_files.file_key(day)) or "", answers,
                                    now))
    return ach_returns.receive(key, now)


def current(payment):
    return payment_store.get(payment.user_id, payment.payment_id)


def presented(first, count: int):
    """The payment presenting `first` for the `count`th time, if any."""
    return next((p for p in payment_store.of_user(first.user_id)
                 if p.represents == first.payment_id and p.presented == count), None)


def reversed_on_the_ledger(payment) -> bool:
    items, _ = agency.case_items(CASE, "LEDGER#")
    return any(i.item == f"LEDGER#portal-{payment.payment_id}-returned" for i in items)


def test_a_new_account_is_prenoted_and_its_first_debit_waits_until_the_prenote_passes(
        rail_with, obligor):
    """NACHA 2.5.17.4 (WEB debits: a first use of an account is validated) by a
    prenotification (2.6), and live entries from the third banking day after the
    prenote's settlement date (2.6.2)."""
    rules = rail_with()
    account = add_account(obligor)
    made = pay(obligor, account)
    assert made.status == "pending" and made.settles_at is None
    assert "$100.00" in made.authorization and "6789" in made.authorization
    _, first = send(rules, date(2026, 3, 2))
    [prenote] = entries(first)
    assert prenote[1:3] == nacha.CHECKING_PRENOTE and int(prenote[29:39]) == 0
    assert prenote[3:12] == PARENTS_BANK and prenote[12:29].strip() == NUMBER
    assert prenote[54:76].strip() == "RAE ROE"  # upper-case ASCII, as banks take names
    for day in (date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 5)):
        assert send(rules, day)[0].key is None  # the prenote settles 3/3; quiet 3 days
    _, sixth = send(rules, date(2026, 3, 6))
    [debit] = entries(sixth)
    assert debit[1:3] == nacha.CHECKING_DEBIT and int(debit[29:39]) == 10000
    assert debit[79:94] == made.reference and debit[76:78] == "S "  # a single WEB entry
    assert debit[39:54].strip() == payment_reference(made.payment_id)  # its number
    batch = next(line for line in nacha.records(sixth) if line[0] == "5")
    assert batch[50:53] == "WEB" and batch[69:75] == "260309"  # effective Monday 3/9
    waited = payments.check(current(made), at(date(2026, 3, 9)))
    assert waited.status == "pending"  # its effective date has not passed
    # 0:00 Pacific daylight time (from 3/8) the day after its effective date
    assert current(made).settles_at == datetime(2026, 3, 10, 7, tzinfo=UTC)
    assert payments.check(current(made), at(date(2026, 3, 10))).status == "posted"


def test_the_days_file_carries_its_entries_once_and_a_retried_run_writes_the_same_file(
        no_prenote, obligor, monkeypatch):
    rules = no_prenote
    account = add_account(obligor)
    one_time = pay(obligor, account)
    schedule = autopay.create(obligor, CASE, account.account_id, 15000, 2, date(2026, 3, 2),
                              None, NOW)
    monthly = autopay.run(schedule, date(2026, 3, 2), NOW + timedelta(minutes=1))
    assert monthly is not None and "day 2 of each month" in monthly.authorization
    real_save = rail.save_file

    def crash(*args, **kwargs):  # the run stops after writing the file
        raise RuntimeError("the Lambda ran out of time")

    monkeypatch.setattr(rail, "save_file", crash)
    with pytest.raises(RuntimeError):
        send(rules, date(2026, 3, 2))
    written = bank_files.read(ach_files.file_key(date(2026, 3, 2)))
    monkeypatch.setattr(rail, "save_file", real_save)
    sent, again = send(rules, date(2026, 3, 2))
    assert again == written  # the same file, byte for byte
    assert sent.entries == 2 and sent.total_cents == 25000
    lines = entries(again)
    assert {line[79:94]: line[76:78] for line in lines} == {
        one_time.reference: "S ", monthly.reference: "R "}  # single and recurring
    control = nacha.records(again)[-1]
    assert int(control[13:21]) == 2 and int(control[31:43]) == 25000  # totals reconcile
    assert int(control[21:31]) == 2 * int(PARENTS_BANK[:8])  # the entry hash
    assert send(rules, date(2026, 3, 2))[1] == written  # a third run: nothing new
    assert send(rules, date(2026, 3, 3))[0].key is None  # each entry in one file only
    report = bank_files.read(f"{bank_files.REPORTS}2026-03-02.txt") or ""
    assert "entries: 2 (2 debits" in report and "debits: $250.00" in report
    assert "file control: 2 entries, debits $250.00" in report


def test_a_federal_reserve_holiday_moves_the_file_and_the_effective_date(no_prenote, obligor):
    """Thanksgiving, 2026-11-26 (5 U.S.C. 6103(a)): the day before's debits settle the
    day after it, and a payment made on it goes in the next banking day's file."""
    rules = no_prenote
    account = add_account(obligor)
    wednesday = pay(obligor, account, now=at(date(2026, 11, 25)), key="key-wednesday")
    thursday = pay(obligor, account, now=at(date(2026, 11, 26)), key="key-thanksgiving")
    assert wednesday.settles_at == datetime(2026, 11, 28, 8, tzinfo=UTC)  # effective Fri
    assert thursday.settles_at == datetime(2026, 12, 1, 8, tzinfo=UTC)  # effective Mon
    assert [line[79:94] for line in entries(send(rules, date(2026, 11, 25))[1])] == [
        wednesday.reference]
    assert [line[79:94] for line in entries(send(rules, date(2026, 11, 27))[1])] == [
        thursday.reference]


def test_insufficient_funds_is_presented_again_twice_at_most(no_prenote, obligor, outbox):
    """NACHA 2.12.4: an entry returned R01 (or R09) may be reinitiated at most twice, as
    RETRY PYMT; the ledger gives back each return, and the parent is told each time."""
    rules = no_prenote
    account = add_account(obligor)
    first = pay(obligor, account)
    send(rules, date(2026, 3, 2))  # effective 3/3
    assert payments.check(current(first), at(date(2026, 3, 4))).status == "posted"
    received = bank_answers(date(2026, 3, 2), {first.reference: Answer("R01")},
                            at(date(2026, 3, 5)))
    assert received.returns == 1
    assert current(first).status == "returned" and current(first).reason == "R01"
    assert reversed_on_the_ledger(first)
    notice = outbox.last("obligor@example.com")
    assert notice.subject == "Your child support payment was returned"
    assert "Insufficient funds (R01)" in notice.body
    assert "present the payment to your bank again" in notice.body
    assert "on or after 2026-03-06" in notice.body  # the 3/5 file's effective date
    [second] = [p for p in payment_store.of_user(first.user_id) if p.represents]
    assert second.presented == 2 and second.represents == first.payment_id
    assert second.status == "pending" and int(second.amount_cents) == 10000
    _, retry = send(rules, date(2026, 3, 5))
    batch = next(line for line in nacha.records(retry) if line[0] == "5")
    assert batch[53:63] == "RETRY PYMT"
    assert [line[79:94] for line in entries(retry)] == [second.reference]
    bank_answers(date(2026, 3, 5), {second.reference: Answer("R01")}, at(date(2026, 3, 9)))
    third = presented(first, 3)
    assert third is not None and third.represents == first.payment_id
    send(rules, date(2026, 3, 9))
    bank_answers(date(2026, 3, 9), {third.reference: Answer("R01")}, at(date(2026, 3, 11)))
    assert current(third).status == "returned"
    assert presented(first, 4) is None  # no fourth
    assert "Please make the payment again" in outbox.last("obligor@example.com").body


def test_a_closed_account_is_blocked_and_its_automatic_payments_stop(no_prenote, obligor,
                                                                     outbox):
    rules = no_prenote
    account = add_account(obligor)
    schedule = autopay.create(obligor, CASE, account.account_id, 15000, 2, date(2026, 3, 2),
                              None, NOW)
    monthly = autopay.run(schedule, date(2026, 3, 2), NOW)
    send(rules, date(2026, 3, 2))
    bank_answers(date(2026, 3, 2), {monthly.reference: Answer("R02")}, at(date(2026, 3, 4)))
    assert current(monthly).status == "returned"
    assert saved.get(obligor.user_id, account.account_id).blocked == "R02"
    assert autopay.listed(obligor)[0].status == "cancelled"
    notice = outbox.last("obligor@example.com").body
    assert "Account closed (R02)" in notice and "can no longer take payments" in notice
    assert "automatic payments from it have been stopped" in notice
    with pytest.raises(InvalidInput) as refused:
        pay(obligor, account, now=at(date(2026, 3, 5)), key="key-after-r02")
    assert refused.value.code == "bank_account_blocked"
    assert rail.account(account.token).blocked == "R02"


def test_an_unauthorized_return_after_posting_still_reverses_the_payment(no_prenote, obligor):
    """R10 comes up to 60 days after settlement (NACHA 3.12.1): the posted payment is
    taken back out of the ledger all the same."""
    rules = no_prenote
    account = add_account(obligor)
    made = pay(obligor, account)
    send(rules, date(2026, 3, 2))
    assert payments.check(current(made), at(date(2026, 3, 4))).status == "posted"
    bank_answers(date(2026, 3, 2), {made.reference: Answer("R10")}, at(date(2026, 4, 20)))
    assert current(made).status == "returned" and current(made).reason == "R10"
    assert reversed_on_the_ledger(made)
    assert saved.get(obligor.user_id, account.account_id).blocked == "R10"


def test_a_notice_of_change_corrects_the_account_for_the_next_entry(no_prenote, obligor):
    """C01 (NACHA 2.11.1, Appendix Five): the account number the bank corrected is the
    one the next entry carries; the parent's saved account shows its new last four."""
    rules = no_prenote
    account = add_account(obligor)
    made = pay(obligor, account)
    send(rules, date(2026, 3, 2))
    received = bank_answers(date(2026, 3, 2), {made.reference: Answer("C01", "1918171614")},
                            at(date(2026, 3, 4)))
    assert received.changes == 1 and current(made).status == "pending"  # not a return
    assert saved.get(obligor.user_id, account.account_id).last4 == "1614"
    later = pay(obligor, account, now=at(date(2026, 3, 5)), key="key-after-c01")
    [entry] = entries(send(rules, date(2026, 3, 5))[1])
    assert entry[79:94] == later.reference and entry[12:29].strip() == "1918171614"


def test_a_returned_prenote_fails_the_debit_that_waited(rail_with, obligor, outbox):
    rules = rail_with()
    account = add_account(obligor)
    made = pay(obligor, account)
    send(rules, date(2026, 3, 2))
    prenote = rail.entry(f"prenote-{account.token}")
    bank_answers(date(2026, 3, 2), {prenote.trace: Answer("R03")}, at(date(2026, 3, 4)))
    assert current(made).status == "failed" and current(made).reason == "R03"
    assert "did not go through" in outbox.last("obligor@example.com").body
    assert rail.account(account.token).validation == "failed"
    assert saved.get(obligor.user_id, account.account_id).blocked == "R03"
    assert send(rules, date(2026, 3, 6))[0].key is None  # nothing more to that account


def test_a_return_file_read_twice_changes_nothing_the_second_time(no_prenote, obligor):
    rules = no_prenote
    made = pay(obligor, add_account(obligor))
    send(rules, date(2026, 3, 2))
    key = f"{bank_files.INBOUND}twice.ach"
    bank_files.put(key, return_file(bank_files.read(ach_files.file_key(date(2026, 3, 2)))
                                    or "", {made.reference: Answer("R01")}, NOW))
    assert ach_returns.receive(key, at(date(2026, 3, 4))).returns == 1
    again = ach_returns.receive(key, at(date(2026, 3, 4)))
    assert again.returns == 0 and again.repeated == 1
    assert len([p for p in payment_store.of_user(made.user_id) if p.represents]) == 1


def test_a_file_the_bank_leaves_reaches_the_returns_function_through_the_queue(
        no_prenote, obligor):
    from tests.local_aws import mail_worker

    made = pay(obligor, add_account(obligor))
    send(no_prenote, date(2026, 3, 2))
    bank_files.put(f"{bank_files.INBOUND}from-the-bank.ach", return_file(
        bank_files.read(ach_files.file_key(date(2026, 3, 2))) or "",
        {made.reference: Answer("R01")}, NOW))
    assert mail_worker().deliver() >= 1
    assert current(made).status == "returned"


def test_the_file_job_sends_once_the_day_closes_on_banking_days_only(no_prenote, obligor):
    made = pay(obligor, add_account(obligor))
    assert jobs.run("ach_file", at(date(2026, 3, 2))).sent == 0  # before the close
    assert jobs.run("ach_file", after_close(date(2026, 3, 2))).sent == 1
    assert jobs.run("ach_file", after_close(date(2026, 3, 2))).sent == 0  # sent already
    assert rail.entry(made.processor_key).status == "sent"
    pay(obligor, add_account(obligor), now=at(date(2026, 3, 7)), key="key-saturday")
    assert jobs.run("ach_file", after_close(date(2026, 3, 7))).sent == 0  # a Saturday


def test_a_debit_on_a_signed_paper_form_is_a_ppd_entry_once_per_form(no_prenote, obligor,
                                                                      outbox):
    """The state's data takes written authorizations (ach.json paper_sec: PPD, NACHA's
    entry for a consumer's written authorization): no prenote (a WEB debit's rule), its
    own batch, and the same form entered twice debits once."""
    from chalicelib.services import paper_debits
    from tests.services.conftest import OBLIGOR

    form = paper_debits.Form(CASE, PARENTS_BANK, "44556677", "checking", "Rae Roé", 7500,
                             date(2026, 2, 27), "FORM-2026-0042")
    made, created = paper_debits.take(OBLIGOR["member_id"], form, "staff-1", NOW)
    again, created_again = paper_debits.take(OBLIGOR["member_id"], form, "staff-1", NOW)
    assert created and not created_again and again.payment_id == made.payment_id
    assert made.user_id == obligor.user_id  # in the parent's own history, with a receipt
    assert "We received your child support payment" in outbox.last("obligor@example.com").subject
    assert "Written authorization signed 02/27/2026 (form FORM-2026-0042)" in made.authorization
    web = pay(obligor, add_account(obligor))
    _, text = send(no_prenote, date(2026, 3, 2))
    batches = [line for line in nacha.records(text) if line[0] == "5"]
    assert sorted(b[50:53] for b in batches) == ["PPD", "WEB"]
    by_trace = {line[79:94]: line for line in entries(text)}
    assert by_trace[made.reference][76:78] == "  "  # PPD: no WEB payment type code
    assert by_trace[made.reference][39:54].strip() == payment_reference(made.payment_id)
    assert by_trace[web.reference][76:78] == "S "
    assert payments.check(current(made), at(date(2026, 3, 4))).status == "posted"


def test_paper_debits_are_refused_where_the_states_data_takes_none(rail_with, roe_case):
    from chalicelib.errors import Conflict
    from chalicelib.services import paper_debits
    from tests.services.conftest import OBLIGOR

    rail_with(paper_sec=None)
    form = paper_debits.Form(CASE, PARENTS_BANK, "44556677", "checking", "Rae Roe", 7500,
                             date(2026, 2, 27), "FORM-1")
    with pytest.raises(Conflict) as refused:
        paper_debits.take(OBLIGOR["member_id"], form, "staff-1", NOW)
    assert refused.value.code == "paper_debits_unavailable"
    rail_with()
    with pytest.raises(InvalidInput) as wrong:
        paper_debits.take(OBLIGOR["member_id"], paper_debits.Form(
            CASE, "123456789", "44556677", "checking", "Rae Roe", 50, date(2026, 3, 9),
            "FORM-2"), "staff-1", NOW)
    assert set(wrong.value.fields) == {"routing_number", "amount_cents", "signed_on"}

"""The day's ACH file: once the portal closes a banking day's file (the bank's cut-off
less a margin, ach.json), every entry queued for it goes in one NACHA file, in the bank
bucket's outbound/ for the bank to collect, with a report of what went out.

Once per day, whatever the runs: the file's content follows from the day and its
entries alone (its creation time is the close, entries in trace order), so a run that
fails after writing it writes the same file again; its record (FILE#<day>) says it is
done, and a run that finds it marks sent any entry it names that a failed run left
queued. An entry is sent once: moved out of the queue as it is marked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from chalicelib.dal import ach as store
from chalicelib.dal.ach import FILE_QUEUE, VALIDATING, AchItem
from chalicelib.domain import banking_days, nacha
from chalicelib.domain.ach_rules import Rules
from chalicelib.domain.money import display
from chalicelib.integrations import bank_files, kms
from chalicelib.integrations.payments.ach import account_context
from chalicelib.observability import logger, metrics
from chalicelib.services.processors import ach_rules
from chalicelib.settings import get_settings


@dataclass(frozen=True)
class Sent:
    day: date
    entries: int
    total_cents: int
    key: str | None  # where the file is (None: nothing to send that day)


def file_key(day: date) -> str:
    return f"{bank_files.OUTBOUND}{day.isoformat()}.ach"


def send_due(now: datetime) -> Sent | None:
    """Sends the day's file if it is due now (the ACH rail in use, a banking day whose
    file closed and was not sent yet); None if none is."""
    settings = get_settings()
    if settings.payment_processor != "ach":
        return None
    rules = ach_rules(settings.agency_state)
    today = now.astimezone(rules.zone).date()
    if not banking_days.is_banking_day(today) or now < rules.closes(today):
        return None
    return None if store.file(today) else _write(rules, today, now)


def send_early(now: datetime) -> Sent:
    """Sends the next file not yet sent now, before its close (the local stage's
    simulated bank, `python -m chalicelib.tools.bank send`): what is queued for it goes
    out with its effective date; what is queued after goes in the next day's."""
    rules = ach_rules(get_settings().agency_state)
    day = rules.file_day(now)
    while store.file(day) is not None:
        day = banking_days.after(day)
    return send(rules, day, now)


def send(rules: Rules, day: date, now: datetime) -> Sent:
    """Writes `day`'s file (once) and marks its entries sent."""
    done = store.file(day)
    if done is not None:  # written before: mark what a failed run left queued
        text = bank_files.read(str(done.s3_key)) or ""
        _mark_sent(rules, _named_in(text, day), day)
        return Sent(day, int(done.entries or 0), int(done.total_cents or 0), done.s3_key)
    return _write(rules, day, now)


def _write(rules: Rules, day: date, now: datetime) -> Sent:
    """Writes `day`'s file, not written before, and marks its entries sent."""
    _release_validated(day)
    entries = sorted(store.waiting(FILE_QUEUE, day.isoformat()), key=lambda e: str(e.trace))
    carried, refused = _carried(entries)
    for item in refused:  # its account was blocked or failed validation since
        store.move(item, [AchItem.status.set("declined"), AchItem.reason.set("account_blocked"),
                          *store.leave_queue()], status="queued")
    if not carried:
        return Sent(day, 0, 0, None)
    effective = rules.effective(day)
    text = nacha.write(rules.origin, _batches(rules, carried, effective), rules.closes(day),
                       reference=day.strftime("%Y%m%d"))
    key = file_key(day)
    total = sum(int(item.amount_cents or 0) for item, _ in carried)
    bank_files.put(key, text)
    bank_files.put(f"{bank_files.REPORTS}{day.isoformat()}.txt",
                   report(day, effective, text, carried))
    store.save_file(day, key, len(carried), total, now)
    _mark_sent(rules, [item for item, _ in carried], day)
    metrics.add_metric(name="AchEntriesSent", unit="Count", value=len(carried))
    logger.info("ach file sent", extra={"day": day.isoformat(), "entries": len(carried),
                                        "total_cents": total})
    return Sent(day, len(carried), total, key)


def _release_validated(day: date) -> None:
    """Accounts whose prenote came back with nothing by now are valid: the debits that
    waited for them go in this file."""
    for prenote in store.waiting(VALIDATING, day.isoformat()):
        token = str(prenote.token)
        store.change_account(token, [AchItem.validation.set("valid")])
        for debit in store.waiting(f"waiting#{token}"):
            store.move(debit, [AchItem.status.set("queued"), AchItem.file_day.set(day.isoformat()),
                               *store.queued_for(FILE_QUEUE, day.isoformat(),
                                                 store.entry_id(debit))], status="waiting")
        store.move(prenote, store.leave_queue())


def _carried(entries: list[AchItem]) -> tuple[list[tuple[AchItem, AchItem]], list[AchItem]]:
    """Each entry with its account, and those whose account can no longer be debited."""
    carried, refused = [], []
    accounts: dict[str, AchItem | None] = {}
    for item in entries:
        token = str(item.token)
        if token not in accounts:
            accounts[token] = store.account(token)
        account = accounts[token]
        usable = account is not None and not account.blocked and (
            account.validation != "failed" or item.entry == "prenote")
        if usable and account is not None:
            carried.append((item, account))
        else:
            refused.append(item)
    return carried, refused


def _batches(rules: Rules, carried: list[tuple[AchItem, AchItem]],
             effective: date) -> list[nacha.Batch]:
    """A batch for each SEC code and entry description (a re-presentment's is RETRY
    PYMT), all for the one effective date."""
    def batch_of(pair: tuple[AchItem, AchItem]) -> tuple[str, str]:
        return str(pair[0].sec), str(pair[0].description)

    batches = []
    for number, ((sec, description), group) in enumerate(
            groupby(sorted(carried, key=batch_of), key=batch_of), 1):
        batches.append(nacha.Batch(sec, effective, description,
                                   tuple(_entry(item, account) for item, account in group),
                                   number))
    return batches


def _entry(item: AchItem, account: AchItem) -> nacha.Entry:
    kind = str(account.kind)
    code = (nacha.PRENOTE_CODES if item.entry == "prenote" else nacha.DEBIT_CODES)[kind]
    number = kms.decrypt(account.account_number or b"",
                         account_context(str(item.token))).decode()
    return nacha.Entry(transaction_code=code, routing=str(account.routing), account=number,
                       amount_cents=int(item.amount_cents or 0),
                       individual_id=str(item.individual_id or f"CS{str(item.trace)[-7:]}"),
                       name=str(account.holder),
                       trace=str(item.trace),
                       discretionary=str(item.recurring or "S") if item.sec == "WEB" else "")


def _mark_sent(rules: Rules, items: list[AchItem], day: date) -> None:
    effective = rules.effective(day)
    for item in items:
        # a debit leaves the queues; a prenote waits out its quiet banking days
        queue = (store.queued_for(VALIDATING, rules.prenote_passes(effective).isoformat(),
                                  store.entry_id(item))
                 if item.entry == "prenote" else store.leave_queue())
        store.move(item, [AchItem.status.set("sent"), AchItem.effective.set(effective.isoformat()),
                          AchItem.file_day.set(day.isoformat()), *queue], status="queued")


def _named_in(text: str, day: date) -> list[AchItem]:
    """The entries a file written before names, still queued."""
    traces = {line[79:94] for line in nacha.records(text) if line[0] == "6"} if text else set()
    return [item for item in store.waiting(FILE_QUEUE, day.isoformat())
            if item.trace in traces]


def report(day: date, effective: date, text: str,
           carried: list[tuple[AchItem, AchItem]]) -> str:
    """What went out, for the agency's finance staff: the file's control totals beside
    the entries it carries (they must agree), by kind."""
    control = next(line for line in nacha.records(text) if line[0] == "9")
    debits = [item for item, _ in carried if item.entry == "debit"]
    retries = [item for item in debits if int(item.presented or 1) > 1]
    prenotes = len(carried) - len(debits)
    lines = [f"ACH file {day.isoformat()}, effective {effective.isoformat()}",
             f"entries: {len(carried)} ({len(debits)} debits, of them {len(retries)} "
             f"presented again; {prenotes} prenotes)",
             f"debits: {display(sum(int(i.amount_cents or 0) for i in debits))}",
             f"file control: {int(control[13:21])} entries, debits "
             f"{display(int(control[31:43]))}, entry hash {control[21:31]}",
             "", "trace            kind     SEC amount"]
    lines += [f"{item.trace} {item.entry:<8} {item.sec} {display(int(item.amount_cents or 0))}"
              for item, _ in carried]
    return "\n".join(lines) + "\n"

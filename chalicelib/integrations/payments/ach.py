"""The ACH rail as a processor: the agency originates debits itself through its bank
(the ODFI) in a NACHA file a day (services/ach_files.py writes it), so it keeps, as a
processor would on its side, the accounts it debits and each entry (dal/ach.py).

- A saved account's number is encrypted under the data key (the token's record only);
  its first debit waits for its validation (a prenote, in the next file) when the
  state's data says so, and a prenote that comes back fails the debits that waited.
- A debit is an entry in the next file before the cut-off, pending until its effective
  date has passed, then posted; the bank's return file (services/ach_returns.py) marks
  it returned, even after posting (up to 60 days for an unauthorized debit).
- The same idempotency key never makes two entries: the entry's id is the key."""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from chalicelib.dal import ach as store
from chalicelib.dal import counters
from chalicelib.dal.ach import FILE_QUEUE, AchItem
from chalicelib.domain.ach_rules import Rules, ach_name
from chalicelib.integrations import kms
from chalicelib.integrations.payments import BankToken, CardToken, Charge

TRACE_SEQUENCE = 10**7  # a trace number is the ODFI's 8 digits and a sequence of 7


def account_context(token: str) -> dict[str, str]:
    return {"purpose": "ach-account", "token": token}


class AchProcessor:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    @property
    def no_charge_window(self) -> timedelta:
        # the entry is the rail's own write: it exists once debit() returned, or the
        # request failed and no payment was made
        return timedelta(minutes=1)

    @property
    def return_window(self) -> timedelta:
        return timedelta(0)  # the bank's return files tell of returns: nothing to ask

    def tokenize_bank_account(self, routing: str, account: str, kind: str, holder: str,
                              now: datetime) -> BankToken:
        token = f"ach_{secrets.token_hex(16)}"
        validating = self.rules.validation == "prenote"
        store.save_account(token, routing, kms.encrypt(account.encode(), account_context(token)),
                           kind, ach_name(holder), "pending" if validating else "valid", now)
        if validating:
            self._queue(f"prenote-{token}", token, 0, now, entry="prenote")
        return BankToken(token, account[-4:])

    def card(self, token: str, now: datetime) -> CardToken | None:
        return None  # cards go through the state's card processor, not the ACH rail

    def debit(self, token: str, amount_cents: int, idempotency_key: str, now: datetime,
              recurring: bool = False, payer_reference: str = "") -> Charge:
        account = store.account(token)
        refused = ("invalid_account" if account is None or account.validation == "failed"
                   else "account_blocked" if account.blocked else None)
        if refused or account is None:
            return Charge(f"ach-declined-{secrets.token_hex(4)}", "declined", amount_cents,
                          refused)
        waits = account.validation == "pending" and self.rules.first_debit_waits
        item = self._queue(idempotency_key, token, amount_cents, now, recurring=recurring,
                           waiting=waits, payer_reference=payer_reference)
        return self._as_charge(item, now)

    def paper_debit(self, routing: str, account: str, kind: str, holder: str,
                    amount_cents: int, idempotency_key: str, now: datetime,
                    payer_reference: str) -> Charge:
        """A single debit on the account holder's written authorization (the state's
        paper SEC code, PPD): its account is kept as a saved one is, but not prenoted
        (NACHA's account validation is a WEB debit's rule)."""
        if not self.rules.paper_sec:
            raise ValueError("the state's data takes no debits on paper authorizations")
        found = store.entry(idempotency_key)
        token = str(found.token) if found else f"ach_{secrets.token_hex(16)}"
        if found is None:
            store.save_account(token, routing, kms.encrypt(account.encode(),
                                                           account_context(token)),
                               kind, ach_name(holder), "valid", now)
        item = self._queue(idempotency_key, token, amount_cents, now, sec=self.rules.paper_sec,
                           payer_reference=payer_reference)
        return self._as_charge(item, now)

    def reinitiate(self, first: AchItem, idempotency_key: str, now: datetime,
                   payer_reference: str) -> Charge:
        """Presents a returned (R01, R09) debit again as a new entry: RETRY PYMT."""
        item = self._queue(idempotency_key, str(first.token), int(first.amount_cents), now,
                           recurring=first.recurring == "R", payer_reference=payer_reference,
                           sec=str(first.sec),
                           presented=int(first.presented or 1) + 1,
                           first=str(first.first or store.entry_id(first)))
        return self._as_charge(item, now)

    def status(self, idempotency_key: str, now: datetime) -> Charge | None:
        item = store.entry(idempotency_key)
        return self._as_charge(item, now) if item else None

    def _queue(self, entry_id: str, token: str, amount_cents: int, now: datetime,
               entry: str = "debit", recurring: bool = False, waiting: bool = False,
               presented: int = 1, first: str | None = None,
               payer_reference: str = "", sec: str | None = None) -> AchItem:
        sequence = counters.next_value("ach-trace") % TRACE_SEQUENCE
        day = self.rules.file_day(now)
        item = AchItem(store.entry_key(entry_id), created_at=now, entry=entry, token=token,
                       amount_cents=amount_cents, sec=sec or self.rules.online_sec,
                       recurring="R" if recurring else "S",
                       description=(self.rules.retry_description if presented > 1
                                    else self.rules.description),
                       trace=f"{self.rules.origin.odfi}{sequence:07d}",
                       status="waiting" if waiting else "queued", presented=presented,
                       first=first, individual_id=payer_reference or None,
                       queue=f"waiting#{token}" if waiting else FILE_QUEUE,
                       due=f"{(now.date() if waiting else day).isoformat()}#{entry_id}")
        if not waiting:
            item.file_day = day.isoformat()
        return store.add_entry(item)

    def _as_charge(self, item: AchItem, now: datetime) -> Charge:
        amount = int(item.amount_cents or 0)
        effective = date.fromisoformat(item.effective) if item.effective else (
            self.rules.effective(date.fromisoformat(item.file_day)) if item.file_day else None)
        settles = (datetime.combine(effective + timedelta(days=1), time(), self.rules.zone)
                   if effective else None)
        status = {"waiting": "pending", "queued": "pending", "sent": "pending",
                  "declined": "declined", "returned": "returned"}[str(item.status)]
        if status == "pending" and item.status == "sent" and settles and now >= settles:
            status = "posted"
        return Charge(str(item.trace), status, amount, item.reason, settles_at=settles)

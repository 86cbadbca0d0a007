"""One-time payments on a case or a fee account, from a saved bank account or a card.

A request carries an Idempotency-Key: the same key with the same body returns the first
payment; with another body it is refused; while the first is still running, a twin gets
a 409. The processor is given the same key, so even a retry after a timeout never
charges twice. A payment is pending until the processor settles it; settling posts it
to the case ledger, distributed current support first and then the oldest arrears, and
updates the balances in the same transaction. A return reverses it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

from chalicelib.clock import agency_date
from chalicelib.dal import agency, bank_accounts, users
from chalicelib.dal import payments as store
from chalicelib.dal.activity import Event
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.dal.bank_accounts import BankAccount
from chalicelib.dal.base import Update, Wanted, get_together
from chalicelib.dal.errors import InProgress
from chalicelib.dal.outbox import Mail
from chalicelib.dal.payments import IdempotencyRecord, Payment
from chalicelib.dal.users import User
from chalicelib.domain import ach_codes, bank
from chalicelib.domain.confirmations import payment_reference
from chalicelib.domain.money import display
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import Conflict, Declined, Forbidden, InvalidInput, NotFound, invalid_cursor
from chalicelib.integrations.payments import (
    CardRefused,
    CardToken,
    Charge,
    ProcessorTimeout,
)
from chalicelib.observability import metrics
from chalicelib.services import activity, case_ledger, cases, notices
from chalicelib.services.processors import processor
from chalicelib.services.scope import Caller, current_user, in_scope
from chalicelib.services.state_data import state_data
from chalicelib.settings import get_settings

KEY_LIFETIME = timedelta(days=1)
MIN_CENTS = 100


@dataclass(frozen=True)
class Order:
    """What a payment pays (a case or a fee account), from what (a saved bank account or
    a card token from the processor's card form), and how much."""
    amount_cents: int
    case_id: str | None = None
    fee_account: str | None = None
    bank_account_id: str | None = None
    card_token: str | None = None
    all_cases: bool = False  # every case the payer pays on, split by the state's rule
    confirm_overpayment: bool = False  # more than is owed, knowingly: a credit

    def fingerprint(self) -> str:
        terms = [self.case_id, self.fee_account, self.bank_account_id, self.card_token,
                 self.amount_cents] + (["all"] if self.all_cases else [])
        return hashlib.sha256(json.dumps(terms).encode()).hexdigest()


@dataclass(frozen=True)
class Funding:
    method: str  # bank | card
    token: str
    last4: str
    bank_account_id: str | None = None
    brand: str | None = None
    kind: str | None = None  # a bank account's: checking | savings


def pay(caller: Caller, idempotency_key: str, order: Order, now: datetime) -> Payment:
    """A one-time payment: more than is owed needs the payer's confirmation."""
    user = current_user(caller)
    return pay_for(user, idempotency_key, order, now, client=caller.client, one_time=True)


def pay_for(user: User, idempotency_key: str, order: Order, now: datetime,
            client: str | None = None, made_by: str = "payment_made", any_terms: bool = False,
            one_time: bool = False, recurring_day: int | None = None,
            found: Found | None = None) -> Payment:
    """A payment by `user` (the parent, or their automatic payment schedule). A retry with
    the key returns the first result, even if the case or account changed since; with
    other terms it is refused, unless `any_terms` (the key alone says what is paid: a
    schedule's month, paid once even if the schedule changed after). A `one_time`
    payment above what its cases owe is refused unless the order confirms it.
    `recurring_day`: an automatic payment's day of the month (what its authorization
    says). `found`: what read_for read for the order, when the caller read it already
    (not with the checks of a one-time or fee payment, which read pending totals too)."""
    limit = get_settings().payment_limit_cents
    if not MIN_CENTS <= order.amount_cents <= limit:
        raise InvalidInput(f"Pay from $1.00 to {display(limit)}.", code="invalid_amount",
                           fields={"amount_cents": f"Enter an amount from $1.00 to "
                                                   f"{display(limit)}."})
    key = token_hash(f"{user.user_id}:{idempotency_key}")
    body = "any" if any_terms else order.fingerprint()
    try:
        earlier = store.claim(key, body, now, now + KEY_LIFETIME)
    except InProgress:
        raise Conflict("This payment is still being processed. Check your payments in a "
                       "moment.", code="payment_in_progress") from None
    if earlier is not None:
        return _earlier_result(user.user_id, earlier, body)
    try:
        paying: list[CaseItem] = []
        checks = (one_time and not order.confirm_overpayment) or bool(order.fee_account)
        if found is None or checks:
            found = read_for(user, None if order.all_cases else order.case_id,
                             order.fee_account, order.bank_account_id,
                             pending=checks and not order.all_cases)
        if order.all_cases:
            paying = paying_cases(user)
        elif order.case_id:
            paying = [obligors_case(user, order.case_id, "make a payment", found)]
        else:
            _fee_account_owing(order.amount_cents, found)
        if paying and checks:
            pending = found.pending if not order.all_cases else _pending_on(user, paying)
            _confirm_if_more_than_owed(paying, order.amount_cents, pending, now)
        funding = _funding(user, order, now, found)
        amount = display(order.amount_cents)
        toward = ({"case_id": order.case_id} if order.case_id
                  else {"cases": ", ".join(c.case_id for c in paying)} if order.all_cases
                  else {"fee_account": order.fee_account})
        made = activity.event(user.user_id, made_by, now, client=client, amount=amount,
                              **toward)
        payment = _charge(user, order, paying, funding, key, now, made, recurring_day)
    except BaseException:
        store.release(key)
        raise
    return payment


@dataclass(frozen=True)
class Found:
    """What a payment or a schedule checks, read together (read_for)."""
    case: CaseItem | None = None
    fees: MemberItem | None = None
    account: BankAccount | None = None
    pending: int = 0  # the payer's pending payments on the case or fee account (cents)


def read_for(user: User, case_id: str | None = None, fee_account: str | None = None,
             bank_account_id: str | None = None, pending: bool = False) -> Found:
    """The case, fee account and saved account asked for, in one BatchGet (a case or fee
    account only of the user's member: another's is not read); with `pending`, and the
    payer's pending totals that count against a payment on them."""
    items = [key for key in (
        agency.case_key(case_id) if case_id and user.member_id else None,
        agency.fee_account_key(user.member_id, fee_account)
        if fee_account and user.member_id else None,
        bank_accounts.key(user.user_id, bank_account_id) if bank_account_id else None) if key]
    totals = _totals_of(user, [case_id] if case_id else [], fee_account) if pending else []
    found = get_together(*items, *totals) if items or totals else []
    read, counted = found[:len(items)], found[len(items):]
    return Found(next((i for i in read if isinstance(i, CaseItem)), None),
                 next((i for i in read if isinstance(i, MemberItem)), None),
                 next((i for i in read if isinstance(i, BankAccount)), None),
                 sum(store.pending_cents(total) for total in counted))


def _totals_of(user: User, case_ids: list[str], fee_account: str | None) -> list[Wanted]:
    """The keys of the payer's pending totals that count against a payment: a fee
    account's own; for cases, each case's and that of the payments for all their cases."""
    if fee_account:
        return [store.pending_key(user.user_id, fee_account=fee_account)]
    if not case_ids:
        return []
    return [*(store.pending_key(user.user_id, c) for c in case_ids),
            store.pending_key(user.user_id, all_cases=True)]


def obligors_case(user: User, case_id: str, doing: str, found: Found | None = None) -> CaseItem:
    """The case, if the user is its obligor; else 403 (or 404 if it is not theirs). With
    `found`, the case read_for read."""
    case, role = (cases.checked_case(user, case_id, found.case) if found
                  else cases.case_of(user, case_id))
    if role != "obligor":
        raise Forbidden(f"Only the paying parent can {doing} on this case.",
                        code="not_the_obligor")
    return case


def paying_cases(user: User) -> list[CaseItem]:
    """The active cases the user pays on (a payment for all of them); 403 if none."""
    found = cases.summary(user)
    paying = [c for c in found.cases if found.role_in(c) == "obligor" and c.status == "active"]
    if not paying:
        raise Forbidden("You pay support on no active case.", code="not_the_obligor")
    return paying


def _pending_on(user: User, paying: list[CaseItem]) -> int:
    """The payer's pending payments on the cases, from their totals (one BatchGet)."""
    return sum(store.pending_cents(total) for total in get_together(
        *_totals_of(user, [c.case_id for c in paying], None)))


def _confirm_if_more_than_owed(paying: list[CaseItem], amount: int, pending: int,
                               now: datetime) -> None:
    """Refuses a one-time payment above what the cases owe (less the payer's payments
    still pending on them) until the payer confirms it: the rest would be a credit."""
    owed = sum(max(b.total - b.credit, 0)
               for b in (cases.case_balances(c, now) for c in paying))
    owed = max(owed - pending, 0)
    if amount > owed:
        words = (f"You owe {display(owed)}. To pay more, confirm it: what is beyond what you "
                 "owe is kept as a credit.")
        raise InvalidInput(words, code="confirm_overpayment",
                           fields={"confirm_overpayment": words})


def saved_account(user: User, bank_account_id: str, found: Found | None = None) -> BankAccount:
    """A saved account to debit: not one the bank said may no longer be debited. With
    `found`, the account read_for read."""
    account = found.account if found else bank_accounts.get(user.user_id, bank_account_id)
    if account is None:
        raise NotFound("That bank account was not found.", code="bank_account_not_found")
    if account.blocked:
        words = (f"Your bank returned a payment from this account ({account.blocked}: "
                 f"{ach_codes.return_code(account.blocked).reason}), so it can no longer be "
                 "used. Add another account or pay by card.")
        raise InvalidInput(words, code="bank_account_blocked", fields={
            "bank_account_id": "Your bank said this account can no longer be used: choose "
                               "another."})
    return account


def _fee_account_owing(amount: int, found: Found) -> None:
    """Refuses a fee payment on another member's account (as read: none) or above what
    is owed on it (its balance less the payer's payments still pending on it)."""
    if found.fees is None:
        raise NotFound("That fee account was not found.", code="fee_account_not_found")
    owed = int(found.fees.balance_cents or 0) - found.pending
    if amount > owed:
        raise InvalidInput(f"You owe {display(max(owed, 0))} on this fee account.",
                           code="more_than_owed",
                           fields={"amount_cents": f"Enter {display(max(owed, 0))} or less: "
                                                   "that is what the fee account owes."})


# words for a field, not a token (bandit B105)
CARD_TOKEN_UNUSABLE = "Enter the card again: this one can no longer be used."  # nosec B105

def _funding(user: User, order: Order, now: datetime, found: Found) -> Funding:
    if order.bank_account_id:
        account = saved_account(user, order.bank_account_id, found)
        return Funding("bank", account.token, account.last4, bank_account_id=account.account_id,
                       kind=account.kind)
    card = processor().card(order.card_token or "", now)
    if card is None:
        raise InvalidInput("The card details expired or were used already. Enter the card "
                           "again.", code="card_token_invalid",
                           fields={"card_token": CARD_TOKEN_UNUSABLE})
    return Funding("card", card.token, card.last4, brand=card.brand)


def sandbox_card(number: str, exp_month: int, exp_year: int, cvc: str,
                 now: datetime) -> CardToken:
    """The sandbox processor's card form: a token for one of its test cards."""
    # cold start: 19 ms (the sandbox's table model), only on a sandbox stage
    from chalicelib.integrations.payments.sandbox import SandboxProcessor

    try:
        return SandboxProcessor().tokenize_card(number, exp_month, exp_year, cvc, now)
    except CardRefused as refused:
        raise InvalidInput(str(refused), code="card_refused",
                           fields={refused.field: str(refused)}) from None


def _earlier_result(user_id: str, earlier: IdempotencyRecord, body: str) -> Payment:
    if earlier.body_hash != body:
        raise InvalidInput("This Idempotency-Key was already used for a different payment.",
                           code="idempotency_key_reused")
    if earlier.status != "done":
        raise Conflict("This payment is still being processed. Check your payments in a "
                       "moment.", code="payment_in_progress")
    found = store.get(user_id, earlier.result_id or "")
    if found is None:
        raise NotFound("That payment was not found.", code="payment_not_found")
    return found


def _charge(user: User, order: Order, paying: list[CaseItem], funding: Funding, key: str,
            now: datetime, made: Event, recurring_day: int | None = None) -> Payment:
    payment_id = new_payment_id(now, key)
    try:
        charge = processor().debit(funding.token, order.amount_cents, key, now,
                                   recurring=recurring_day is not None,
                                   payer_reference=payment_reference(payment_id))
    except ProcessorTimeout:
        charge = None  # it may exist: the payment stays pending until status tells
    if charge is not None and charge.status == "declined":
        by = "card issuer" if funding.method == "card" else "bank"
        raise Declined(f"The {by} declined the payment ({charge.reason}).",
                       code="payment_declined", reason=charge.reason)
    payment = Payment(user.user_id, payment_id, member_id=user.member_id,
                      case_id=paying[0].case_id if paying and not order.all_cases else None,
                      case_ids=[c.case_id for c in paying] if order.all_cases else None,
                      fee_account=order.fee_account, method=funding.method,
                      bank_account_id=funding.bank_account_id, card_brand=funding.brand,
                      last4=funding.last4, amount_cents=order.amount_cents, status="pending",
                      processor_key=key, reference=charge.reference if charge else None,
                      settles_at=charge.settles_at if charge else None,
                      authorization=(authorization(user, order, funding, now, recurring_day,
                                                   [c.case_id for c in paying])
                                     if funding.method == "bank" else None),
                      created_at=now)
    payment.check_on = next_check(payment, now)
    receipt = notices.notice(user, "payment_receipt", now, amount=display(order.amount_cents),
                             case_id=order.case_id, fee_account=order.fee_account,
                             method=funding.method, brand=bank.brand_name(funding.brand),
                             last4=funding.last4,
                             reference=payment_reference(payment.payment_id), made_at=now)
    store.create(payment, key, alongside=(made, *receipt))
    return payment


TOWARD = {"en": {"case": "child support case {}", "fees": "fee account {}",
                 "all": "child support cases {}"},
          "es": {"case": "el caso de manutención {}", "fees": "la cuenta de cargos {}",
                 "all": "los casos de manutención {}"}}
KINDS = {"es": {"checking": "de cheques", "savings": "de ahorros"}}


def authorization(user: User, order: Order, funding: Funding, now: datetime,
                  recurring_day: int | None = None, cases: Sequence[str] = ()) -> str:
    """The words of the debit's authorization, as the parent accepted them, in their
    language, with its terms filled in: kept with the payment (NACHA 2.3.2 and 1.4.2:
    a WEB debit's authorization is kept two years after it ends)."""
    settings = get_settings()
    language = "es" if user.language == "es" else "en"
    kind = str(funding.kind or "checking")
    words = state_data("ach")["authorization"]["recurring" if recurring_day else "single"]
    toward = (TOWARD[language]["fees"].format(order.fee_account) if order.fee_account
              else TOWARD[language]["case"].format(order.case_id) if order.case_id
              else TOWARD[language]["all"].format(", ".join(cases)))
    return str(words[language]).format(
        agency=settings.agency_name, amount=display(order.amount_cents),
        kind=KINDS.get(language, {}).get(kind, kind), last4=funding.last4,
        date=agency_date(now).strftime("%m/%d/%Y"), day=recurring_day, toward=toward,
        phone=settings.agency_phone)


def next_check(payment: Payment, now: datetime) -> str | None:
    """The day the settlement job should ask the processor about the payment next: a
    pending one when it is due (then daily); a posted one when a return would be known
    (then daily) until a return can no longer come; then never."""
    if payment.status == "pending":
        due = _due(payment)
    elif payment.status == "posted":
        window = processor().return_window
        if not window:
            return None  # the processor tells of returns itself
        due = _settles(payment) + window  # when a return would be known
        if now >= due + timedelta(days=1):
            return None  # returns are final
    else:
        return None
    return (due if now < due else now + timedelta(days=1)).date().isoformat()


def checking(payment: Payment, now: datetime) -> bool:
    """A pending payment past the time it should have settled (or, when the processor's
    answer never came, past the time its charge would be known): the settlement job asks
    about it on its next run, so the parent reads "checking", not just "pending"."""
    return payment.status == "pending" and now >= _due(payment)


def _due(payment: Payment) -> datetime:
    if payment.reference is None:  # the answer timed out: is there a charge at all?
        return payment.created_at + processor().no_charge_window
    return _settles(payment)


def _settles(payment: Payment) -> datetime:
    """When the payment settles, if the processor said; else after its settle time."""
    if payment.settles_at is not None:
        return payment.settles_at
    return payment.created_at + timedelta(seconds=get_settings().sandbox_settle_seconds)


@dataclass(frozen=True)
class FollowUp:
    """What the parent is told beside a return, when the processor did more: a payment
    presented again on a day, the account blocked, automatic payments stopped."""
    presented_again_on: str | None = None
    account_blocked: bool = False
    autopay_stopped: bool = False


def check(payment: Payment, now: datetime, follow_up: FollowUp | None = None) -> Payment:
    """For the settlement job (a read never calls the processor), and for a processor
    that tells of a change itself (the ACH rail's return files): asks the processor how
    the payment stands, records what it says, and when to ask next."""
    if payment.status not in ("pending", "posted"):
        return payment
    charge = processor().status(payment.processor_key, now)
    moved = _record(payment, charge, now, follow_up or FollowUp())
    payment = moved or payment
    if payment.status != "failed":  # a failure's own write stopped the checks
        learnt = charge is not None and charge.settles_at != payment.settles_at
        if learnt and charge is not None:  # an entry that waited has its date now
            payment.settles_at = charge.settles_at
        reference = (charge.reference if charge is not None and payment.reference is None
                     else None)
        day = next_check(payment, now)
        # a payment that moved is as written (or read) just now: no write that changes nothing
        if moved is None or learnt or reference or payment.check_on != day:
            store.set_check_on(payment, day, reference=reference,
                               settles_at=charge.settles_at if learnt and charge else None)
    return payment


def of_processor_key(key: str) -> Payment | None:
    """The payment the processor knows by this key (for what a processor tells of itself)."""
    return store.of_processor_key(key)


def _record(payment: Payment, charge: Charge | None, now: datetime,
            follow_up: FollowUp) -> Payment | None:
    """Records a settlement, a return, or a failure (declined after all, or no charge
    behind it past the processor's window); the payment as it stands once it moved on
    (made from what was written when that is known, else read again once), or None if it
    did not."""
    pending = payment.status == "pending"
    if charge is None:
        if not (pending and payment.reference is None and now >= _due(payment)):
            return None  # still within the window (or the processor lost its record)
        _fail(payment, now, "no_charge")
        return _current(payment)
    if pending and charge.status == "declined":
        _fail(payment, now, charge.reason or "declined")
        return _current(payment)
    moved = None
    if pending and charge.status in ("posted", "returned"):
        payment = moved = _settle(payment, "posted", now) or _current(payment)
    if payment.status == "posted" and charge.status == "returned":
        _settle(payment, "returned", now, reason=charge.reason, follow_up=follow_up)
        metrics.add_metric(name="PaymentsReturned", unit="Count", value=1)
        return _current(payment)
    return moved


def new_payment_id(now: datetime, key: str) -> str:
    """The time it was made, then eight hex digits of its (hashed) idempotency key: a
    retry names the same payment number (the one the processor was told)."""
    return f"{now.strftime('%Y%m%d%H%M%S')}-{key[:8]}"


def present_again(first: Payment, payment_id: str, key: str, charge: Charge,
                  presented: int, now: datetime) -> Payment:
    """A returned payment (R01, R09) presented to the bank again: a payment of its own,
    pending, for the same terms and from the same account, naming the one it presents
    again. Once per presentment (its key): a second call returns the first."""
    found = store.of_processor_key(key)
    if found is not None:
        return found
    payment = Payment(first.user_id, payment_id, member_id=first.member_id,
                      case_id=first.case_id, case_ids=first.case_ids,
                      fee_account=first.fee_account, method=first.method,
                      bank_account_id=first.bank_account_id, last4=first.last4,
                      amount_cents=first.amount_cents, status="pending", processor_key=key,
                      reference=charge.reference, settles_at=charge.settles_at,
                      authorization=first.authorization, presented=presented,
                      represents=first.represents or first.payment_id, created_at=now)
    payment.check_on = next_check(payment, now)
    event = activity.event(first.user_id, "payment_presented_again", now,
                           amount=display(int(first.amount_cents)),
                           reference=payment_reference(payment.payment_id))
    store.add(payment, alongside=(event,))
    return payment


def _current(payment: Payment) -> Payment:
    return store.get(payment.user_id, payment.payment_id) or payment


def _fail(payment: Payment, now: datetime, reason: str) -> None:
    """No charge behind the payment: failed, the parent told, its key free again."""
    user = users.get(payment.user_id)
    mail = notices.notice(user, "payment_failed", now, amount=display(int(payment.amount_cents)),
                          case_id=payment.case_id, fee_account=payment.fee_account,
                          reference=payment_reference(payment.payment_id),
                          made_at=payment.created_at, reason=reason) if user else []
    store.fail(payment, now, reason, mail)
    metrics.add_metric(name="PaymentsFailed", unit="Count", value=1)  # an alarm counts them


def _settle(payment: Payment, status: str, now: datetime, reason: str | None = None,
            follow_up: FollowUp | None = None) -> Payment | None:
    """Moves the payment on; the payment as it then stands when that is known without
    reading it again (posted to its cases, with its next check), else None."""
    mail = _returned_notice(payment, now, reason, follow_up) if status == "returned" else []
    if payment.fee_account:
        if not store.settle_fee_payment(payment, status, now, reason, mail):
            store.settle(payment, status, now, reason, mail)  # moved on, or fees gone
        return None
    paid_on = agency_date(payment.created_at)

    def done() -> bool:  # someone else settled it meanwhile
        current = store.get(payment.user_id, payment.payment_id)
        return current is None or current.status == status

    toward = [str(c) for c in payment.case_ids] if payment.case_ids else [str(payment.case_id)]
    if status == "posted":
        moved: list[Payment] = []

        def alongside(parts: dict[str, case_ledger.Posted]) -> list[Update]:
            split = len(toward) > 1
            paid = [a for case_id, part in sorted(parts.items())
                    for a in case_ledger.allocations(part.paid, case_id if split else None)]
            credit = sum(part.credit for part in parts.values())
            moved[:] = [store.as_settled(payment, "posted", now, paid, credit)]
            moved[0].check_on = next_check(moved[0], now)  # written with it
            return store.settle_actions(payment, "posted", now, paid, credit,
                                        check_on=moved[0].check_on)
        posted = case_ledger.post_split(
            toward, f"LEDGER#portal-{payment.payment_id}", int(payment.amount_cents),
            paid_on, _described(payment), now, source="portal",
            reference=payment.payment_id, alongside=alongside, done=done)
        return moved[0] if posted else None
    else:
        case_ledger.reverse_payment(
            toward, f"LEDGER#portal-{payment.payment_id}-returned",
            f"LEDGER#portal-{payment.payment_id}", agency_date(now),
            f"Payment returned by the bank ({reason})", now, source="portal",
            alongside=store.settle_actions(payment, "returned", now, reason=reason),
            mail=mail, done=done)
    return None


def _returned_notice(payment: Payment, now: datetime, reason: str | None,
                     follow_up: FollowUp | None) -> list[Mail]:
    """The parent's notice of a return: what happened (the bank's reason) and what to do."""
    user = users.get(payment.user_id)
    if user is None:
        return []
    follow_up = follow_up or FollowUp()
    code = reason or "returned"
    return notices.notice(user, "payment_returned", now, amount=display(int(payment.amount_cents)),
                          case_id=payment.case_id, fee_account=payment.fee_account,
                          reference=payment_reference(payment.payment_id),
                          made_at=payment.created_at, reason=code,
                          reason_words=ach_codes.reason_in(code, user.language)
                          if code[:1] == "R" else None,
                          method=payment.method, last4=payment.last4,
                          presented_again_on=follow_up.presented_again_on,
                          account_blocked=follow_up.account_blocked,
                          autopay_stopped=follow_up.autopay_stopped)


def _described(payment: Payment) -> str:
    if payment.method == "card":
        return f"Payment by {bank.brand_name(payment.card_brand)} card ending {payment.last4}"
    return f"Payment by bank account ending {payment.last4}"


def history(caller: Caller) -> list[Payment]:
    """All the caller's payments as recorded, newest first (one Query): the settlement
    job, not a read, asks the processor how they stand."""
    return sorted((p for p in store.of_user(caller.user_id) if in_scope(p.case_id)),
                  key=lambda p: p.created_at, reverse=True)


def page(caller: Caller, case_id: str | None, status: str | None, limit: int,
         cursor: str | None) -> tuple[list[Payment], str | None]:
    """A page of the caller's payments, newest first, and the cursor to the next (one
    Query of `limit` payments, of which those of the case and status asked for, and for
    one acting for the caller those of the cases they may see)."""
    try:
        found, after = store.page_of_user(caller.user_id, limit, cursor, case_id, status)
    except ValueError:
        raise invalid_cursor() from None
    return [p for p in found if in_scope(p.case_id)], after


def detail(caller: Caller, payment_id: str) -> Payment:
    payment = store.get(caller.user_id, payment_id)
    if payment is None or not in_scope(payment.case_id):
        raise NotFound("That payment was not found.", code="payment_not_found")
    return payment

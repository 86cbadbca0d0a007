"""Bank debits the agency takes on a parent's signed paper authorization (a form mailed
in or brought to an office), for parents who do not pay online. With the ACH rail, and
a state whose data names the SEC code for them (ach.json `paper_sec`: PPD, NACHA's entry
for a consumer's written authorization), staff enter the account and the amount from
the form and the rail sends the debit in the next file. It is the member's payment: in
their logon's history if they have one (with its receipt, and a notice if it comes
back), else recorded for the member alone. It settles and is returned as any of the
rail's payments. The form's reference makes it idempotent: one form, one debit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.clock import agency_date
from chalicelib.dal import agency, users
from chalicelib.dal import payments as store
from chalicelib.dal.payments import Payment
from chalicelib.domain import bank
from chalicelib.domain.confirmations import payment_reference
from chalicelib.domain.money import display
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import Conflict, InvalidInput, NotFound
from chalicelib.services import activity, notices, payments
from chalicelib.services.outside_payments import obligor_cases
from chalicelib.services.processors import ach_rules
from chalicelib.settings import get_settings


@dataclass(frozen=True)
class Form:
    """What the signed form says."""
    case_id: str
    routing: str
    account: str
    kind: str
    holder: str
    amount_cents: int
    signed_on: date
    reference: str  # the agency's number for the form (its scan, its log)


def take(member_id: str, form: Form, staff_id: str, now: datetime) -> tuple[Payment, bool]:
    """The debit a signed form authorizes, and whether it was made now (False: the form
    was entered before, and this is that payment)."""
    settings = get_settings()
    rules = ach_rules(settings.agency_state) if settings.payment_processor == "ach" else None
    if rules is None or not rules.paper_sec:
        raise Conflict("This stage takes no bank debits on paper authorizations: they go "
                       "through the ACH rail, with the state's data allowing them.",
                       code="paper_debits_unavailable")
    _check(member_id, form, settings.payment_limit_cents, now)
    key = token_hash(f"paper:{member_id}:{form.reference}")
    earlier = store.of_processor_key(key)
    if earlier is not None:
        return earlier, False
    payment_id = payments.new_payment_id(now, key)
    # cold start: 9 ms (the rail's adapter, its rules and table), only when a form is entered
    from chalicelib.integrations.payments.ach import AchProcessor

    charge = AchProcessor(rules).paper_debit(
        form.routing, form.account, form.kind, form.holder, form.amount_cents, key, now,
        payment_reference(payment_id))
    profile = agency.member(member_id)
    user = users.get(profile.linked_user_id) if profile and profile.linked_user_id else None
    payment = Payment(user.user_id if user else f"member#{member_id}", payment_id,
                      member_id=member_id, case_id=form.case_id, method="bank",
                      last4=form.account[-4:], amount_cents=form.amount_cents,
                      status="pending", processor_key=key, reference=charge.reference,
                      settles_at=charge.settles_at, created_at=now,
                      authorization=(f"Written authorization signed {form.signed_on:%m/%d/%Y}"
                                     f" (form {form.reference}), entered by staff "
                                     f"{staff_id}"))
    payment.check_on = payments.next_check(payment, now)
    told = []
    if user is not None:
        told = [activity.event(user.user_id, "payment_made", now, actor=staff_id,
                               amount=display(form.amount_cents), case_id=form.case_id),
                *notices.notice(user, "payment_receipt", now,
                                amount=display(form.amount_cents), case_id=form.case_id,
                                fee_account=None, method="bank", brand=None, last4=payment.last4,
                                reference=payment_reference(payment_id), made_at=now)]
    store.add(payment, alongside=tuple(told))
    return payment, True


def _check(member_id: str, form: Form, limit: int, now: datetime) -> None:
    problems = bank.account_problems(form.routing, form.account)
    if not payments.MIN_CENTS <= form.amount_cents <= limit:
        problems["amount_cents"] = f"Enter an amount from $1.00 to {display(limit)}."
    if form.signed_on > agency_date(now):
        problems["signed_on"] = "The form cannot be signed after today."
    if problems:
        raise InvalidInput(fields=problems)
    if form.case_id not in obligor_cases(member_id):
        raise NotFound("That member does not pay support on that case.",
                       code="case_not_found")

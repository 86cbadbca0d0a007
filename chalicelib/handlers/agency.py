"""Agency staff routes: caseworker sessions only."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.domain.confirmations import payment_reference
from chalicelib.handlers.routing import Routes, route
from chalicelib.handlers.submissions import attached, row
from chalicelib.models import lazy
from chalicelib.services import (
    association,
    case_data,
    case_ledger,
    codes,
    direct_deposit,
    outside_payments,
    paper_debits,
    password_reset,
    phone_pins,
    staff,
    submissions,
)
from chalicelib.services.scope import Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import staff as m
    from chalicelib.models import submissions as s_m
else:
    m = lazy("staff")
    s_m = lazy("submissions")

bp = Routes(__name__)
TAG = "Agency"


@route(bp, "/agency/records", "POST",
       summary="Load or update case data from the system of record (idempotent)", tag=TAG,
       body=m.RecordsIn, response=m.RecordsOut, auth="staff", duty="records")
def load_records(caller: Caller, body):
    results = case_data.load(body.records, utc_now())
    return m.RecordsOut(results=[m.RecordResult(**r.__dict__) for r in results],
                        counts=dict(Counter(r.status for r in results)))


@route(bp, "/agency/members/{member_id}", summary="Who a member is: name, portal logon, "
       "cases", tag=TAG, response=m.MemberOut, auth="staff", duty="members", errors_=(404,))
def member(caller: Caller, member_id: str):
    card = staff.member_card(member_id)
    contact = (m.MemberContactOut(method=card.contact[0], number=card.contact[1])
               if card.contact else None)
    return m.MemberOut(member_id=card.member_id, name=card.name, linked=card.linked,
                       cases=[m.MemberCaseOut(case_id=c, role=r) for c, r in card.cases],
                       preferred_contact=contact)


@route(bp, "/agency/members/{member_id}/sign-in-reset", "POST",
       summary="For a member who cannot answer their security questions and has no app or "
               "recovery code, after checking who is calling: clear the questions, sign "
               "out everywhere and email a reset link (recorded)", tag=TAG,
       body=m.SignInResetIn, response=m.SignInResetOut, auth="staff", duty="casework", errors_=(404,))
def reset_sign_in(caller: Caller, member_id: str, body):
    sent_to = password_reset.reset_by_agency(caller.user_id, member_id, body.how, utc_now())
    return m.SignInResetOut(sent_to=sent_to)


@route(bp, "/agency/members/{member_id}/redeem-codes", "POST",
       summary="Issue a single-use redeem code to mail to a member", tag=TAG,
       response=m.RedeemCodeOut, status=201, auth="staff", duty="casework", errors_=(404,))
def issue_redeem_code(caller: Caller, member_id: str):
    code, expires_at = association.issue_redeem_code(member_id, utc_now())
    return m.RedeemCodeOut(code=code, member_id=member_id, expires_at=expires_at)


@route(bp, "/agency/members/{member_id}/direct-deposit",
       summary="A receiving parent's direct deposit account, for disbursement (each read "
               "is logged)", tag=TAG, response=m.DisbursementAccountOut, auth="staff", duty="disbursement",
       errors_=(404,))
def disbursement_account(caller: Caller, member_id: str):
    deposit, number = direct_deposit.for_disbursement(member_id, caller.user_id)
    return m.DisbursementAccountOut(member_id=member_id, routing_number=deposit.routing_number,
                                    account_number=number, account_type=deposit.account_kind,
                                    holder_name=deposit.holder_name,
                                    updated_at=deposit.updated_at)


@route(bp, "/agency/cases/{case_id}/payments", "POST",
       summary="Record a payment received outside the portal (withholding, check, offset)",
       tag=TAG, body=m.OutsidePaymentIn, response=m.OutsidePaymentOut, status=201,
       auth="staff", duty="payments", errors_=(200, 404, 409, 503))
def record_outside_payment(caller: Caller, case_id: str, body):
    done = outside_payments.record(case_id, body.amount_cents, body.received_on, body.source,
                                   body.reference, utc_now())
    e = done.entry
    return (m.OutsidePaymentOut(
        case_id=case_id, received_on=e.on, amount_cents=int(e.amount_cents), source=e.source,
        reference=e.reference, description=e.description, created=done.created,
        credit_cents=max(done.line.credit, 0),
        distribution=m.AllocationOut.listed(case_ledger.allocations(done.line.paid), e.on[:7])),
            201 if done.created else 200)


@route(bp, "/agency/members/{member_id}/payments", "POST",
       summary="Record a payment received for all of an obligor's cases (withholding, an "
               "offset), split among them",
       tag=TAG, body=m.OutsidePaymentIn, response=m.OutsideSplitOut, status=201,
       auth="staff", duty="payments", errors_=(200, 404, 409, 503))
def record_obligor_payment(caller: Caller, member_id: str, body):
    parts = outside_payments.record_for_obligor(member_id, body.amount_cents, body.received_on,
                                                body.source, body.reference, utc_now())
    first, created = parts[0].entry, parts[0].created
    return (m.OutsideSplitOut(
        member_id=member_id, received_on=first.on, amount_cents=body.amount_cents,
        source=first.source, reference=first.reference, description=first.description,
        created=created,
        parts=[m.OutsidePartOut(
            case_id=p.entry.case_id, amount_cents=int(p.entry.amount_cents),
            credit_cents=max(p.line.credit, 0),
            distribution=m.AllocationOut.listed(case_ledger.allocations(p.line.paid),
                                                p.entry.on[:7])) for p in parts]),
            201 if created else 200)




@route(bp, "/agency/members/{member_id}/phone-pin/check", "POST",
       summary="Check the phone PIN a caller gives for a member (five wrong in an hour "
               "lock the member's checks for an hour)",
       tag=TAG, body=m.PhonePinCheckIn, response=m.PhonePinCheckOut, auth="staff",
       duty="members", errors_=(404, 409, 429))
def check_phone_pin(caller: Caller, member_id: str, body):
    return m.PhonePinCheckOut(matches=phone_pins.check(member_id, body.pin, caller.user_id,
                                                       utc_now()))


@route(bp, "/agency/members/{member_id}/bank-debits", "POST",
       summary="Take a bank debit the member authorized on a signed paper form (the ACH "
               "rail sends it as a PPD entry)",
       tag=TAG, body=m.PaperDebitIn, response=m.PaperDebitOut, status=201,
       auth="staff", duty="payments", errors_=(200, 404, 409))
def take_paper_debit(caller: Caller, member_id: str, body):
    form = paper_debits.Form(body.case_id, body.routing_number, body.account_number,
                             body.account_type, body.holder_name, body.amount_cents,
                             body.signed_on, body.reference)
    payment, created = paper_debits.take(member_id, form, caller.user_id, utc_now())
    return (m.PaperDebitOut(payment_id=payment.payment_id,
                            reference=payment_reference(payment.payment_id),
                            member_id=member_id, case_id=str(payment.case_id),
                            amount_cents=int(payment.amount_cents), last4=payment.last4,
                            status=payment.status, settles_at=payment.settles_at,
                            created=created), 201 if created else 200)


def _work_item(s, now):
    return row(s, now, model=s_m.WorkItem, member_id=s.member_id, submitted_by_logon=s.logon,
               to_record=bool(s.to_record),
               note=s.note, answers=s.answers, documents=attached(s))


@route(bp, "/agency/submissions", summary="The worklist of web requests, oldest first",
       tag=TAG, query=s_m.WorklistQuery, response=s_m.WorklistOut, auth="staff", duty="casework")
def worklist(caller: Caller, query):
    now = utc_now()
    found, cursor = submissions.worklist(query.status, query.limit, query.cursor)
    return s_m.WorklistOut(submissions=[_work_item(s, now) for s in found],
                           next_cursor=cursor)


@route(bp, "/agency/submissions/{confirmation}", summary="A web request by its confirmation "
       "number", tag=TAG, response=s_m.WorkItem, auth="staff", duty="casework", errors_=(404,))
def submission(caller: Caller, confirmation: str):
    return _work_item(submissions.find(confirmation), utc_now())


@route(bp, "/agency/submissions/{confirmation}/decision", "POST",
       summary="Work a web request: in review, approved or denied (with a note)", tag=TAG,
       body=s_m.DecisionIn, response=s_m.WorkItem, auth="staff", duty="casework", errors_=(404, 409))
def decision(caller: Caller, confirmation: str, body):
    now = utc_now()
    return _work_item(submissions.decide(caller, confirmation, body.status, body.note, now),
                      now)


@route(bp, "/agency/submissions/{confirmation}/recorded", "POST",
       summary="A change done at once (a change of address) is now in the agency's own "
       "system: it leaves the To record queue", tag=TAG, response=s_m.WorkItem,
       auth="staff", duty="casework", errors_=(404, 409))
def recorded(caller: Caller, confirmation: str):
    now = utc_now()
    return _work_item(submissions.recorded(caller, confirmation, now), now)


@route(bp, "/agency/members/{member_id}/request-codes", "POST",
       summary="Issue a code that opens a pre-filled request for the member", tag=TAG,
       body=s_m.RequestCodeIn, response=s_m.RequestCodeOut, status=201, auth="staff", duty="casework",
       errors_=(403, 404))
def issue_request_code(caller: Caller, member_id: str, body):
    code, expires_at = codes.issue_request_code(caller, member_id, body.request_type,
                                                body.case_id, body.answers, body.days_valid,
                                                utc_now())
    return s_m.RequestCodeOut(code=code, member_id=member_id, request_type=body.request_type,
                              expires_at=expires_at)

"""The Summary tab, each case and its details, and the Action Center."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from chalicelib import language
from chalicelib.clock import utc_now
from chalicelib.domain.money import display
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import case_ledger, cases, state_data, tools
from chalicelib.services.action_center import items_for as action_items
from chalicelib.services.scope import Caller, current_user

if TYPE_CHECKING:  # handlers read the dal's records only through services
    from chalicelib.dal.agency import CaseItem

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import cases as m
    from chalicelib.models import common
else:
    m = lazy("cases")
    common = lazy("common")

bp = Routes(__name__)
TAG = "Cases"


def money(cents: float | None):  # PynamoDB's numbers are typed float
    return m.Money(cents=int(cents or 0), display=display(int(cents or 0)))


def _card(case: CaseItem, role: str):
    return m.CaseCard(case_id=case.case_id, case_type=case.case_type, status=case.status,
                      my_role=role, participants=[m.ParticipantOut(name=p.name, role=p.role)
                                                  for p in case.participants or []])


def _obligation_summary(t: cases.RoleTotals):
    word = "has been met" if t.met else "has not been met"
    return m.ObligationSummary(
        role=t.role, monthly_obligation=money(t.monthly_cents), obligation_met=t.met,
        message=f"Monthly obligation of {display(t.monthly_cents)} {word}.",
        arrears=money(t.arrears), total_balance=money(t.total), credit=money(t.credit),
        owed_to_family=money(t.owed_to_family), owed_to_state=money(t.owed_to_state),
        credit_rule=state_data.distribution_rules()[1],
        received_this_month=money(t.received_this_month) if t.role == "obligee" else None)


@route(bp, "/summary", summary="The Summary tab: member, obligation, account, fees, cases",
       tag=TAG, response=m.SummaryOut,
       permission="view")
def summary(caller: Caller):
    found = cases.summary(current_user(caller))
    if found.member is None:
        return m.SummaryOut(linked=False, message="Link your logon to your case: "
                            "Find my existing case.")
    member, now = found.member, utc_now()
    address = member.mailing_address
    return m.SummaryOut(
        linked=True,
        member=m.MemberCard(member_id=member.member_id,
                            name=member.full_name,
                            mailing_address=common.AddressOut(**address.as_dict())
                            if address else None,
                            notice=cases.address_notice(language.current())),
        obligation_summary=[_obligation_summary(t) for t in cases.role_totals(found, now)],
        account_details=m.AccountDetails(
            active_cases=sum(c.status == "active" for c in found.cases),
            payment_method=cases.payment_method(found), receives_by=cases.receives_by(found),
            deposit_last4=found.deposit.last4 if found.deposit else None),
        fee_accounts=[m.FeeAccountOut(account=f.item.removeprefix("FEE#"),
                                      description=f.description, balance=money(f.balance_cents))
                      for f in found.fee_accounts],
        cases=[_card(c, found.role_in(c)) for c in found.cases])


@route(bp, "/cases", summary="My IV-D cases", tag=TAG, response=m.CasesOut,
       permission="view")
def list_cases(caller: Caller):
    found = cases.summary(current_user(caller))
    return m.CasesOut(cases=[_card(c, found.role_in(c)) for c in found.cases])


@route(bp, "/cases/{case_id}", summary="A case: current support, custody, order history",
       tag=TAG, response=m.CaseDetail, errors_=(404,),
       permission="view")
def case_detail(caller: Caller, case_id: str):
    case, role = cases.case_of(current_user(caller), case_id)
    card = _card(case, role)
    return m.CaseDetail(
        **card.model_dump(), custody=case.custody,
        payment_method=case.payment_method, current_support=money(case_ledger.monthly_obligation(case)),
        order_history=[m.OrderChangeOut(
            effective=c.effective, description=c.description, custody=c.custody,
            monthly_support=money(c.monthly_support_cents)
            if c.monthly_support_cents is not None else None,
            medical_support=money(c.medical_support_cents)
            if c.medical_support_cents is not None else None)
            for c in case.order_history or []],
        office=tools.office(case.office_id, language.current()),
        caseworker=case.caseworker_name)


@route(bp, "/cases/{case_id}/obligation", summary="Monthly support and when it is due",
       tag=TAG, response=m.ObligationOut, errors_=(404,),
       permission="view")
def obligation(caller: Caller, case_id: str):
    now = utc_now()
    case, _ = cases.case_of(current_user(caller), case_id)
    o, owed = case.obligation, cases.case_balances(case, now)
    return m.ObligationOut(
        case_id=case_id, monthly_support=money(o.monthly_support_cents if o else 0),
        medical_support=money(o.medical_support_cents if o else 0),
        due_day=int(o.due_day) if o else None, next_due_date=cases.next_due_date(case, now),
        start=date.fromisoformat(o.start) if o else None,
        end=date.fromisoformat(o.end) if o and o.end else None,
        charged_this_month=money(owed.charged_this_period),
        paid_this_month=money(owed.paid_this_period), due_this_month=money(owed.current_due),
        obligation_met=owed.obligation_met)


@route(bp, "/cases/{case_id}/arrears", summary="Arrears by period", tag=TAG,
       response=m.ArrearsOut, errors_=(404,),
       permission="view")
def arrears(caller: Caller, case_id: str):
    now = utc_now()
    case, _ = cases.case_of(current_user(caller), case_id)
    periods, owed = cases.arrears_by_period(case, now), cases.case_balances(case, now)
    return m.ArrearsOut(case_id=case_id, total=money(owed.arrears),
                        owed_to_family=money(owed.owed_to_family),
                        owed_to_state=money(owed.owed_to_state), interest=money(owed.interest),
                        periods=[m.ArrearsPeriod(period=p, amount=money(c), interest=money(i))
                                 for p, c, i in periods])


@route(bp, "/cases/{case_id}/actions", summary="Case actions, the 10 most recent first",
       tag=TAG, query=m.ActionsQuery, response=m.ActionsOut, errors_=(404,),
       permission="view")
def case_actions(caller: Caller, case_id: str, query):
    items, cursor = cases.actions(current_user(caller), case_id, query.limit,
                                  query.cursor)
    return m.ActionsOut(actions=[m.ActionOut(on=i.on, description=i.description) for i in items],
                        next_cursor=cursor)


@route(bp, "/cases/{case_id}/events", summary="Upcoming court dates and appointments",
       tag=TAG, response=m.EventsOut, errors_=(404,),
       permission="view")
def case_events(caller: Caller, case_id: str):
    found = cases.upcoming_events(current_user(caller), case_id, utc_now())
    return m.EventsOut(events=[m.EventOut(event_id=e.child_id, at=e.at, kind=e.kind,
                                          description=e.description, location=e.location)
                               for e in found])


def _payment(item: CaseItem, line, role: str):
    return m.CasePaymentOut(on=item.on, amount=money(item.amount_cents),
                            description=cases.described(item, role), source=item.source,
                            distribution=m.AllocationOut.listed(
                                case_ledger.allocations(line.paid), item.on[:7]) or None,
                            credit_cents=line.credit if line.credit > 0 else None,
                            returned=line.returned)


@route(bp, "/cases/{case_id}/payments", summary="Payment history, with the last payment",
       tag=TAG, response=m.CasePaymentsOut, errors_=(404,),
       permission="view")
def case_payments(caller: Caller, case_id: str):
    role, paid = cases.payments(current_user(caller), case_id)
    return m.CasePaymentsOut(last_payment=_payment(*paid[0], role) if paid else None,
                             payments=[_payment(p, line, role) for p, line in paid])


@route(bp, "/action-center", summary="What needs my action", tag=TAG,
       response=m.ActionCenterOut,
       permission="view")
def action_center(caller: Caller):
    items = action_items(current_user(caller), utc_now())
    return m.ActionCenterOut(items=[m.ActionItem(kind=i.kind, title=i.title, detail=i.detail,
                                                 link=i.link, due=i.due, at=i.at) for i in items])

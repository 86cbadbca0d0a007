"""Public tools: no session, throttled per client address."""
from __future__ import annotations

from chalice import Blueprint

from chalicelib.handlers.routing import route
from chalicelib.models import lazy
from chalicelib.services import tools

bp = Blueprint(__name__)
m = lazy("tools")
TAG = "Public tools"
RATE = (60, 60)  # requests per client address per minute


@route(bp, "/tools/arrears-payment", "POST",
       summary="Calculate Arrears Payment: months to pay off, or the monthly payment",
       tag=TAG, body=m.ArrearsRequest, response=m.ArrearsPlanOut, auth=False, rate=RATE)
def arrears_payment(body):
    plan = tools.arrears_payment(body.arrears_balance_cents, body.months,
                                 body.monthly_payment_cents)
    return m.ArrearsPlanOut(
        arrears_balance_cents=plan.balance, months=plan.months, monthly_payment_cents=plan.monthly,
        last_payment_cents=plan.last_payment,
        schedule=[m.InstallmentOut(month=i.month, payment_cents=i.payment,
                                   remaining_cents=i.remaining) for i in plan.schedule])


@route(bp, "/resources", summary="Resource Programs, filterable by text", tag=TAG,
       query=m.ResourcesQuery, response=m.ResourcesOut, auth=False, rate=RATE)
def resources(query):
    return m.ResourcesOut(categories=tools.resources(query.q))


@route(bp, "/offices", summary="The nearest agency offices to a ZIP code", tag=TAG,
       query=m.OfficesQuery, response=m.OfficesOut, auth=False, rate=RATE, errors_=(404,))
def offices(query):
    found = tools.offices_near(query.zip, query.limit)
    return m.OfficesOut(zip=query.zip, offices=[
        m.OfficeOut(**o.office, distance_miles=o.miles) for o in found])


@route(bp, "/benefits", summary="The benefits of registering", tag=TAG,
       query=m.LanguageQuery, response=m.BenefitsOut, auth=False, rate=RATE)
def benefits(query):
    return m.BenefitsOut(**tools.benefits(query.lang))

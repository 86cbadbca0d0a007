"""Public tools: no session, throttled per client address."""
from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from chalicelib import language
from chalicelib.clock import utc_now
from chalicelib.domain import wording
from chalicelib.domain.survey import THANKS
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import news, survey, terms, tools
from chalicelib.services.scope import Caller
from chalicelib.settings import get_settings

if TYPE_CHECKING:  # imported where it is used (cold start: 12 ms)
    from chalicelib.domain import support_guideline as guideline

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import tools as m
    from chalicelib.models.common import Accepted
else:
    m = lazy("tools")
    Accepted = lazy("common").Accepted

bp = Routes(__name__)
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


@route(bp, "/tools/arrears-chart", "POST",
       summary="Calculate Arrears Payment by the state's chart: the monthly catch-up for an "
               "income and arrears, and how long it takes with interest",
       tag=TAG, body=m.ArrearsChartRequest, response=m.ArrearsChartOut, auth=False, rate=RATE)
def arrears_chart(body):
    found = tools.arrears_by_chart(body.adjusted_annual_income_cents, body.arrears_balance_cents)
    return m.ArrearsChartOut(
        outcome=found.answer.outcome, monthly_payment_cents=found.answer.monthly_cents,
        citation=found.citation, income_floor_cents=found.income_floor_cents,
        annual_interest_percent=f"{float(found.annual_interest_percent):g}",
        months=found.payoff.months if found.payoff else None,
        interest_cents=found.payoff.interest if found.payoff else None)


@route(bp, "/tools/support-estimate", "POST",
       summary="Estimate Child Support under the state's guideline, step by step",
       tag=TAG, body=m.SupportEstimateRequest, response=m.SupportEstimateOut, auth=False,
       rate=RATE, errors_=(404,))
def support_estimate(body):
    from chalicelib.domain import support_guideline as guideline  # cold start: 12 ms

    children = guideline.Children(
        primary_with_a=body.children_primary_with_a, primary_with_b=body.children_primary_with_b,
        shared=body.children_shared, third_party=body.children_with_third_party,
        shared_time_with_a=(None if body.shared_percent_with_a is None
                            else Fraction(body.shared_percent_with_a) / 100))
    incomes = {"a": _income(body.parent_a), "b": _income(body.parent_b)}
    rule, result = tools.support_estimate(children, incomes, body.as_of, utc_now())
    lang = language.current()
    figures = result.figures
    return m.SupportEstimateOut(
        guideline=m.GuidelineFiguresOut(
            guideline=rule["guideline"], effective=figures.effective, source=rule["source"],
            income_cap_cents=figures.income_cap, minimum_annual_cents=figures.minimum_annual),
        custody=result.custody, obligor=result.obligor, annual_support_cents=result.annual,
        monthly_support_cents=result.monthly, third_party_annual_cents=result.third_party,
        incomes={parent: m.AdjustedIncomeOut(
            total_income_cents=i.total, itemized_adjusted_income_cents=i.itemized,
            low_income_adjusted_income_cents=i.low_income,
            adjusted_annual_income_cents=i.adjusted, income_counted_cents=i.counted,
            deductions=[m.DeductionOut(name=d.name, rule=d.rule, description=d.description,
                                       claimed_cents=d.claimed, allowed_cents=d.allowed)
                        for d in i.deductions]) for parent, i in result.incomes.items()},
        steps=[m.EstimateStepOut(code=s.code, description=wording.estimate_step(s, lang),
                                 parent=s.parent, amount_cents=s.amount) for s in result.steps],
        note=wording.estimate_note(lang))


def _income(body) -> guideline.Income | None:
    from chalicelib.domain import support_guideline as guideline  # cold start: 12 ms

    if body is None:
        return None
    return guideline.Income(total=body.total_income_cents, **{
        name: getattr(body, f"{name}_cents") for name, _, _ in guideline.DEDUCTIONS})


@route(bp, "/resources", summary="Resource Programs, filterable by text", tag=TAG,
       query=m.ResourcesQuery, response=m.ResourcesOut, auth=False, rate=RATE)
def resources(query):
    return m.ResourcesOut(categories=tools.resources(query.q, language.current()))


@route(bp, "/offices", summary="The nearest agency offices to a ZIP code", tag=TAG,
       query=m.OfficesQuery, response=m.OfficesOut, auth=False, rate=RATE, errors_=(404,))
def offices(query):
    found = tools.offices_near(query.zip, query.limit)
    lang = language.current()
    return m.OfficesOut(zip=query.zip, offices=[
        m.OfficeOut(**tools.office_in(lang, o.office), distance_miles=o.miles) for o in found])


@route(bp, "/benefits", summary="The benefits of registering", tag=TAG,
       query=m.LanguageQuery, response=m.BenefitsOut, auth=False, rate=RATE)
def benefits(query):
    return m.BenefitsOut(**tools.benefits(query.lang))


@route(bp, "/portal", summary="Who runs this portal and what it offers (the web client's "
       "header, footer, Help, About and payment pages), in the asked language", tag=TAG,
       response=m.PortalOut, auth=False)
def portal():
    settings = get_settings()
    return m.PortalOut(agency_name=settings.agency_name, agency_phone=settings.agency_phone,
                       agency_state=settings.agency_state,
                       agency_timezone=settings.agency_timezone,
                       payments=settings.payment_processor not in ("none", ""),
                       sandbox=settings.payment_processor == "sandbox",
                       **tools.agency_content(language.current()))


def _news_out(item) -> "m.NewsOut":
    title, body = news.words(item, language.current())
    return m.NewsOut(news_id=item.news_id, title=title, body=body, posted_at=item.posted_at)


@route(bp, "/terms", summary="The terms and conditions, privacy policy and disclaimer in "
       "force, with their version", tag=TAG, response=m.TermsOut, auth=False, rate=RATE)
def terms_in_force():
    return m.TermsOut(version=terms.version(), documents=terms.documents(language.current()))


@route(bp, "/news", summary="The agency's latest news, newest first", tag=TAG,
       response=m.NewsListOut, auth=False, rate=RATE)
def latest_news():
    return m.NewsListOut(news=[_news_out(x) for x in news.latest()])


@route(bp, "/agency/news", "POST", summary="Post news: shown on the portal and emailed to "
       "the parents subscribed to news (by the work queue, after this answers)",
       tag="Agency", body=m.NewsIn, response=m.NewsOut, status=201, auth="staff",
       duty="casework")
def post_news(caller: Caller, body):
    return _news_out(news.post(caller, body.title, body.body, body.title_es, body.body_es,
                               utc_now()))


@route(bp, "/survey", "POST", summary="Answer the portal's short survey (anonymous: signed "
       "in or not, nothing says who)", tag=TAG, body=m.SurveyIn, response=Accepted,
       status=201, auth=False, limit="survey")
def answer_survey(body):
    survey.answer(body.rating, body.task, body.done, body.comments, language.current(),
                  utc_now())
    return Accepted(status="received", message=THANKS.get(language.current(), THANKS["en"]))


@route(bp, "/agency/survey", summary="A month of the short survey's answers, added up, with "
       "its newest comments", tag="Agency", query=m.SurveyMonth, response=m.SurveyReportOut,
       auth="staff", duty="feedback")
def survey_report(caller: Caller, query):
    made = survey.month_report(query.month)
    return m.SurveyReportOut(
        month=made.month, answers=made.answers, average_tenths=made.average_tenths,
        ratings=[m.RatingCount(rating=r, answers=n) for r, n in made.ratings.items()],
        tasks=made.tasks, done=made.done,
        comments=[m.SurveyComment(answered_at=c.answered_at, rating=c.rating, task=c.task,
                                  done=c.done, language=c.language, comments=c.comments or "")
                  for c in made.comments])

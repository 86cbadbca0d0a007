"""Web requests ("I Want To..."): the catalog, drafts, steps, submit, search, print."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Response

from chalicelib import language
from chalicelib.clock import utc_now
from chalicelib.domain import wording
from chalicelib.handlers.association import confirmation_out
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import codes, documents, printable, submissions
from chalicelib.services.scope import Caller
from chalicelib.services.search import find as find_words

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import submissions as m
else:
    m = lazy("submissions")

bp = Routes(__name__)
TAG = "Web requests"


@route(bp, "/request-types", summary="What I can ask for (the \"I Want To...\" tab)", tag=TAG,
       response=m.RequestTypesOut,
       permission="submissions")
def request_types(caller: Caller):
    # cold start: 40 ms (pydantic), when the catalog is first asked for
    from chalicelib.domain.web_requests import schema

    lang = language.current()

    def described(o):
        words = wording.request_type(o.type, lang)
        return m.RequestTypeOut(
            id=o.type.id, group=words.group, title=words.title, about=words.about,
            formal_title=o.type.formal or None, why_unavailable=o.why_not,
            filers=list(o.type.filers), needs_case=o.type.needs_case, available=o.available,
            cases=o.cases, processed_immediately=bool(o.type.on_submit),
            steps=[m.StepOut(id=s.id, title=words.steps[s.id], fields_schema=schema(s))
                   for s in o.type.steps])

    return m.RequestTypesOut(request_types=[described(o) for o in submissions.offered(caller)])


def _words(type_id: str):
    return wording.request_type(submissions.request_type(type_id), language.current())


def out(caller: Caller, s, now):
    problems = submissions.problems(s)
    suggested = submissions.prefill(caller, s) if s.status == "draft" else {}
    t = submissions.request_type(s.type)
    words = _words(s.type)
    return m.SubmissionOut(
        submission_id=s.submission_id, type=s.type, title=words.title,
        formal_title=t.formal or None,
        status=submissions.effective_status(s, now), case_id=s.case_id,
        created_at=s.created_at, updated_at=s.updated_at, expires_at=s.expires_at,
        submitted_at=s.submitted_at, confirmation_number=s.confirmation,
        submitted_by_logon=s.logon, note=s.note, decided_at=s.decided_at,
        ready_to_submit=s.status == "draft" and not problems, documents=attached(s),
        steps=[m.StepState(id=step.id, title=words.steps[step.id],
                           complete=step.id not in problems,
                           answers=s.answers.get(step.id), suggested=suggested.get(step.id),
                           problems=problems.get(step.id) if step.id in s.answers else None)
               for step in t.steps])


def attached(s):
    return [m.AttachedDocument(document_id=d.document_id, filename=d.filename,
                               content_type=d.content_type, size=int(d.size))
            for d in documents.listed(s.documents)]


def row(s, now, model=None, **extra):
    return (model or m.SubmissionRow)(
        submission_id=s.submission_id, type=s.type,
        title=_words(s.type).title,
        formal_title=submissions.request_type(s.type).formal or None,
        status=submissions.effective_status(s, now), case_id=s.case_id,
        confirmation_number=s.confirmation, created_at=s.created_at,
        submitted_at=s.submitted_at, expires_at=s.expires_at,
        updated_by_agency=bool(s.unseen_update), **extra)


@route(bp, "/submissions", "POST", summary="Start a request (a draft, kept 30 days)", tag=TAG,
       body=m.StartIn, response=m.SubmissionOut, status=201, errors_=(403, 404),
       permission="submissions")
def start(caller: Caller, body):
    now = utc_now()
    return out(caller, submissions.start(caller, body.type, body.case_id, now), now)


@route(bp, "/submissions", summary="Search my submissions, newest first", tag=TAG,
       query=m.SubmissionsQuery, response=m.SubmissionsOut,
       permission="submissions")
def search(caller: Caller, query):
    now = utc_now()
    found, cursor = submissions.search(caller, submissions.Search(
        type=query.type, status=query.status, since=query.since, until=query.until,
        confirmation=query.confirmation_number, limit=query.limit, cursor=query.cursor), now)
    return m.SubmissionsOut(submissions=[row(s, now) for s in found], next_cursor=cursor)


@route(bp, "/submissions/{submission_id}", summary="A request: its steps, answers and "
       "what is missing (the review)", tag=TAG, response=m.SubmissionOut, errors_=(404,),
       permission="submissions")
def detail(caller: Caller, submission_id: str):
    now = utc_now()
    return out(caller, submissions.detail(caller, submission_id, now), now)


@route(bp, "/submissions/{submission_id}/steps/{step_id}", "PUT",
       summary="Save a step of a draft (progress is kept)", tag=TAG, body=m.StepIn,
       response=m.SubmissionOut, errors_=(404, 409, 410),
       permission="submissions")
def save_step(caller: Caller, submission_id: str, step_id: str, body):
    now = utc_now()
    return out(caller, submissions.save_step(caller, submission_id, step_id, body.answers, now),
               now)


@route(bp, "/submissions/{submission_id}/submit", "POST",
       summary="Submit a draft: every step checked, a confirmation number given", tag=TAG,
       response=m.SubmissionOut, errors_=(403, 404, 409, 410, 422),
       permission="submissions")
def submit(caller: Caller, submission_id: str):
    now = utc_now()
    return out(caller, submissions.submit(caller, submission_id, now), now)


@route(bp, "/submissions/{submission_id}/documents", "POST",
       summary="Attach uploaded documents to a draft", tag=TAG, body=lazy("documents").AttachIn,
       response=m.SubmissionOut, errors_=(404, 409, 410),
       permission="submissions")
def attach_documents(caller: Caller, submission_id: str, body):
    now = utc_now()
    return out(caller, submissions.attach_documents(caller, submission_id, body.document_ids,
                                                    now), now)


@route(bp, "/submissions/{submission_id}", "DELETE", summary="Delete a draft", tag=TAG,
       status=204, errors_=(404, 409),
       permission="submissions")
def discard(caller: Caller, submission_id: str) -> None:
    submissions.discard(caller, submission_id, utc_now())


def _printout(caller: Caller, submission_id: str):
    now = utc_now()
    s = submissions.detail(caller, submission_id, now)
    return printable.of_submission(s, submissions.request_type(s.type),
                                   submissions.effective_status(s, now))


@route(bp, "/submissions/{submission_id}/printable", summary="Printable view (HTML)",
       tag=TAG, errors_=(404,),
       permission="submissions")
def printable_html(caller: Caller, submission_id: str) -> Response:
    return Response(printable.html(_printout(caller, submission_id)),
                    headers={"Content-Type": "text/html; charset=utf-8"})


@route(bp, "/codes/redeem", "POST", summary="Redeem a code the agency sent: it links my "
       "logon or opens the request it was issued for", tag=TAG, body=m.RedeemIn,
       response=m.RedeemedOut, status=201, errors_=(409, 429), rate=(10, 3600),
       permission="submissions")
def redeem(caller: Caller, body):
    now = utc_now()
    done = codes.redeem(caller, body.code, now)
    if done.opened == "association" and done.confirmation is not None:
        return m.RedeemedOut(opened="association",
                             association=confirmation_out(done.confirmation).model_dump(
                                 mode="json"))
    return m.RedeemedOut(opened="submission", submission=out(caller, done.submission, now))


@route(bp, "/search", summary="What are you looking for? The request types I may file, "
       "the Resource Programs, my requests and my messages that hold the words",
       tag=TAG, query=m.SearchQuery, response=m.SearchOut)
def search_all(caller: Caller, query):
    return m.SearchOut(results=[m.FoundOut(**f.__dict__) for f in find_words(
        caller, query.q, language.current(), utc_now())])

"""Web requests: the catalog, drafts and their steps, submissions, the staff worklist."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.models.common import Body, Day, Out

Status = Literal["draft", "submitted", "in_review", "approved", "denied", "expired"]
TYPE_ID = r"^[a-z_]{3,40}$"


class StepOut(Out):
    id: str
    title: str
    fields_schema: dict[str, Any] = Field(description="JSON Schema of the step's fields")


class RequestTypeOut(Out):
    id: str
    group: str = Field(description="by what a person wants: Payments, My case, My information")
    title: str = Field(description="its name in plain words, in the reader's language")
    formal_title: str | None = Field(None, description="the agency's own name of the form, "
                                     "where it is not the plain one (for staff)")
    about: str
    filers: list[str]
    needs_case: bool
    available: bool = Field(description="Whether I may file it now")
    why_unavailable: Literal["not_linked", "paying_parent_only", "receiving_parent_only"] | None = (
        Field(None, description="why not, when it is not available"))
    cases: list[str] = Field(description="The cases I may file it for (when it needs one)")
    processed_immediately: bool
    steps: list[StepOut]


class RequestTypesOut(Out):
    request_types: list[RequestTypeOut]


class StartIn(Body):
    type: str = Field(pattern=TYPE_ID)
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")


class StepIn(Body):
    answers: dict[str, Any] = Field(description="The step's fields (see its schema)")


class StepState(Out):
    id: str
    title: str
    complete: bool
    answers: dict[str, Any] | None = None
    suggested: dict[str, Any] | None = Field(None, description="Filled in from my profile")
    problems: dict[str, str] | None = None


class AttachedDocument(Out):
    document_id: str
    filename: str
    content_type: str
    size: int


class SubmissionOut(Out):
    submission_id: str
    type: str
    title: str
    formal_title: str | None = Field(None, description="the agency's own name of the form, "
                                     "where it is not the plain one")
    status: Status
    case_id: str | None = None
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None
    submitted_at: datetime | None = None
    confirmation_number: str | None = None
    submitted_by_logon: str | None = None
    note: str | None = None
    decided_at: datetime | None = None
    ready_to_submit: bool
    steps: list[StepState]
    documents: list[AttachedDocument] = []


class SubmissionRow(Out):
    submission_id: str
    type: str
    title: str
    formal_title: str | None = Field(None, description="the agency's own name of the form, "
                                     "where it is not the plain one")
    status: Status
    case_id: str | None = None
    confirmation_number: str | None = None
    created_at: datetime
    submitted_at: datetime | None = None
    expires_at: datetime | None = None
    updated_by_agency: bool = False


class SubmissionsQuery(Body):
    type: str | None = Field(None, pattern=TYPE_ID)
    status: Status | None = None
    since: Day | None = Field(None, description="Started on or after this date")
    until: Day | None = Field(None, description="Started on or before this date")
    confirmation_number: str | None = Field(None, pattern=r"^[0-9]-[0-9]{3}-[0-9]{3}-[0-9]{3}$")
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=600)


class SubmissionsOut(Out):
    submissions: list[SubmissionRow]
    next_cursor: str | None = None


class WorklistQuery(Body):
    status: Literal["submitted", "in_review", "to_record"] = Field("submitted", description=(
        "the queue: received, in review, or changes done at once (a change of address) "
        "the agency has still to record in its own system"))
    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=800)


class WorkItem(SubmissionRow):
    member_id: str | None = None
    to_record: bool = Field(False, description=(
        "done at once, and not yet marked recorded in the agency's own system"))
    submitted_by_logon: str | None = None
    note: str | None = None
    answers: dict[str, Any]
    documents: list[AttachedDocument] = []


class WorklistOut(Out):
    submissions: list[WorkItem]
    next_cursor: str | None = None


class DecisionIn(Body):
    status: Literal["in_review", "approved", "denied"]
    note: str | None = Field(None, min_length=1, max_length=2000,
                             description="Shown to the parent; required to deny")


class RedeemIn(Body):
    code: str = Field(min_length=12, max_length=20)


class RedeemedOut(Out):
    opened: Literal["association", "submission"]
    association: Any | None = Field(None, description="The confirmation, when the code "
                                                      "linked my logon")
    submission: SubmissionOut | None = Field(None, description="The draft the code opened")


class RequestCodeIn(Body):
    request_type: str = Field(pattern=TYPE_ID)
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict, description=(
        "Steps filled in ahead, by step id"))
    days_valid: int = Field(30, ge=1, le=90)


class RequestCodeOut(Out):
    code: str
    member_id: str
    request_type: str
    expires_at: datetime


class SearchQuery(Body):
    q: str = Field(min_length=1, max_length=100, description="the words to look for")


class FoundOut(Out):
    kind: Literal["request_type", "resource", "request", "message"]
    title: str
    link: str = Field(description="the portal page (or the resource's own site) it is on")
    detail: str | None = None


class SearchOut(Out):
    results: list[FoundOut]

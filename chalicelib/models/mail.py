"""Messages and letters."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from chalicelib.models.common import AddressOut, Body, Out

DocumentIds = Annotated[list[str], Field(max_length=10,
                                         description="Uploaded documents to attach")]


class MessageIn(Body):
    subject: str = Field(min_length=1, max_length=120)
    body: str = Field(min_length=1, max_length=5000)
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")
    document_ids: DocumentIds = []


class ReplyIn(Body):
    body: str = Field(min_length=1, max_length=5000)
    document_ids: DocumentIds = []


class StaffMessageIn(MessageIn):
    pass


class ThreadRow(Out):
    thread_id: str
    subject: str
    case_id: str | None = None
    started_at: datetime
    last_at: datetime
    unread: int


class InboxOut(Out):
    unread: int
    threads: list[ThreadRow]


class MessageOut(Out):
    sender: Literal["parent", "agency"]
    body: str
    at: datetime
    document_ids: list[str]


class ThreadOut(ThreadRow):
    messages: list[MessageOut]


class StaffThreadOut(ThreadOut):
    parent_name: str = Field(description="who the thread is with (empty if the profile is gone)")
    member_id: str | None = Field(None, description="their member number, once linked")


class PageQuery(Body):
    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=800)


class AwaitingQuery(PageQuery):
    mine: bool = Field(False, description=(
        "only the threads about cases assigned to me (my queue first)"))


class AwaitingRow(ThreadRow):
    user_id: str
    waiting_since: datetime
    parent_name: str = Field("", description="who the thread is with (empty if the profile is gone)")
    member_id: str | None = None


class AwaitingOut(Out):
    threads: list[AwaitingRow]
    next_cursor: str | None = None


class LetterOut(Out):
    letter_id: str
    title: str
    case_id: str | None = None
    posted_at: datetime
    read_at: datetime | None = None
    mailed_at: datetime | None = Field(None, description="when a paper copy was mailed")


class MailingRow(LetterOut):
    member_id: str
    document_id: str
    name: str | None = Field(None, description="the member's name on record")
    mailing_address: AddressOut | None = Field(None, description=(
        "where to mail it: the member's mailing address on record now"))


class MailingOut(Out):
    letters: list[MailingRow]
    next_cursor: str | None = None


class LettersOut(Out):
    unread: int
    letters: list[LetterOut]


class OpenedLetterOut(LetterOut):
    download_url: str = Field(description="The PDF; works for one minute")


class LetterIn(Body):
    title: str = Field(min_length=1, max_length=120)
    document_id: str = Field(min_length=1, max_length=40, description="A PDF you uploaded")
    case_id: str | None = Field(None, pattern=r"^[0-9]{6,12}$")
    fee_account: str | None = Field(None, pattern=r"^[0-9-]{6,30}$", description=(
        "a letter about one of the member's fee accounts: its mail settings apply"))

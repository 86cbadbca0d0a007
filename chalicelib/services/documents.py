"""Supporting documents: a parent (or staff) asks to upload a file, posts it straight to
S3 with the presigned form (its policy holds the type and size), then tells the portal
it is done; only then, after the portal has seen the object, checked its size and its
first bytes, is the document recorded as ready. A ready document is attached once, to a
request, a message or a letter, and from then on opens for those allowed to see that
record: its parent and agency staff, through a link that works for a minute.

The bucket is versioned: the version the portal checked is recorded and is the one every
link opens, so a file sent again with the same form (it lasts 5 minutes) replaces
nothing. GuardDuty Malware Protection scans each upload and tags it: a document reaches
anyone but its uploader only once tagged NO_THREATS_FOUND, and one found to hold a
threat opens for no one (DOCUMENT_SCANNING=off, local runs and tests, takes each upload
as scanned)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.dal import documents as store
from chalicelib.dal import messages as threads
from chalicelib.dal import submissions as submission_store
from chalicelib.dal.documents import Document
from chalicelib.domain import documents as rules
from chalicelib.domain import staff_roles
from chalicelib.errors import Conflict, Gone, InvalidInput, NotFound
from chalicelib.integrations import documents as s3
from chalicelib.services.scope import Caller, current_user, in_scope
from chalicelib.settings import get_settings

MAX_PER_RECORD = 10


@dataclass(frozen=True)
class Upload:
    document: Document
    form: dict[str, Any]


def start_upload(caller: Caller, filename: str, content_type: str, size: int,
                 now: datetime) -> Upload:
    problems = rules.problems(content_type, size)
    if problems:
        raise InvalidInput(fields=problems)
    document = Document(secrets.token_hex(12), owner=caller.user_id, status="pending",
                        filename=rules.clean_filename(filename), content_type=content_type,
                        size=size, created_at=now, ttl=store.expiry(now))
    store.create(document)
    return Upload(document, s3.upload_form(document.key, content_type, rules.MAX_BYTES))


def complete(caller: Caller, document_id: str) -> Document:
    """Records the upload once the object is in S3 and is what it claims to be."""
    document = _own(caller, document_id)
    if document.status == "ready":
        return document
    found = s3.stored(document.key)
    if found is None:
        raise Conflict("The file has not arrived yet. Upload it with the form, then try "
                       "again.", code="upload_missing")
    problem = None
    if found.size > rules.MAX_BYTES:
        problem = {"size": "A file may be up to 10 MB."}
    elif (found.content_type != document.content_type
          or not rules.is_really(document.content_type, found.head)):
        problem = {"content_type": "The file is not the PDF, JPEG or PNG it was said to be."}
    if problem:
        s3.remove(document.key, found.version_id)
        store.remove(document)
        raise InvalidInput("The file was refused.", code="document_refused", fields=problem)
    store.mark_ready(document, found.size, found.version_id)
    return store.get(document_id) or document


def attach(owner_id: str, document_ids: list[str], target: str,
           only: tuple[str, ...] | None = None) -> None:
    """Attaches the owner's ready documents to a record; refuses any that is not (or is
    not of the `only` types)."""
    if len(set(document_ids)) > MAX_PER_RECORD:
        raise InvalidInput(fields={"document_ids": f"Attach up to {MAX_PER_RECORD} files."})
    for document_id in dict.fromkeys(document_ids):
        found = store.get(document_id) if only else None
        if only and (found is None or found.content_type not in only):
            raise InvalidInput("A letter is a PDF.", code="document_unavailable",
                               fields={"document_ids": document_id})
        if not store.attach(document_id, owner_id, target):
            raise InvalidInput("A document is not yours, not uploaded yet or already "
                               "attached elsewhere.", code="document_unavailable",
                               fields={"document_ids": document_id})


def listed(document_ids: list[str]) -> list[Document]:
    return [d for d in (store.get(i) for i in document_ids or []) if d is not None]


def open_link(caller: Caller, document_id: str) -> tuple[Document, str]:
    """The document and a one-minute link, for its uploader, its record's parent or staff."""
    document = store.get(document_id)
    if document is None or document.status != "ready" or not _may_read(caller, document):
        raise NotFound("That document was not found.", code="document_not_found")
    _cleared(caller, document)
    return document, s3.download_url(document.key, document.filename, document.content_type,
                                     document.version_id)


CLEAN = "NO_THREATS_FOUND"


def _cleared(caller: Caller, document: Document) -> None:
    """Refuses a document GuardDuty found a threat in (to everyone), and one it has not
    found clean (to everyone but its uploader, whose own file it is)."""
    result = _scan_result(document)
    if result == "THREATS_FOUND":
        raise Gone("This document was found to hold a virus or other threat, so it cannot "
                   "be opened. Send another copy of it.", code="document_blocked")
    if result == CLEAN or document.owner == caller.user_id:
        return
    if result is None:
        raise Conflict("This document is still being checked for viruses. Try again in a "
                       "few minutes.", code="document_scanning")
    raise Conflict("This document could not be checked for viruses, so it cannot be opened "
                   "here. Ask for another copy.", code="document_unscanned")


def _scan_result(document: Document) -> str | None:
    """GuardDuty's verdict on the checked version: read from its tag until there is one,
    then kept on the record (one S3 request per read only while it is being scanned)."""
    if get_settings().document_scanning == "off":
        return CLEAN
    if document.verdict:
        return document.verdict
    found = s3.scan_result(document.key, document.version_id)
    if found:
        store.record_scan(document.document_id, found)
    return found


# what a delegate's grant must hold to read a document attached to each kind of record:
# the same as the record's own routes
NEEDS = {"message": "messages", "letter": "messages", "submission": "submissions"}


def _may_read(caller: Caller, document: Document) -> bool:
    """Staff; or the record's parent, as the record's own routes decide: a delegate needs
    the record's permission and its case in the grant's scope."""
    if staff_roles.may(caller.role, "casework"):
        return True
    kind, _, rest = (document.attached_to or "").partition(":")
    who, _, record_id = rest.partition(":")
    if kind not in NEEDS:  # not attached yet: its uploader's alone
        return document.owner == caller.user_id and (
            caller.may("messages") or caller.may("submissions"))
    if not caller.may(NEEDS[kind]):
        return False
    if kind == "letter":  # the logon read with the session (or the parent a helper acts for)
        return current_user(caller).member_id == who
    if who != caller.user_id:
        return False
    record = (threads.thread(who, record_id) if kind == "message"
              else submission_store.get(who, record_id))
    return record is not None and in_scope(record.case_id)


def _own(caller: Caller, document_id: str) -> Document:
    document = store.get(document_id)
    if document is None or document.owner != caller.user_id:
        raise NotFound("That document was not found.", code="document_not_found")
    return document

"""Supporting documents: upload straight to S3, record, open."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import documents
from chalicelib.services.scope import Caller

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import documents as m
else:
    m = lazy("documents")

bp = Routes(__name__)
TAG = "Documents"


def out(d, model=None, **extra):
    return (model or m.DocumentOut)(document_id=d.document_id, filename=d.filename,
                                    content_type=d.content_type, size=int(d.size),
                                    status=d.status, **extra)


@route(bp, "/documents", "POST", summary="Start an upload: a form to post the file to S3",
       tag=TAG, body=m.UploadIn, response=m.UploadOut, status=201, rate=(60, 3600),
       permission=("submissions", "messages"))
def start_upload(caller: Caller, body):
    made = documents.start_upload(caller, body.filename, body.content_type, body.size,
                                  utc_now())
    return out(made.document, m.UploadOut, upload=m.UploadForm(**made.form))


@route(bp, "/documents/{document_id}/complete", "POST",
       summary="Record an upload once the file is in S3 (checked: size and type)", tag=TAG,
       response=m.DocumentOut, errors_=(404, 409, 422),
       permission=("submissions", "messages"))
def complete(caller: Caller, document_id: str):
    return out(documents.complete(caller, document_id))


@route(bp, "/documents/{document_id}", summary="A document and a one-minute link to open it",
       tag=TAG, response=m.DownloadOut, errors_=(404,),
       permission=("view", "submissions", "messages"))
def open_document(caller: Caller, document_id: str):
    document, url = documents.open_link(caller, document_id)
    return out(document, m.DownloadOut, download_url=url)

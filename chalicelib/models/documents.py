"""Documents: upload forms, uploaded files, download links."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.models.common import Body, Out


class UploadIn(Body):
    filename: str = Field(min_length=1, max_length=200)
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    size: int = Field(strict=True, ge=1, le=10 * 1024 * 1024, description="Bytes, at most 10 MB")


class UploadForm(Out):
    url: str
    fields: dict[str, str]


class DocumentOut(Out):
    document_id: str
    filename: str
    content_type: str
    size: int
    status: Literal["pending", "ready"]


class UploadOut(DocumentOut):
    upload: UploadForm = Field(description="POST these fields and then the file (as `file`) "
                                           "to the url, as multipart/form-data, within 15 "
                                           "minutes; then call .../complete")


class DownloadOut(DocumentOut):
    download_url: str = Field(description="Works for one minute")


class AttachIn(Body):
    document_ids: list[str] = Field(min_length=1, max_length=10)

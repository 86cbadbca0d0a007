"""What the portal accepts as a document: PDF, JPEG or PNG, up to 10 MB, and a file whose
first bytes say it is the type it claims."""
from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {"application/pdf": (b"%PDF-",), "image/jpeg": (b"\xff\xd8\xff",),
              "image/png": (b"\x89PNG\r\n\x1a\n",)}
TYPES = tuple(SIGNATURES)


def problems(content_type: str, size: int) -> dict[str, str]:
    found = {}
    if content_type not in SIGNATURES:
        found["content_type"] = "Upload a PDF, JPEG or PNG file."
    if not 1 <= size <= MAX_BYTES:
        found["size"] = "A file may be up to 10 MB."
    return found


def is_really(content_type: str, head: bytes) -> bool:
    """Whether the file starts as its type must (a renamed file does not)."""
    return any(head.startswith(s) for s in SIGNATURES.get(content_type, ()))


def clean_filename(name: str) -> str:
    """The name without a path, odd characters or more than 100 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if c.isalnum() or c in " ._-()").strip(" .")
    return kept[:100] or "document"

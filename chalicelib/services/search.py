"""Search ("What are you looking for?"): the words a parent types, found in the request
types they can file, the Resource Programs, their own requests and their messages, in
the language they read (accents aside). The client adds its own pages. A read model
over the services it reads, as the Action Center is; nothing imports it but its handler.
Two queries of the parent's own partitions, never a scan."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from chalicelib.domain import wording
from chalicelib.services import messages, submissions, tools
from chalicelib.services.scope import Caller

if TYPE_CHECKING:
    from chalicelib.domain.web_requests import RequestType

MOST = 10  # of each kind


@dataclass(frozen=True)
class Found:
    kind: str  # request_type | resource | request | message
    title: str
    link: str
    detail: str | None = None


def folded(text: str) -> str:
    """Lower case, accents off: "Dirección" finds "direccion" and the other way round."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


def _has(words: list[str], *texts: str | None) -> bool:
    found = folded(" ".join(t for t in texts if t))
    return all(w in found for w in words)


def find(caller: Caller, text: str, language: str, now: datetime) -> list[Found]:
    words = folded(text).split()
    if not words:
        return []
    found: list[Found] = []
    for offer in submissions.offered(caller):
        t = cast("RequestType", offer.type)
        said = wording.request_type(t, language)
        if offer.available and _has(words, said.title, said.about, t.title, *t.keywords):
            found.append(Found("request_type", said.title, f"/i-want-to#type-{t.id}",
                               said.about))
    found = found[:MOST]
    resources = [Found("resource", link["name"], link["url"], link["description"])
                 for category in tools.resources(None, language) for link in category["links"]
                 if _has(words, category["category"], link["name"], link["description"])]
    found += resources[:MOST]
    mine, _ = submissions.search(caller, submissions.Search(limit=100), now)
    titled = [(wording.request_type(submissions.request_type(s.type), language).title, s)
              for s in mine]
    requests = [Found("request", title, f"/submissions/{s.submission_id}", s.confirmation)
                for title, s in titled if _has(words, title, s.confirmation)]
    found += requests[:MOST]
    threads = [Found("message", t.subject or "", f"/messages/{t.thread_id}", t.case_id)
               for t in messages.inbox(caller) if _has(words, t.subject, t.case_id)]
    return found + threads[:MOST]

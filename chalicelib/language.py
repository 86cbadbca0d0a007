"""The language of the request being answered: English unless the client asks for
Spanish in Accept-Language (the web client always says which). The router sets it at
the start of every request; jobs and emails use each person's own language instead."""
from __future__ import annotations

from contextvars import ContextVar

LANGUAGES = ("en", "es")
_current: ContextVar[str] = ContextVar("language", default="en")
_asked: ContextVar[bool] = ContextVar("language_asked", default=False)


def current() -> str:
    return _current.get()


def asked_for() -> str | None:
    """The language the request asked for, if it named one (else None: a person's own
    language then, as a job would)."""
    return _current.get() if _asked.get() else None


def use(value: str, asked: bool = False) -> None:
    _current.set(value if value in LANGUAGES else "en")
    _asked.set(asked)


def from_header(header: str | None) -> str:
    """The preferred of English and Spanish in an Accept-Language header."""
    best, best_q = "en", 0.0
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        base = tag.strip().lower().split("-")[0]
        if base not in LANGUAGES:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = base, q
    return best

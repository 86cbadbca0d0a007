"""The terms and conditions, privacy policy and disclaimer: the state's data file
(data/<state>/terms.json) in each language, with a version. Registration records the
version accepted; a logon that accepted an earlier one is asked again (`outdated`)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.dal import users
from chalicelib.dal.users import User
from chalicelib.errors import Conflict
from chalicelib.services import activity
from chalicelib.services.state_data import state_data


def version() -> str:
    found: str = state_data("terms")["version"]
    return found


def documents(language: str) -> list[dict[str, Any]]:
    """Each document's id, title, intro and sections, in the language (else English)."""
    return [{"id": d["id"], **(d.get(language) or d["en"])}
            for d in state_data("terms")["documents"]]


def outdated(user: User) -> bool:
    """A parent who has not accepted the terms in force (staff accept theirs apart)."""
    return user.terms_version != version()


def accept(user: User, accepted: str, now: datetime, client: str | None) -> None:
    """The terms in force accepted; an earlier version (a page read before a change) is
    a 409, so that what was accepted is what is recorded."""
    if accepted != version():
        raise Conflict("The terms changed since you opened them. Read them again.",
                       code="terms_changed")
    if user.terms_version != accepted:
        users.accept_terms(user, accepted, now)
        activity.record(user.user_id, "terms_accepted", now, client=client, version=accepted)

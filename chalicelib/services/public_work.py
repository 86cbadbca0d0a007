"""A public request's work, done after it answered (docs/design.md, "No account
enumeration"). Register, resend, forgot, the association PIN and a wrong password at
sign-in each write one outbox item naming their work and answer at once, the same answer
in the same time whatever the work will find; the work queue's function then decides: is
there a logon with that address, a member with that name? and queues what to send (or
records what happened). The item goes the mail worker's way (the outbox's stream, then a
queue: services/delivery.py), to its own queue and function, which has the API's
permissions rather than the mail worker's."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from chalicelib.dal import outbox, users
from chalicelib.errors import DomainError
from chalicelib.observability import logger
from chalicelib.services import (
    association,
    case_numbers,
    news,
    password_reset,
    registration,
    signin,
    usernames,
)

WORK: dict[str, Callable[[dict[str, Any], datetime], Any]] = {
    "register": lambda v, now: registration.decide(users.from_text(v["user"]), now),
    "resend": lambda v, now: registration.resend_verification(v["email"], now),
    "forgot": lambda v, now: password_reset.forgot(v["email"], now),
    "sign_in_failed": lambda v, now: signin.record_failure(v["email"], v["client"], now),
    "pin": lambda v, now: association.send_pin(v["user_id"], association.PinAsk(
        v["member_id"], v["case_id"], v["last_name"], v["date_of_birth"], v["email"]),
        v["challenge_id"], now),
    "case_numbers": lambda v, now: case_numbers.send(v["ssn_hashes"], v["date_of_birth"],
                                                     v["zip"], v["language"], now),
    "username": lambda v, now: usernames.send(v["member_id"], v["case_id"], v["last_name"],
                                              v["date_of_birth"], v["language"], now),
    # not a public request's: the agency's news to its subscribers, a page at a time
    "news": lambda v, now: news.send_page(v["news_id"], v.get("cursor"), now),
}


def run(item: outbox.Mail, now: datetime) -> None:
    """Does the item's work. A refusal of the service's (a lock reached) ends it: the
    person hears of it at their next request. DynamoDB busy (DataError) is raised, and
    the item is tried again later."""
    kind = item.template.removeprefix(outbox.WORK_TEMPLATE)
    work = WORK.get(kind)
    if work is None:
        logger.error("unknown public work", extra={"kind": kind})
        return
    try:
        work(item.values(), now)
    except DomainError as error:
        logger.info("public work refused", extra={"kind": kind, "code": error.code})

"""A public request's work, done after it answered (docs/design.md, "No account
enumeration"). Register, resend, forgot, the association PIN and a wrong password at
sign-in each write one outbox item naming their work and answer at once, the same answer
in the same time whatever the work will find; the work queue's function then decides: is
there a logon with that address, a member with that name? and queues what to send (or
records what happened). The item goes the mail
worker's way (the outbox's stream, then a queue: services/delivery.py), to its own queue
and function, which has the API's permissions rather than the mail worker's."""
from __future__ import annotations

from datetime import datetime

from chalicelib.dal import outbox, users
from chalicelib.errors import DomainError
from chalicelib.observability import logger
from chalicelib.services import association, password_reset, registration, signin


def run(item: outbox.Mail, now: datetime) -> None:
    """Does the item's work. A refusal of the service's (a lock reached) ends it: the
    person hears of it at their next request. DynamoDB busy (DataError) is raised, and
    the item is tried again later."""
    kind, values = item.template.removeprefix(outbox.WORK_TEMPLATE), item.values()
    try:
        if kind == "register":
            registration.decide(users.from_text(values["user"]), now)
        elif kind == "resend":
            registration.resend_verification(values["email"], now)
        elif kind == "forgot":
            password_reset.forgot(values["email"], now)
        elif kind == "sign_in_failed":
            signin.record_failure(values["email"], values["client"], now)
        elif kind == "pin":
            association.send_pin(values["user_id"], values["member_id"], values["case_id"],
                                 values["last_name"], values["challenge_id"], now)
        else:
            logger.error("unknown public work", extra={"kind": kind})
    except DomainError as error:
        logger.info("public work refused", extra={"kind": kind, "code": error.code})

"""What a person is told when the store fails a request that no service expected to
fail: busy (503, nothing was changed, try again in a moment), or changed by another
request first (409, look again and retry). Anything else is a bug: it is not put into
words here and stays a 500."""
from __future__ import annotations

from chalicelib.dal.errors import Busy, ChangedMeanwhile, DataError, Stale
from chalicelib.errors import Conflict, DomainError, Unavailable
from chalicelib.observability import logger

__all__ = ["DataError", "in_words"]


def in_words(error: DataError) -> DomainError | None:
    """The domain error to answer for a data error, or None when there is none."""
    if isinstance(error, Busy):
        logger.warning("dynamodb busy", extra={"code": str(error)})
        return Unavailable("The service is busy. Nothing was changed: try again in a moment.",
                           code="service_busy")
    if isinstance(error, Stale):
        return Conflict()
    if isinstance(error, ChangedMeanwhile):
        logger.warning("write lost a race", extra={"code": str(error)})
        return Conflict("This changed while we were saving it. Look again and retry.",
                        code="changed_meanwhile")
    return None

"""What a person is told when the store fails a request that no service expected to
fail: busy (503: nothing was changed, try again in a moment; or, when the request had
already saved part of what it does, what to look at before trying again), or changed by
another request first (409, look again and retry). Anything else is a bug: it is not put
into words here and stays a 500."""
from __future__ import annotations

from chalicelib.dal.base import changes_made
from chalicelib.dal.errors import Busy, ChangedMeanwhile, DataError, Stale
from chalicelib.errors import Conflict, DomainError, Unavailable
from chalicelib.observability import logger

__all__ = ["DataError", "Progress", "in_words"]

NOTHING_CHANGED = ("unavailable", "service_busy")  # answers that say "try it again"


class Progress:
    """Whether a request has saved anything since it started (dal.base counts writes)."""

    def __init__(self) -> None:
        self.start = changes_made()

    def saved_some(self) -> bool:
        return changes_made() > self.start

    def honest(self, error: DomainError, check: str) -> DomainError:
        """The error, unless it says "nothing was changed, try again" of a request that
        had saved part of what it does: then what to look at first (`check`)."""
        if error.code not in NOTHING_CHANGED or not self.saved_some():
            return error
        logger.warning("request failed part-way", extra={"code": error.code})
        return Unavailable(f"The service is busy and part of this was saved before it "
                           f"stopped. Look at {check} before you try again.",
                           code="partly_saved")


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

"""Authenticator-app codes for tests, as a person's phone shows them: each step's code
is accepted once, and the steps either side of now are accepted too (domain/totp.py), so
up to three sign-ins in 30 seconds go through without waiting."""
from __future__ import annotations

import time

import pyotp

from chalicelib.clock import utc_now
from chalicelib.domain import totp

_last: dict[str, int] = {}  # secret: the last step this process used
# the step before now is taken only while this much of the current step is left: the
# server stops taking it when the step ends, and a request under a real clock (a test
# without the frozen one) that crossed the boundary failed with invalid_code (make test)
MARGIN_SECONDS = 5


def fresh(secret: str, wait: bool = False) -> str:
    """A code of the app that has not been used yet; with `wait` (a real clock: the local
    stack's), never the step before now, which the server stops taking when the current
    step ends, perhaps before a slow browser sends it (a busy test run failed so), and
    waits for the next step when the current and the next were used."""
    moment = utc_now()
    now = totp.step_of(moment)
    left = totp.STEP_SECONDS - moment.timestamp() % totp.STEP_SECONDS
    first = now if wait or left < MARGIN_SECONDS else now - totp.DRIFT_STEPS
    steps = range(first, now + totp.DRIFT_STEPS + 1)
    step = next((s for s in steps if s > _last.get(secret, 0)), None)
    if step is None and wait:
        time.sleep(totp.STEP_SECONDS - time.time() % totp.STEP_SECONDS + 0.1)
        return fresh(secret)
    assert step is not None, "three codes used in 30 seconds: move the clock"
    _last[secret] = step
    return pyotp.TOTP(secret).generate_otp(step)

"""The tests' authenticator-app codes (tests/app_codes.py) take the step before now only
while enough of the current step is left for the server to take it: near the step's end
a code of the current step is given (a real-clock test failed with invalid_code when its
request crossed the boundary)."""
from datetime import datetime, timezone

import pyotp
import time_machine

from chalicelib.domain import totp
from tests import app_codes

SECRET = pyotp.random_base32()


def _code_at(second: int) -> tuple[str, int]:
    moment = datetime(2026, 3, 2, 16, 0, second, tzinfo=timezone.utc)
    app_codes._last.pop(SECRET, None)  # noqa: SLF001  (a new app)
    with time_machine.travel(moment, tick=False):
        return app_codes.fresh(SECRET), totp.step_of(moment)


def test_the_step_before_now_only_while_the_server_will_take_it():
    early, now = _code_at(1)  # 29 s of the step left
    assert early == pyotp.TOTP(SECRET).generate_otp(now - 1)
    late, now = _code_at(28)  # 2 s left: the step before would end before it is checked
    assert late == pyotp.TOTP(SECRET).generate_otp(now)

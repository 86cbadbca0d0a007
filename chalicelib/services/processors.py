"""Which payment processor this stage uses (PAYMENT_PROCESSOR): the sandbox, the ACH
rail through the agency's bank (its settings from the state's data, ach.json), or none
(prod's default until the agency names one: no money can move, so nothing is taken)."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from chalicelib.errors import Unavailable
from chalicelib.integrations.payments import Processor
from chalicelib.observability import logger
from chalicelib.services.state_data import state_data
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.domain.ach_rules import Rules


@cache
def ach_rules(state: str) -> Rules:
    # cold start: 7 ms (the rail's dates and the NACHA writer), on the ACH rail's stages only
    from chalicelib.domain.ach_rules import Rules

    return Rules.from_data(state_data("ach"))


def processor() -> Processor:
    name = get_settings().payment_processor
    if name == "sandbox":
        # cold start: 19 ms (the sandbox's table model), only on a sandbox stage
        from chalicelib.integrations.payments.sandbox import SandboxProcessor

        return SandboxProcessor()
    if name == "ach":
        from chalicelib.integrations.payments.ach import AchProcessor

        return AchProcessor(ach_rules(get_settings().agency_state))
    if name != "none":
        logger.error("unknown payment processor", extra={"processor": name})
    raise Unavailable("Online payments are not available. You can pay by mail or at an "
                      "office.", code="payments_unavailable")

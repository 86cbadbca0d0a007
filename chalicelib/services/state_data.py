"""The agency state's own figures and rules, as data under chalicelib/data/<state>/ (the
AGENCY_STATE setting names the state): a state that deploys the portal edits data, not
code."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib.domain.distribution import Rules
from chalicelib.domain.interest import InterestRule
from chalicelib.domain.ledger import CreditRule, rules_from
from chalicelib.errors import NotFound
from chalicelib.settings import get_settings

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _read(state: str, name: str) -> dict[str, Any]:
    path = DATA / state / f"{name}.json"
    if not path.exists():
        raise NotFound(f"No {name} are set up for {state}.", code="no_state_data")
    found: dict[str, Any] = json.loads(path.read_text())
    return found


def state_data(name: str) -> dict[str, Any]:
    """One of the state's data files, by name (read once)."""
    return _read(get_settings().agency_state, name)


def distribution_rules() -> tuple[Rules, CreditRule]:
    """The state's choices within the federal order of distribution, and what it does
    with a credit (data/<state>/distribution.json)."""
    return rules_from(state_data("distribution"))


def interest_rule() -> InterestRule:
    """The state's interest on arrears (distribution.json's `interest`), or none."""
    return InterestRule.from_data(state_data("distribution").get("interest"))

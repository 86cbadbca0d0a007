"""The agency state's own figures and rules, as data under chalicelib/data/<state>/ (the
AGENCY_STATE setting names the state): a state that deploys the portal edits data, not
code."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

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

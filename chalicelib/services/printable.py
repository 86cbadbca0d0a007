"""The printable view of a submission (Alaska's "Printable View"): a page of HTML to
print from the browser, whose print dialog also saves it as a PDF to keep."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chalicelib.clock import agency_time_text
from chalicelib.domain.money import display
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    import jinja2

    from chalicelib.dal.submissions import Submission
    from chalicelib.domain.web_requests import RequestType

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "print"
CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")
STATUS_WORDS = {"draft": "Draft (not submitted)", "submitted": "Received",
                "in_review": "In review", "approved": "Approved", "denied": "Denied",
                "expired": "Expired (not submitted)"}


@dataclass(frozen=True)
class Printout:
    title: str
    agency: str
    facts: list[tuple[str, str]]  # confirmation number, date received, logon, status
    sections: list[tuple[str, list[tuple[str, str]]]]  # step title, (label, value) rows


def of_submission(submission: Submission, request_type: RequestType, status: str) -> Printout:
    facts = [("Request", request_type.title), ("Status", STATUS_WORDS[status])]
    if submission.confirmation:
        facts += [("Confirmation number", submission.confirmation),
                  ("Date received", agency_time_text(submission.submitted_at)),
                  ("Submitted by logon", submission.logon or "")]
    if submission.case_id:
        facts.append(("Case ID", submission.case_id))
    if submission.note:
        facts.append(("Note from the agency", submission.note))
    sections = [(step.title, _rows(submission.answers.get(step.id) or {}))
                for step in request_type.steps]
    return Printout(request_type.title, get_settings().agency_name, facts, sections)


def _label(name: str) -> str:
    return name.removesuffix("_cents").replace("_", " ").capitalize()


def _value(name: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name.endswith("_cents") and isinstance(value, int):
        return display(value)
    if isinstance(value, dict):
        if {"line1", "city", "state", "zip"} <= value.keys():
            return ", ".join(p for p in (value["line1"], value.get("line2"), value["city"],
                                         f"{value['state']} {value['zip']}") if p)
        return "; ".join(f"{_label(k)}: {_value(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_value(name, v) for v in value)
    if isinstance(value, str) and CHOICE.fullmatch(value):  # a choice: no_longer_want
        return value.replace("_", " ")
    return str(value)


def _rows(answers: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_label(k), _value(k, v)) for k, v in answers.items()]


@cache
def _template() -> jinja2.Template:
    import jinja2  # cold start: 33 ms, at the first printout

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("submission.html")


def html(printout: Printout) -> str:
    return str(_template().render(p=printout))

"""The short survey: anyone answers it (signed in or not, nothing asks who); staff read
a month's answers added up, with its newest comments."""
from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib.dal import survey as store
from chalicelib.domain import survey
from chalicelib.domain.survey import Answer, Report


def answer(rating: int, task: str, done: str, comments: str | None, language: str,
           now: datetime) -> None:
    store.save(now.strftime("%Y-%m"), f"{now.isoformat()}#{secrets.token_hex(4)}", rating,
               task, done, (comments or "").strip() or None, language, now)


def month_report(month: str) -> Report:
    return survey.report(month, (
        Answer(int(a.rating), a.task, a.done, a.comments, a.language,
               a.answer_id.split("#", 1)[0]) for a in store.of_month(month)))

"""The short survey's answers, a partition a month (newest last): a month's report is
one Query, paged. Kept a year (TTL), as docs/security/retention.md says."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterator

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, table_name

KEEP = timedelta(days=366)


class SurveyAnswer(Model):
    class Meta(TableMeta):
        table_name = table_name("survey")

    month = UnicodeAttribute(hash_key=True)  # YYYY-MM
    answer_id = UnicodeAttribute(range_key=True)  # <answered at ISO>#<random>: by time
    rating = NumberAttribute()
    task = UnicodeAttribute()
    done = UnicodeAttribute()
    comments = UnicodeAttribute(null=True)
    language = UnicodeAttribute()
    expires = TTLAttribute()


@guarded
def save(month: str, answer_id: str, rating: int, task: str, done: str,
         comments: str | None, language: str, now: datetime) -> None:
    SurveyAnswer(month, answer_id, rating=rating, task=task, done=done, comments=comments,
                 language=language, expires=now + KEEP).save(
        condition=SurveyAnswer.answer_id.does_not_exist())


@guarded
def of_month(month: str) -> Iterator[SurveyAnswer]:
    """A month's answers, oldest first (the Query pages as it is read)."""
    return iter(SurveyAnswer.query(month))

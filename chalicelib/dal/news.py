"""News the agency posts: one partition, newest first (the portal shows the latest; the
parents subscribed to news are emailed each, a page of them at a time)."""
from __future__ import annotations

from typing import Sequence

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model

from chalicelib.dal import outbox
from chalicelib.dal.base import TableMeta, guarded, table_name
from chalicelib.dal.outbox import Mail

FEED = "FEED"


class NewsItem(Model):
    class Meta(TableMeta):
        table_name = table_name("news")

    feed = UnicodeAttribute(hash_key=True)  # FEED
    news_id = UnicodeAttribute(range_key=True)  # <posted YYYYmmddHHMMSS>-<random>: by time
    title = UnicodeAttribute()
    body = UnicodeAttribute()
    title_es = UnicodeAttribute(null=True)  # the Spanish, when the agency gave it
    body_es = UnicodeAttribute(null=True)
    posted_at = UTCDateTimeAttribute()
    posted_by = UnicodeAttribute()  # the staff user id


@guarded
def post(item: NewsItem, work: Sequence[Mail]) -> None:
    """The new item with the work that emails it, in one transaction."""
    outbox.save_new(item, NewsItem.news_id.does_not_exist(), work)


@guarded
def recent(limit: int) -> list[NewsItem]:
    return list(NewsItem.query(FEED, scan_index_forward=False, limit=limit))


@guarded
def get(news_id: str) -> NewsItem | None:
    try:
        return NewsItem.get(FEED, news_id, consistent_read=True)
    except DoesNotExist:
        return None

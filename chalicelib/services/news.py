"""The agency's news: staff post it, the portal shows the latest, and the parents who
subscribed to news are emailed it by the work queue, a page of them at a time (never
inside the staff member's request). Each email and each next page has a key, so work
run again after a failure sends nothing twice."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from chalicelib.dal import news as store
from chalicelib.dal import outbox, users
from chalicelib.dal.news import FEED, NewsItem
from chalicelib.services import notices
from chalicelib.services.scope import Caller

SHOWN = 5  # the latest items the portal shows
PAGE = 50  # subscribers emailed by one piece of work (with the next page's: one write)


def post(staff: Caller, title: str, body: str, title_es: str | None, body_es: str | None,
         now: datetime) -> NewsItem:
    item = NewsItem(FEED, f"{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}",
                    title=title, body=body, title_es=title_es, body_es=body_es,
                    posted_at=now, posted_by=staff.user_id)
    store.post(item, [notices.work("news", now, news_id=item.news_id)])
    return item


def latest() -> list[NewsItem]:
    return store.recent(SHOWN)


def words(item: NewsItem, language: str) -> tuple[str, str]:
    """The title and text in the language, when the agency gave it; else in English."""
    if language == "es" and item.title_es and item.body_es:
        return item.title_es, item.body_es
    return item.title, item.body


def send_page(news_id: str, cursor: str | None, now: datetime) -> None:
    """Emails one page of the subscribers, and leaves the work of the next page."""
    item = store.get(news_id)
    if item is None:
        return
    readers, following = users.news_readers(cursor, PAGE)
    mail = [notices.message(u, "news", now, key=f"news-{news_id}-{u.user_id}",
                            title=words(item, u.language)[0],
                            body=words(item, u.language)[1]) for u in readers]
    if following:
        page = hashlib.sha256(following.encode()).hexdigest()[:24]
        mail.append(notices.work("news", now, key=f"news-{news_id}-{page}",
                                 news_id=news_id, cursor=following))
    if mail:
        outbox.save_once(mail)

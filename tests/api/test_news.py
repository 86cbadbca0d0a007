"""The agency's news: staff post it, the portal shows it, and each parent subscribed to
news is emailed it once, in Spanish where the agency gave the Spanish, by the work
queue a page at a time; a parent not subscribed gets nothing."""
import pytest

from chalicelib.clock import utc_now
from tests.cases import JANE, parent, staff_token
from tests.local_aws import mail_worker

NEWS = {"title": "Offices closed on Friday", "body": "All offices close on Friday 13 March.",
        "title_es": "Oficinas cerradas el viernes",
        "body_es": "Todas las oficinas cierran el viernes 13 de marzo."}


def subscribe(client, token, *topics):
    assert client.call("PUT", "/me/settings", {
        "mail_delivery": "electronic", "notify_new_mail": True,
        "subscriptions": list(topics)}, token=token).status_code == 200


@pytest.fixture
def readers(client, outbox, john):
    """John reads English, Jane Spanish (both subscribed); Pat did not subscribe."""
    jane = parent("jane@example.com", JANE, language="es")
    pat = parent("pat@example.com")
    subscribe(client, john, "news", "payments")
    subscribe(client, jane, "news")
    subscribe(client, pat, "payments")
    return john, jane, pat


def test_news_is_shown_and_emailed_to_each_subscriber_once(client, outbox, readers,
                                                           monkeypatch):
    from chalicelib.services import news

    monkeypatch.setattr(news, "PAGE", 1)  # a page a subscriber: the work follows the pages
    before = {a: len(outbox.messages(a)) for a in
              ("john@example.com", "jane@example.com", "pat@example.com")}
    staff = staff_token(client, outbox)
    posted = client.post("/agency/news", NEWS, token=staff)
    assert posted.status_code == 201, posted.data
    mail_worker().drain_work()
    johns = outbox.messages("john@example.com")[before["john@example.com"]:]
    janes = outbox.messages("jane@example.com")[before["jane@example.com"]:]
    assert [m.subject for m in johns] == ["News from Child Support Services Division: Offices closed on Friday"]
    assert [m.subject for m in janes] == [
        "Noticias de Child Support Services Division: Oficinas cerradas el viernes"]
    assert len(outbox.messages("pat@example.com")) == before["pat@example.com"]
    # the work of the first page run again (a retry after a failure): nothing sent twice
    news.send_page(posted.data["news_id"], None, utc_now())
    mail_worker().drain_work()
    assert len(outbox.messages("john@example.com")) == before["john@example.com"] + 1
    assert len(outbox.messages("jane@example.com")) == before["jane@example.com"] + 1

    shown = client.get("/news").data["news"]
    assert [n["title"] for n in shown] == ["Offices closed on Friday"]
    spanish = client.get("/news", headers={"Accept-Language": "es"}).data["news"]
    assert spanish[0]["body"] == NEWS["body_es"]


def test_unsubscribing_stops_the_news(client, outbox, readers):
    john = readers[0]
    subscribe(client, john, "payments")
    before = len(outbox.messages("john@example.com"))
    client.post("/agency/news", {"title": "Hours", "body": "New hours."},
                token=staff_token(client, outbox))
    mail_worker().drain_work()
    assert len(outbox.messages("john@example.com")) == before


def test_only_staff_post_news_and_the_spanish_comes_whole(client, outbox, john):
    assert client.post("/agency/news", NEWS, token=john).status_code == 403
    half = client.post("/agency/news", {**NEWS, "body_es": None},
                       token=staff_token(client, outbox))
    assert half.status_code == 422
    assert client.get("/news").data["news"] == []

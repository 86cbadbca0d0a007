"""The portal's short survey (issue #26; Arizona's "Customer Portal Survey"): anyone
answers it, nothing says who; supervisors read a month's answers added up with the
newest comments; bad answers are refused whole; one address answers a few times an hour."""
from datetime import date, timedelta

from chalicelib.dal import survey as store
from chalicelib.domain import survey
from chalicelib.domain.survey import Answer
from tests.cases import staff_token

GOOD = {"rating": 4, "task": "pay", "done": "yes"}


def viewer(n: int) -> dict:
    return {"CloudFront-Viewer-Address": f"192.0.2.{n}:49152"}


def answer(client, n=1, **change):
    return client.post("/survey", {**GOOD, **change}, headers=viewer(n))


def test_an_answer_is_kept_without_who_gave_it(client, outbox, john):
    made = client.post("/survey", {**GOOD, "comments": "  Paying was quick.  "}, token=john,
                       headers={"Accept-Language": "es"})
    assert made.status_code == 201, made.data
    assert made.data["message"].startswith("Gracias")
    [kept] = list(store.of_month("2026-03"))
    assert (kept.rating, kept.task, kept.done, kept.comments, kept.language) == (
        4, "pay", "yes", "Paying was quick.", "es")
    assert set(kept.attribute_values) == {"month", "answer_id", "rating", "task", "done",
                                         "comments", "language", "expires"}
    assert kept.expires.date() >= date(2027, 3, 2)  # kept a year, then TTL


def test_a_bad_answer_is_refused_whole_with_each_fields_words(client, clock):
    for change, field in (({"rating": 6}, "rating"), ({"rating": "5"}, "rating"),
                          ({"task": "complain"}, "task"), ({"done": "maybe"}, "done"),
                          ({"comments": "x" * 1001}, "comments")):
        refused = answer(client, **change)
        assert refused.status_code == 422, change
        assert field in refused.data["error"]["fields"], refused.data
    assert client.post("/survey", {**GOOD, "name": "Pat"}).status_code == 422
    assert list(store.of_month("2026-03")) == []


def test_one_address_answers_ten_times_an_hour(client, clock):
    assert [answer(client, 7).status_code for _ in range(11)] == [201] * 10 + [429]
    assert answer(client, 8).status_code == 201


def test_a_supervisor_reads_the_month_added_up(client, outbox, clock):
    for n, (rating, task, done, comments) in enumerate((
            (5, "pay", "yes", "Easy."), (4, "pay", "yes", None),
            (2, "request", "partly", "The form was long."), (1, "link_case", "no", None))):
        assert answer(client, n, rating=rating, task=task, done=done,
                      comments=comments).status_code == 201
        clock.shift(timedelta(minutes=1))
    boss = staff_token(client, outbox, role="supervisor")
    got = client.get("/agency/survey?month=2026-03", token=boss)
    assert got.status_code == 200, got.data
    report = got.data
    assert report["answers"] == 4 and report["average_tenths"] == 30
    assert [r["answers"] for r in report["ratings"]] == [1, 1, 0, 1, 1]
    assert report["tasks"]["pay"] == 2 and report["done"] == {"yes": 2, "partly": 1, "no": 1}
    assert [c["comments"] for c in report["comments"]] == ["The form was long.", "Easy."]
    empty = client.get("/agency/survey?month=2026-02", token=boss).data
    assert empty["answers"] == 0 and empty["average_tenths"] is None
    assert client.get("/agency/survey?month=2026-13", token=boss).status_code == 422


def test_a_caseworker_and_a_parent_cannot_read_it(client, outbox, john):
    worker = staff_token(client, outbox, email="worker@agency.example.gov")
    assert client.get("/agency/survey?month=2026-03", token=worker).status_code == 403
    assert client.get("/agency/survey?month=2026-03", token=john).status_code == 403
    assert client.get("/agency/survey?month=2026-03").status_code == 401


def test_the_average_rounds_half_up_in_tenths():
    def made(*ratings):
        return survey.report("2026-03", [Answer(r, "pay", "yes", None, "en", "2026-03-02")
                                         for r in ratings])

    assert made(4, 5).average_tenths == 45
    assert made(4, 4, 5).average_tenths == 43  # 4.333...
    assert made(1, 2, 2).average_tenths == 17  # 1.666...
    assert made(3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4).average_tenths == 39

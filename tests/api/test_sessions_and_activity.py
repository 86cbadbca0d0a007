"""Manage my sessions and read my activity history."""
import pytest

from tests.people import PASSWORD, register, sign_in

EMAIL = "pat.parent@example.com"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 " \
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


def sign_in_from(client, outbox, agent):
    challenge = client.post("/auth/login", {"email": EMAIL, "password": PASSWORD},
                            headers={"User-Agent": agent}).data["challenge_id"]
    return client.post("/auth/login/verify", {"challenge_id": challenge,
                                              "code": outbox.code(EMAIL)},
                       headers={"User-Agent": agent}).data["token"]


def test_i_see_my_sessions_with_the_current_one_marked(client, outbox, token):
    sign_in_from(client, outbox, PHONE)
    listed = client.get("/me/sessions", token=token).data["sessions"]
    assert len(listed) == 2
    assert sum(s["current"] for s in listed) == 1
    assert {s["client"] for s in listed} >= {"Safari on iPhone"}
    assert all(s["method"] == "email" for s in listed)


def test_i_sign_out_another_session_by_its_id(client, outbox, token):
    other = sign_in_from(client, outbox, PHONE)
    listed = client.get("/me/sessions", token=token).data["sessions"]
    target = next(s["session_id"] for s in listed if not s["current"])
    assert client.call("DELETE", f"/me/sessions/{target}", token=token).status_code == 204
    assert client.get("/me", token=other).status_code == 401
    assert client.get("/me", token=token).status_code == 200


def test_i_cannot_end_someone_elses_session(client, outbox, token):
    register(client, outbox, "other@example.com")
    theirs = sign_in(client, outbox, "other@example.com")
    their_id = client.get("/me/sessions", token=theirs).data["sessions"][0]["session_id"]
    response = client.call("DELETE", f"/me/sessions/{their_id}", token=token)
    assert response.status_code == 404
    assert client.get("/me", token=theirs).status_code == 200


def test_sign_out_everywhere_else_keeps_this_session(client, outbox, token):
    others = [sign_in_from(client, outbox, PHONE) for _ in range(2)]
    ended = client.post("/me/sessions/end-others", token=token)
    assert ended.status_code == 200 and ended.data == {"ended": 2}
    assert all(client.get("/me", token=t).status_code == 401 for t in others)
    assert client.get("/me", token=token).status_code == 200


def test_activity_lists_sign_ins_and_failures_newest_first(client, outbox, token, clock):
    from datetime import timedelta

    clock.shift(timedelta(minutes=1))
    client.post("/auth/login", {"email": EMAIL, "password": "Wrong-Horse-Battery-9"},
                headers={"User-Agent": PHONE})
    items = client.get("/me/activity", token=token).data["items"]
    assert [i["event"] for i in items] == ["sign_in_failed", "signed_in"]
    assert items[0]["client"] == "Safari on iPhone"
    assert items[0]["detail"] == {"step": "password"}
    assert items[1]["detail"] == {"method": "email"}


def test_activity_pages_with_a_cursor(client, outbox, token, clock):
    from datetime import timedelta

    for _ in range(4):
        clock.shift(timedelta(seconds=1))
        sign_in(client, outbox)
    first = client.get("/me/activity?limit=3", token=token).data
    assert len(first["items"]) == 3 and first["next_cursor"]
    second = client.get(f"/me/activity?limit=3&cursor={first['next_cursor']}", token=token).data
    assert len(second["items"]) == 2
    assert first["items"][-1]["at"] >= second["items"][0]["at"]


def test_a_cursor_cannot_read_another_users_activity(client, outbox, token):
    for _ in range(2):
        sign_in(client, outbox)
    cursor = client.get("/me/activity?limit=1", token=token).data["next_cursor"]
    register(client, outbox, "other@example.com")
    theirs = sign_in(client, outbox, "other@example.com")
    response = client.get(f"/me/activity?cursor={cursor}", token=theirs)
    assert response.status_code == 422
    assert client.get("/me/activity?cursor=garbage", token=token).status_code == 422
    assert client.get("/me/activity?limit=1000", token=token).status_code == 422

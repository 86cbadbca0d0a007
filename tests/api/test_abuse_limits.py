"""The public routes that send email or check a secret are limited per client address,
per address asked about and for everyone together, with 429 and Retry-After; the client
address is the viewer's (CloudFront-Viewer-Address), and a deployed stage answers only
what came through CloudFront (issue #22)."""
from datetime import datetime, timezone

import pytest
import time_machine

from chalicelib.dal import users
from chalicelib.domain.contact import email_key
from chalicelib.services import rate_limits
from tests.people import registration


def viewer(address: str) -> dict:
    return {"CloudFront-Viewer-Address": f"{address}:49152"}


def test_registrations_from_one_address_stop_at_twenty_an_hour(client, outbox):
    for i in range(20):
        assert client.post("/auth/register", registration(f"p{i}@example.com"),
                           headers=viewer("203.0.113.7")).status_code == 202
    refused = client.post("/auth/register", registration("p20@example.com"),
                          headers=viewer("203.0.113.7"))
    assert refused.status_code == 429
    assert refused.data["error"]["code"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert users.find_by_email(email_key("p20@example.com")) is None  # nothing written
    # another viewer is counted apart (the edge's address would have put them together)
    assert client.post("/auth/register", registration("p21@example.com"),
                       headers=viewer("198.51.100.9")).status_code == 202


def test_the_limit_per_address_asked_about_is_the_same_with_a_logon_or_without(client,
                                                                                outbox):
    client.post("/auth/register", registration("known@example.com"))
    answers = {}
    for address in ("known@example.com", "unknown@example.com"):
        answers[address] = [client.post("/auth/password/forgot", {"email": address},
                                        headers=viewer(f"192.0.2.{n}")).status_code
                            for n in range(7)]  # from seven viewers: the target's count
    assert answers["known@example.com"] == answers["unknown@example.com"] == [202] * 5 + [429] * 2
    # the address is counted as logons are keyed: another spelling is the same target
    again = client.post("/auth/password/forgot", {"email": "KNOWN@Example.com "})
    assert again.status_code in (422, 429)


def test_the_ceiling_for_everyone_fails_closed(client, outbox, monkeypatch):
    monkeypatch.setitem(rate_limits.POLICIES, "login", rate_limits.Policy(
        (100, 300), (100, 3600), 3))
    body = {"email": "anyone@example.com", "password": "Not-The-Password-1"}
    with time_machine.travel(datetime(2026, 3, 2, 16, 0, 5, tzinfo=timezone.utc), tick=False):
        seen = [client.post("/auth/login", body, headers=viewer(f"192.0.2.{n}")).status_code
                for n in range(5)]  # in one minute's window
    assert seen == [401, 401, 401, 429, 429]


def test_sign_in_codes_and_links_are_limited_per_address(client, outbox):
    for _ in range(60):
        client.post("/auth/login/verify", {"challenge_id": "x" * 32, "code": "123456"},
                    headers=viewer("203.0.113.8"))
    refused = client.post("/auth/login/verify", {"challenge_id": "x" * 32, "code": "123456"},
                          headers=viewer("203.0.113.8"))
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    for _ in range(60):
        client.post("/auth/password/reset/questions", {"token": "y" * 32},
                    headers=viewer("203.0.113.9"))
    assert client.post("/auth/password/reset/questions", {"token": "y" * 32},
                       headers=viewer("203.0.113.9")).status_code == 429


@pytest.mark.parametrize("given, expected", [
    ("203.0.113.7:49152", "203.0.113.7"), ("2001:db8::1:443", "2001:db8::1"),
    ("[2001:db8::2]:443", "2001:db8::2")])
def test_the_client_address_is_the_viewers(given, expected):
    from chalicelib.handlers.front_door import client_address

    assert client_address({"cloudfront-viewer-address": given}, {}) == expected
    assert client_address({}, {"identity": {"sourceIp": "10.0.0.1"}}) == "10.0.0.1"


def test_with_a_secret_the_api_answers_only_what_came_through_cloudfront(client,
                                                                        monkeypatch):
    monkeypatch.setenv("ORIGIN_VERIFY_KEY", "the-stacks-secret-value")
    direct = client.get("/health")
    assert direct.status_code == 403
    assert direct.data["error"]["code"] == "not_through_front_door"
    forged = client.get("/health", headers={"X-Origin-Verify": "a-guess"})
    assert forged.status_code == 403
    assert client.get("/health", headers={
        "X-Origin-Verify": "the-stacks-secret-value"}).status_code == 200


def test_a_deployed_stage_without_its_secret_refuses_everything(monkeypatch):
    from chalicelib.handlers import front_door

    monkeypatch.delenv("ORIGIN_VERIFY_KEY", raising=False)
    monkeypatch.delenv("ORIGIN_VERIFY_SECRET", raising=False)
    for stage, admitted in (("local", True), ("test", True), ("dev", False),
                            ("prod", False)):
        monkeypatch.setenv("STAGE", stage)
        assert front_door.admits({"x-origin-verify": ""}) is admitted, stage


def test_the_ceiling_is_shared_out_by_client_address(client, outbox, monkeypatch):
    # a ceiling of 100 a minute is two counters of 50: a client always counts in the
    # same one, and a flood from one shard's addresses leaves the other's room
    monkeypatch.setitem(rate_limits.POLICIES, "login", rate_limits.Policy(
        (1000, 300), None, 100))
    shard_of = {}
    for n in range(40):
        share = rate_limits._ceiling_share("login", rate_limits.address_key(f"192.0.2.{n}"),
                                           100)
        shard_of.setdefault(share.key, []).append(f"192.0.2.{n}")
        assert share.most == 50
    assert len(shard_of) == 2
    flooding, others = shard_of.values()
    def body(n):  # another address each time: none is locked by its wrong passwords
        return {"email": f"anyone{n}@example.com", "password": "Not-The-Password-1"}

    with time_machine.travel(datetime(2026, 3, 2, 16, 0, 5, tzinfo=timezone.utc), tick=False):
        seen = [client.post("/auth/login", body(n), headers=viewer(flooding[n % len(flooding)])
                            ).status_code for n in range(51)]
        assert seen == [401] * 50 + [429]  # in one minute's window
        assert client.post("/auth/login", body(51), headers=viewer(others[0])).status_code == 401


# -- a sign-in's steps read while their limits are counted -------------------------------

@pytest.fixture
def overlapping(monkeypatch):
    """Records whether each step's limits were still being counted when its first read
    began: the counting waits (at most 2 s) for the read to start."""
    import threading

    from chalicelib.dal import throttles
    from chalicelib.services import signin

    started, seen = threading.Event(), []
    allow_all = throttles.allow_all

    def counting(limits, now):
        seen.append(started.wait(2))  # False when nothing is read before the limits pass
        started.clear()
        return allow_all(limits, now)

    monkeypatch.setattr(throttles, "allow_all", counting)
    for name in ("reading", "opening"):
        read = getattr(signin, name)
        monkeypatch.setattr(signin, name, lambda *a, read=read, **k: started.set() or read(
            *a, **k))
    return seen


def test_a_sign_in_s_steps_read_while_their_limits_are_counted(client, outbox, overlapping):
    """One round trip less before each step's answer: the password step's first read
    (the lockout and the address's logon) and the second step's (the challenge, its
    logon and what checks the answer) are made while the limits are counted."""
    from tests.people import register, sign_in

    register(client, outbox, "overlap@example.com")
    overlapping.clear()
    assert sign_in(client, outbox, "overlap@example.com")
    assert overlapping == [True, True]


def test_a_throttled_step_read_ahead_changes_nothing(client, outbox, monkeypatch):
    """Over its limit, a password step answers 429 though its first read was made: even
    with the right password, no challenge is opened (no code emailed) and nothing is
    counted."""
    from chalicelib.dal import throttles
    from chalicelib.services import lockouts
    from tests.people import PASSWORD, register

    register(client, outbox, "held@example.com")
    monkeypatch.setitem(rate_limits.POLICIES, "login", rate_limits.Policy((1, 300), None, 100))
    wrong = {"email": "held@example.com", "password": "Not-The-Password-1"}
    assert client.post("/auth/login", wrong, headers=viewer("192.0.2.50")).status_code == 401

    def counted() -> int:
        return throttles.status(lockouts.password_key("held@example.com"),
                                datetime.now(timezone.utc)).hits

    failures, sent = counted(), len(outbox.messages("held@example.com"))
    refused = client.post("/auth/login", {**wrong, "password": PASSWORD},
                          headers=viewer("192.0.2.50"))
    assert refused.status_code == 429
    assert counted() == failures and len(outbox.messages("held@example.com")) == sent


def test_a_read_ahead_that_fails_is_made_again_by_the_step(client, outbox, monkeypatch):
    from chalicelib.dal.errors import Busy
    from chalicelib.services import signin
    from tests.people import register, sign_in

    register(client, outbox, "again@example.com")

    def busy(*args, **kwargs):
        raise Busy("throttled")

    monkeypatch.setattr(signin, "reading", busy)
    monkeypatch.setattr(signin, "opening", busy)
    assert sign_in(client, outbox, "again@example.com")

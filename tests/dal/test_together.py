"""Reads of items of several tables in one request, and writes in parts of one
transaction that tell which part was refused (issue #27: a sign-in's second step is one
of each)."""
from datetime import datetime, timedelta, timezone

from chalicelib.dal import credentials, throttles, tokens
from chalicelib.dal.base import Together, get_together, write_parts
from chalicelib.dal.credentials import TOTP, Credential

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)


def _app(user_id: str) -> Credential:
    item = Credential(user_id, TOTP, kind="totp", status="active", created_at=NOW, last_step=5)
    credentials.save(item)
    return item


def test_items_of_tables_with_and_without_a_range_key_are_read_in_the_order_asked(aws):
    _app("u1")
    tokens.issue("t1", purpose="login_challenge", user_id="u1", now=NOW,
                 expires_at=NOW + timedelta(minutes=5))
    app, token, missing, again = get_together(
        credentials.key("u1", TOTP), (tokens.Token, "t1"), credentials.key("u2", TOTP),
        credentials.key("u1", TOTP))
    assert (app.user_id, app.method_id, token.token_hash, missing) == ("u1", TOTP, "t1", None)
    assert again.method_id == TOTP  # asked twice, read once


def test_a_refused_part_is_named_and_nothing_is_written(aws):
    _app("u1")
    tokens.issue("t1", purpose="login_challenge", user_id="u1", now=NOW,
                 expires_at=NOW + timedelta(minutes=5))
    throttles.allow("k", NOW, timedelta(hours=1), 5)
    parts = [tokens.consuming("t1", NOW, 5),
             credentials.using_totp_step("u1", 5, NOW),  # step 5 was used: refused
             throttles.clearing("k#%d" % (int(NOW.timestamp()) // 3600))]
    assert write_parts(parts) == 1
    assert tokens.find("t1", "login_challenge").used_at is None
    assert throttles.status("k#%d" % (int(NOW.timestamp()) // 3600), NOW).hits == 1
    # PynamoDB sends deletions first: the part of a refused item is still found
    assert write_parts([Together(), throttles.clearing("none"),
                        credentials.using_totp_step("u1", 4, NOW)]) == 2
    assert write_parts([tokens.consuming("t1", NOW, 5),
                        credentials.using_totp_step("u1", 6, NOW)]) is None
    assert tokens.find("t1", "login_challenge").used_at == NOW
    assert write_parts([tokens.consuming("t1", NOW, 5)]) == 0


def test_a_sequence_taken_in_ranges_never_repeats_and_writes_once_a_range(aws):
    from chalicelib.dal import counters
    from tests.bench.requests import measure

    first, calls = measure(lambda: [counters.next_value("seq", 20) for _ in range(25)])
    assert first == list(range(1, 26)) and calls["UpdateItem"] == 2
    counters.forget_ranges()  # another container: the rest of this one's range skipped
    other = [counters.next_value("seq", 20) for _ in range(3)]
    assert other == [41, 42, 43]
    assert counters.next_value("single") == 1 and counters.next_value("single") == 2

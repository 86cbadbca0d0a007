"""The phone PIN (Arizona; issue #26): the parent sets six digits after their password,
hashed as a password is and never shown; the agency's phone staff check the PIN a caller
gives, with its own lockout (five wrong in an hour lock the member's checks)."""
from chalicelib.dal import users
from tests.cases import JOHN, load_demo, parent, staff_token
from tests.people import PASSWORD


def set_pin(client, token, pin, password=PASSWORD):
    return client.call("PUT", "/me/phone-pin", {"pin": pin, "password": password},
                       token=token)


def test_a_parent_sets_a_pin_that_is_never_shown_and_is_told(client, outbox):
    load_demo()
    john = parent("john@example.com", JOHN)
    assert client.get("/me", token=john).data["phone_pin_set_at"] is None
    assert set_pin(client, john, "402917").status_code == 204
    me = client.get("/me", token=john).data
    assert me["phone_pin_set_at"] and "402917" not in str(me)
    user = users.get(me["user_id"])
    assert user.phone_pin_hash.startswith("$argon2id$")  # hashed as a password is
    assert "Your PIN for the agency's phone line was set or changed" in outbox.last(
        "john@example.com").body


def test_a_weak_pin_or_a_wrong_password_is_refused(client):
    load_demo()
    john = parent("john@example.com", JOHN)
    for pin in ("111111", "123456", "654321", "12345", "12a456"):
        refused = set_pin(client, john, pin)
        assert refused.status_code == 422 and "pin" in refused.data["error"]["fields"], pin
    assert set_pin(client, john, "402917", "Not-The-Password-1!").status_code in (401, 403)


def test_phone_staff_check_a_callers_pin_and_five_wrong_lock_the_checks(client, outbox):
    load_demo()
    john = parent("john@example.com", JOHN)
    staff = staff_token(client, outbox)
    path = f"/agency/members/{JOHN['member_id']}/phone-pin/check"
    none_yet = client.post(path, {"pin": "402917"}, token=staff)
    assert none_yet.status_code == 409 and none_yet.data["error"]["code"] == "no_phone_pin"
    set_pin(client, john, "402917")
    assert client.post(path, {"pin": "402917"}, token=staff).data == {"matches": True}
    for _ in range(5):
        assert client.post(path, {"pin": "999999"}, token=staff).data == {"matches": False}
    locked = client.post(path, {"pin": "402917"}, token=staff)  # even the right one
    assert locked.status_code == 429 and locked.data["error"]["code"] == "phone_pin_locked"
    events = client.get("/me/activity", token=john).data["items"]
    assert any(e["event"] == "phone_pin_checked" for e in events)
    assert client.post(path, {"pin": "402917"}, token=john).status_code in (401, 403)

"""A sign-in from a browser or device the person has not used before is told to them by
email and in the activity history, unless they turn the notice off (issue #22; login.gov
emails on a new device). The first device a logon ever uses is no news."""
from tests.people import PASSWORD, register

WEB = {"X-Requested-With": "portal-web", "Sec-Fetch-Site": "same-origin"}


def sign_in(client, outbox, email, headers=None):
    """Password and emailed code; returns the verify answer."""
    challenge = client.post("/auth/login", {"email": email, "password": PASSWORD},
                            headers=headers)
    assert challenge.status_code == 200, challenge.data
    answer = client.post("/auth/login/verify", {"challenge_id": challenge.data["challenge_id"],
                                                "code": outbox.code(email)}, headers=headers)
    assert answer.status_code == 200, answer.data
    return answer


def device_cookie(answer) -> str:
    cookies = answer.headers["Set-Cookie"]
    cookies = cookies if isinstance(cookies, list) else cookies.split(", __Host-")
    found = next(c for c in cookies if "__Host-device=" in c)
    assert "HttpOnly" in found and "Secure" in found and "Max-Age=34560000" in found
    return found.split("__Host-device=")[1].split(";")[0]


def notices(outbox, email) -> int:
    return sum("new sign-in" in m.subject for m in outbox.messages(email))


def test_a_new_browser_is_told_and_a_known_one_is_not(client, outbox):
    email = register(client, outbox, "pat.parent@example.com")
    sign_in(client, outbox, email)  # the first device: no news
    sign_in(client, outbox, email)  # the same one again
    assert notices(outbox, email) == 0
    first_browser = sign_in(client, outbox, email, WEB)  # a browser, new
    assert notices(outbox, email) == 1
    told = [m for m in outbox.messages(email) if "new sign-in" in m.subject][-1]
    assert "If it was not" in told.body and "reset your password" in told.body
    cookie = device_cookie(first_browser)
    sign_in(client, outbox, email, {**WEB, "Cookie": f"__Host-device={cookie}"})
    assert notices(outbox, email) == 1  # that browser is known now
    token = sign_in(client, outbox, email).data["token"]  # the first device, still known
    assert notices(outbox, email) == 1
    events = [e["event"] for e in client.get("/me/activity", token=token).data["items"]]
    assert events.count("new_device") == 1


def test_the_notice_can_be_turned_off_and_is_still_in_the_history(client, outbox):
    email = register(client, outbox, "pat.parent@example.com")
    token = sign_in(client, outbox, email).data["token"]
    settings = client.get("/me/settings", token=token).data
    assert settings["notify_new_device"] is True
    changed = client.call("PUT", "/me/settings", {**settings, "notify_new_device": False},
                          token=token)
    assert changed.status_code == 200 and changed.data["notify_new_device"] is False
    # a client that leaves the setting out keeps it
    kept = client.call("PUT", "/me/settings", {k: v for k, v in settings.items()
                                               if k != "notify_new_device"}, token=token)
    assert kept.data["notify_new_device"] is False
    sign_in(client, outbox, email, {**WEB, "Cookie": "__Host-device=another-browser-id"})
    assert notices(outbox, email) == 0
    events = [e["event"] for e in client.get("/me/activity", token=token).data["items"]]
    assert "new_device" in events


def test_a_known_device_stays_known_across_a_rotation_of_the_key(client, outbox, monkeypatch):
    """Devices are kept as hashes keyed by the SSN key; after a rotation
    (integrations/secrets.py) a device hashed with the previous key is still known, and
    kept again under the current one."""
    email = register(client, outbox, "pat.parent@example.com")
    sign_in(client, outbox, email)  # the first device: no news
    browser = device_cookie(sign_in(client, outbox, email, WEB))
    assert notices(outbox, email) == 1
    monkeypatch.setenv("SSN_HMAC_KEY_PREVIOUS", "local-only-ssn-key")
    monkeypatch.setenv("SSN_HMAC_KEY", "the-next-key-" + "k" * 40)
    sign_in(client, outbox, email, {**WEB, "Cookie": f"__Host-device={browser}"})
    sign_in(client, outbox, email)
    assert notices(outbox, email) == 1  # neither is news
    monkeypatch.delenv("SSN_HMAC_KEY_PREVIOUS")  # a second rotation: both were kept again
    sign_in(client, outbox, email, {**WEB, "Cookie": f"__Host-device={browser}"})
    assert notices(outbox, email) == 1

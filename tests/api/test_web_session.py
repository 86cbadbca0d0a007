"""The web client's session in an HttpOnly, Secure, SameSite=Strict cookie
(chalicelib/handlers/cookies.py): no token in the answer for scripts to read, writes only
from the portal's own pages, the same idle and absolute limits, cleared when it ends.
Other clients keep their bearer tokens."""
from datetime import timedelta

from tests.people import PASSWORD, register

WEB = {"X-Requested-With": "portal-web"}


def set_cookie(answer, name: str = "__Host-session") -> str:
    """The answer's Set-Cookie for the cookie named (a sign-in may also set the browser's
    device cookie: services/devices.py)."""
    found = next((v for k, v in answer.headers.items() if k.lower() == "set-cookie"), "")
    return next((c for c in ([found] if isinstance(found, str) else found)
                 if c.startswith(f"{name}=")), "")


def web_sign_in(client, outbox, email="pat.parent@example.com"):
    """Signs in as the web client does; returns the answer and the cookie's value."""
    challenge = client.post("/auth/login", {"email": email, "password": PASSWORD}, headers=WEB)
    answer = client.post("/auth/login/verify", {"challenge_id": challenge.data["challenge_id"],
                                                "code": outbox.code(email)}, headers=WEB)
    assert answer.status_code == 200, answer.data
    cookie = set_cookie(answer)
    return answer, cookie.split(";", 1)[0].split("=", 1)[1], cookie


def test_the_web_clients_session_is_a_cookie_its_scripts_cannot_read(client, outbox):
    register(client, outbox)
    answer, value, cookie = web_sign_in(client, outbox)
    assert answer.data["token"] is None  # nothing for a script on the page to take
    attributes = {a.strip().split("=")[0] for a in cookie.split(";")[1:]}
    assert {"Path", "Secure", "HttpOnly", "SameSite", "Max-Age"} <= attributes
    assert "SameSite=Strict" in cookie and "Domain" not in cookie
    assert cookie.startswith("__Host-session=") and "Max-Age=43200" in cookie  # 12 hours
    me = client.get("/me", headers={"Cookie": f"__Host-session={value}"})
    assert me.status_code == 200 and me.data["email"] == "pat.parent@example.com"


def test_a_write_by_cookie_needs_the_portals_own_header_and_origin(client, outbox):
    register(client, outbox)
    _, value, _ = web_sign_in(client, outbox)
    jar = {"Cookie": f"__Host-session={value}"}
    me = client.get("/me", headers=jar).data
    change = {"version": me["version"], "language": "es"}
    forged = client.call("PATCH", "/me", change, headers=jar)  # what another site can send
    assert forged.status_code == 403 and forged.data["error"]["code"] == "cross_site_refused"
    cross = client.call("PATCH", "/me", change,
                        headers={**jar, **WEB, "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert client.get("/me", headers=jar).data["language"] == "en"  # nothing changed
    mine = client.call("PATCH", "/me", change, headers={**jar, **WEB, "Sec-Fetch-Site": "same-origin"})
    assert mine.status_code == 200 and mine.data["language"] == "es"


def test_signing_out_clears_the_cookie_and_ends_the_session(client, outbox):
    register(client, outbox)
    _, value, _ = web_sign_in(client, outbox)
    jar = {"Cookie": f"__Host-session={value}", **WEB}
    out = client.post("/auth/logout", headers=jar)
    assert out.status_code == 204 and "__Host-session=;" in set_cookie(out)
    assert "Max-Age=0" in set_cookie(out)
    again = client.get("/me", headers=jar)  # the old value is worth nothing
    assert again.status_code == 401 and "Max-Age=0" in set_cookie(again)


def test_the_cookie_keeps_the_sessions_idle_limit(client, outbox, clock):
    register(client, outbox)
    _, value, _ = web_sign_in(client, outbox)
    clock.shift(timedelta(minutes=31))
    ended = client.get("/me", headers={"Cookie": f"__Host-session={value}"})
    assert ended.status_code == 401 and ended.data["error"]["code"] == "session_expired"
    assert "Max-Age=0" in set_cookie(ended)


def test_other_clients_keep_bearer_tokens_and_no_cookie(client, outbox):
    register(client, outbox)
    challenge = client.post("/auth/login", {"email": "pat.parent@example.com",
                                            "password": PASSWORD})
    answer = client.post("/auth/login/verify", {"challenge_id": challenge.data["challenge_id"],
                                                "code": outbox.code("pat.parent@example.com")})
    assert answer.data["token"] and not set_cookie(answer)
    token = answer.data["token"]
    assert client.call("PATCH", "/me", {"version": 1, "language": "es"},
                       token=token).status_code in (200, 409)  # no header needed with a bearer

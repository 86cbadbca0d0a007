"""The web client's session: a cookie the browser keeps and its scripts cannot read.

Other clients sign in and send `Authorization: Bearer <token>`. The web client marks every
request with `X-Requested-With: portal-web`; when it signs in, the API sets the session in
`__Host-session` (HttpOnly, Secure, SameSite=Strict, Path=/, no Domain: this origin only)
and leaves the token out of the answer, so a script on the page never holds it. The
session has the same limits as any other (30 minutes idle, 12 hours at most): the cookie
lasts no longer than the session, and the API clears it when the session has ended.

A write authenticated by the cookie must carry that header (a cross-site form cannot set
it, and the API allows no cross-origin requests) and must not come from another site
(`Sec-Fetch-Site`), on top of SameSite=Strict: three defences against request forgery."""
from __future__ import annotations

from typing import Any

NAME = "__Host-session"
WEB_CLIENT = "portal-web"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_ATTRIBUTES = "Path=/; Secure; HttpOnly; SameSite=Strict"


def from_web_client(headers: Any) -> bool:
    return (headers.get("x-requested-with") or "") == WEB_CLIENT


def session_token(headers: Any) -> str | None:
    """The session cookie's value, if the request carries one."""
    return _cookie(headers, NAME)


def _cookie(headers: Any, wanted: str) -> str | None:
    for part in (headers.get("cookie") or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == wanted and value.strip():
            return value.strip()
    return None


# The browser a person signs in with, so a sign-in from a new one can be told to them
# (services/devices.py): a random id, kept 400 days (browsers' longest), sent only to
# this origin, never read by a script
DEVICE = "__Host-device"
DEVICE_SECONDS = 400 * 86400


def device_id(headers: Any) -> str | None:
    found = _cookie(headers, DEVICE)
    return found if found and len(found) <= 64 and found.replace("-", "").replace(
        "_", "").isalnum() else None


def set_device(device: str) -> str:
    return f"{DEVICE}={device}; Max-Age={DEVICE_SECONDS}; Path=/; Secure; HttpOnly; SameSite=Lax"


def forged(method: str, headers: Any) -> bool:
    """A cookie-authenticated write that the portal's own pages did not send."""
    if method.upper() in SAFE:
        return False
    site = (headers.get("sec-fetch-site") or "same-origin").lower()
    return not from_web_client(headers) or site not in ("same-origin", "none")


def set_session(token: str, seconds: int) -> str:
    return f"{NAME}={token}; Max-Age={seconds}; {_ATTRIBUTES}"


def clear_session() -> str:
    return f"{NAME}=; Max-Age=0; {_ATTRIBUTES}"

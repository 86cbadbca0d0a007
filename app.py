"""The Chalice app: the routes (from the route table), the event handlers' blueprints
and the middleware are registered here; no route is written here."""
from __future__ import annotations

import sys
import time

# botocore loads urllib3's pyOpenSSL shim whenever pyOpenSSL can be imported (webauthn
# needs it, for passkeys): OpenSSL and cryptography's x509, about 30 ms of every cold
# start, for a shim botocore does not use (it asks the shim for the standard library's
# SSLContext). Without the shim, botocore takes that SSLContext itself, as it does in
# the Lambda runtime, where pyOpenSSL is not installed (issue #27).
sys.modules.setdefault("urllib3.contrib.pyopenssl", None)  # type: ignore[arg-type]

from chalice import Chalice  # noqa: E402

from chalicelib import language
from chalicelib.handlers import front_door, outbox, schedules, serving
from chalicelib.observability import flush_metrics, logger
from chalicelib.settings import check

settings = check()  # every setting read and checked: a bad one stops the start, named
app = Chalice(app_name="child-support-portal")
# every route, its handler module imported when the route is first asked for (serving.py)
serving.serve(app, settings)
app.register_blueprint(schedules.bp)
app.register_blueprint(outbox.bp)
app.api.binary_types.append("application/pdf")

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
}


@app.middleware("http")
def observe(event, get_response):
    """Request id and user id on every log line, one access line, what did not come
    through CloudFront refused (front_door.py), Chalice's own errors (404, 405, 415...)
    in the portal's error shape, security headers."""
    logger.remove_keys(["user_id"])
    lambda_context = getattr(event, "lambda_context", None)
    logger.append_keys(request_id=(event.context or {}).get("requestId")
                       or getattr(lambda_context, "aws_request_id", None))
    started = time.perf_counter()
    admitted = front_door.admits(event.headers or {})
    response = get_response(event) if admitted else front_door.refused()
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body:
        from chalicelib.domain import wording  # cold start: 2 ms, at Chalice's first error

        code = _snake(body["Code"])
        said = language.from_header((event.headers or {}).get("accept-language"))
        response.body = {"error": {"code": code, "message": wording.error(
            code, body.get("Message", ""), said)}}
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    logger.info("request", extra={
        "method": event.method, "route": (event.context or {}).get("resourcePath"),
        "status": response.status_code, "ms": round((time.perf_counter() - started) * 1000, 1)})
    flush_metrics()
    return response


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_").removesuffix("_error")

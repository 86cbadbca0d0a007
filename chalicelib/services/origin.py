"""Whether a request came through CloudFront: in a deployed stage CloudFront sets
X-Origin-Verify to a secret of the stack's on every request it passes to the API, so a
request to the stage's execute-api address (which skips the WAF and makes up its own
CloudFront-Viewer-Address) is refused. Fails closed: a deployed stage that names no
secret refuses everything. Local runs have no CloudFront in front and no secret."""
from __future__ import annotations

import hmac

from chalicelib.integrations import secrets
from chalicelib.settings import get_settings


def through_cloudfront(sent: str | None) -> bool:
    """`sent`: the request's X-Origin-Verify."""
    key = secrets.origin_verify_key()
    if key is None:
        return not get_settings().deployed
    return hmac.compare_digest((sent or "").encode(), key.encode())

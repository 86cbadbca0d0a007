"""Read back what SES was asked to send (local stage only): moto's server state when an
endpoint is set (make run), moto's in-process backend otherwise (tests)."""
from __future__ import annotations

import json
import os
import urllib.request

from chalicelib.settings import get_settings


def sent_messages(endpoint: str | None = None) -> list[dict]:
    """Every message sent, newest first: id, source, to (a list), subject, body; from the
    local AWS at `endpoint` (default: AWS_ENDPOINT_URL's)."""
    endpoint = endpoint or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        if not endpoint.startswith(("http://", "https://")):
            raise ValueError("AWS_ENDPOINT_URL must be an http(s) address")
        url = f"{endpoint.rstrip('/')}/moto-api/data.json"
        # an http(s) address, checked above (bandit B310)
        with urllib.request.urlopen(url, timeout=5) as r:  # nosec B310
            messages = json.load(r).get("ses", {}).get("Message", [])
        items = [{"id": m.get("id"), "source": m.get("source"), "subject": m.get("subject"),
                  "to": _to(m.get("destinations")), "body": m.get("body")} for m in messages]
    else:
        # moto is a test and local tool, not in the Lambda package
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.ses.models import ses_backends

        backend = ses_backends[DEFAULT_ACCOUNT_ID][get_settings().region]
        items = [{"id": m.id, "source": m.source, "subject": m.subject,
                  "to": _to(m.destinations), "body": m.body} for m in backend.sent_messages]
    return list(reversed(items))


def _to(destinations: dict | None) -> list[str]:
    return list((destinations or {}).get("ToAddresses", []))

"""The one Logger and Metrics of the app (Powertools), and the Tracer on demand.

Log lines are JSON with ``request_id`` and ``user_id`` keys. Never log a request
body, a password, a code, a token, an SSN or a security answer.

The Tracer imports the X-Ray SDK (about 0.4 s of cold start), so it is built on first
use, and disabled in the local stage; requests are traced by Lambda's and API
Gateway's active tracing (``xray`` in .chalice/config.json) without it.
"""
from __future__ import annotations

import os
from functools import cache

from aws_lambda_powertools import Logger, Metrics

SERVICE = "child-support-portal"

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", SERVICE)
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "ChildSupportPortal")

logger = Logger(service=SERVICE)
metrics = Metrics()


@cache
def tracer():
    from aws_lambda_powertools import Tracer  # cold start: 0.3 s (the X-Ray SDK)

    disabled = (os.environ.get("POWERTOOLS_TRACE_DISABLED", "").lower() == "true"
                or os.environ.get("STAGE") == "local")
    return Tracer(service=SERVICE, disabled=disabled)


def flush_metrics() -> None:
    """Writes the request's metrics (EMF) if there are any."""
    if metrics.metric_set:
        metrics.flush_metrics()

"""The one Logger, Metrics and Tracer of the app (Powertools).

Log lines are JSON with ``request_id`` and ``user_id`` keys. Never log a request
body, a password, a code, a token, an SSN or a security answer.
"""
from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "child-support-portal"

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", SERVICE)
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "ChildSupportPortal")

logger = Logger(service=SERVICE)
metrics = Metrics()
tracer = Tracer(service=SERVICE, disabled=os.environ.get("POWERTOOLS_TRACE_DISABLED", "").lower() == "true"
                or os.environ.get("STAGE", "local") == "local")


def flush_metrics() -> None:
    """Writes the request's metrics (EMF) if there are any."""
    if metrics.metric_set:
        metrics.flush_metrics()

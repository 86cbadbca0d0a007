"""The API answers only what came through the front door, CloudFront (services/origin.py),
and knows the viewer by the address CloudFront gives."""
from __future__ import annotations

from typing import Any, Mapping

from chalice import Response

from chalicelib.services import origin

HEADER = "x-origin-verify"
# "203.0.113.7:49152", or "2001:db8::1:443" (CloudFront's IPv6: the port after the last
# colon); always with the port
VIEWER = "cloudfront-viewer-address"


def admits(headers: Mapping[str, str]) -> bool:
    return origin.through_cloudfront(headers.get(HEADER))


def refused() -> Response:
    return Response({"error": {"code": "not_through_front_door",
                               "message": "Use the portal's address."}},
                    headers={"Content-Type": "application/json"}, status_code=403)


def client_address(headers: Mapping[str, str], context: Any) -> str:
    """The viewer's own address, without its port: CloudFront's CloudFront-Viewer-Address
    (the local front server sets it too), else the connection's (`chalice local`)."""
    viewer = (headers.get(VIEWER) or "").strip()
    if viewer:
        return viewer.rsplit(":", 1)[0].strip("[]")
    identity = (context or {}).get("identity") or {}
    return identity.get("sourceIp") or "unknown"

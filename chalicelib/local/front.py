"""The web client's local front door, as CloudFront is in AWS: the files of web/dist/ at
their paths, index.html for every other page path (the client routes), and /api/... passed
to the API (chalice local) with the /api prefix taken off. One origin, so no CORS, and
the headers CloudFront's response policy sends (CSP, no framing, no sniffing)."""
from __future__ import annotations

import http.client
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"

def policy(uploads: str = "") -> str:
    """The Content-Security-Policy: this origin only, but uploads go straight to the
    documents bucket (S3's endpoint; locally, moto's)."""
    return ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            f"connect-src 'self' {uploads}".rstrip() + "; font-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
       "proxy-authorization", "proxy-authenticate", "host", "content-length"}
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("font/woff2", ".woff2")


def _handler(dist: Path, api: tuple[str, int], uploads: str):
    headers = {**HEADERS, "Content-Security-Policy": policy(uploads)}

    class Front(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go apart (api_server.py says why)

        def log_message(self, format, *args):  # noqa: A002  (quiet, like make run's moto)
            pass

        def _send(self, status: int, body: bytes,
                  headers: dict[str, str] | list[tuple[str, str]],
                  security: dict[str, str] = headers) -> None:
            """`headers`: pairs where a name repeats (the API's two Set-Cookie)."""
            self.send_response(status)
            pairs = list(headers.items()) if isinstance(headers, dict) else headers
            given = {name.lower() for name, _ in pairs}
            for name, value in [*((n, v) for n, v in security.items()
                                  if n.lower() not in given), *pairs]:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _static(self) -> None:
            path = urlsplit(self.path).path
            target = (dist / path.lstrip("/")).resolve()
            if not target.is_relative_to(dist) or not target.is_file():
                if "." in path.rsplit("/", 1)[-1]:  # a missing file, not a page
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                target = dist / "index.html"  # a page of the client
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            cache = "no-cache" if target.suffix in (".html", ".js", ".css") else "max-age=3600"
            self._send(200, target.read_bytes(), {"Content-Type": kind, "Cache-Control": cache})

        def _proxy(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            headers["X-Forwarded-For"] = self.client_address[0]
            # as CloudFront does in a deployed stage (the API's client address): what the
            # browser sent under that name is replaced, never passed on
            headers = {k: v for k, v in headers.items()
                       if k.lower() != "cloudfront-viewer-address"}
            headers["CloudFront-Viewer-Address"] = "%s:%d" % self.client_address[:2]
            connection = http.client.HTTPConnection(*api, timeout=60)
            try:
                connection.request(self.command, self.path[len("/api"):] or "/", body, headers)
                answer = connection.getresponse()
                data = answer.read()
                passed = [(k, v) for k, v in answer.getheaders() if k.lower() not in HOP]
                self._send(answer.status, data, passed)
            except OSError:
                self._send(502, b'{"error": {"code": "unavailable", "message": '
                                b'"The API is not running."}}',
                           {"Content-Type": "application/json"})
            finally:
                connection.close()

        def _route(self) -> None:
            if self.path == "/api" or self.path.startswith("/api/"):
                self._proxy()
            elif self.command in ("GET", "HEAD"):
                self._static()
            else:
                self._send(405, b"method not allowed", {"Content-Type": "text/plain"})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _route

    return Front


class FrontServer:
    """Serves in a thread: start(), stop()."""

    def __init__(self, host: str, port: int, api_port: int, dist: Path = DIST, uploads: str = ""):
        self.server = ThreadingHTTPServer((host, port),
                                          _handler(dist.resolve(), (host, api_port), uploads))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

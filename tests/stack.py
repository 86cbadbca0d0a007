"""`make run`'s whole stack (moto server, chalice local, the web client's front server)
started as `make run` starts it, on free ports: for the browser tests, the fuzzer and the
load run. Email is read back from the local mailbox."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from chalicelib.integrations import mailbox
from tests import app_codes

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self, web: str, api: str, aws: str):
        self.web, self.api, self.aws = web, api, aws  # aws: the local AWS (moto) endpoint
        self.started = datetime.now(timezone.utc)  # when it loaded the demo (local_stack)

    def mailbox(self) -> list[dict]:
        """What SES was asked to send, newest first, read from the local AWS itself (as
        the API's /dev/mailbox reads it, tests/api/test_local_stage.py), so that reading
        it (every poll for a code reads every message) takes none of the API's process's
        time beside the requests make load times."""
        return mailbox.sent_messages(self.aws)

    def last_email(self, to: str, since: int = 0, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.mailbox() if to in m["to"]]
            if len(found) > since:
                return found[0]  # newest first
            time.sleep(0.2)
        raise AssertionError(f"no email to {to}")

    def count(self, to: str) -> int:
        return len([m for m in self.mailbox() if to in m["to"]])

    def link(self, to: str, since: int = 0) -> str:
        return self._newest(to, since, r"http://localhost:\d+/[\w-]+\?token=[\w-]+", 0)

    def code(self, to: str, since: int = 0) -> str:
        return self._newest(to, since, r"(?:is|es) (?:<b>)?(\d{6})", 1)

    def _newest(self, to: str, since: int, pattern: str, group: int,
                timeout: float = 10) -> str:
        """What `pattern` finds in the newest of the emails to `to` after the first `since`
        that has it: a notice the mail worker sends meanwhile (a new device's, a password
        change's) is passed over, not read as the code or the link."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.mailbox() if to in m["to"]]  # newest first
            for message in found[:max(len(found) - since, 0)]:
                match = re.search(pattern, message["body"])
                if match:
                    return match.group(group)
            time.sleep(0.2)
        raise AssertionError(f"no email to {to} with {pattern}")

    def tool(self, name: str, args: list[str], stdin: str = "") -> str:
        """Runs one of chalicelib/tools against this stack's local AWS, as docs/case-data.md
        says to against `make run`'s; returns what it printed."""
        from chalicelib.local.serve import LOCAL_ENV

        env = {**os.environ, **LOCAL_ENV, "AWS_ENDPOINT_URL": self.aws}
        done = subprocess.run([sys.executable, "-m", f"chalicelib.tools.{name}", *args],
                              cwd=ROOT, env=env, input=stdin, capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 0, f"{name} {args}: {done.stderr[-3000:]}"
        return done.stdout

    def second_step(self, email: str, methods: list[str], since: int = 0) -> dict:
        """The second step as the person gives it: the emailed code, or (the demo
        staff, whose emailed codes are off) a code of their demo authenticator app."""
        if "email" in methods:
            return {"code": self.code(email, since=since)}
        from chalicelib.local.demo import APP_SECRETS

        assert email in APP_SECRETS and "totp" in methods, methods
        return {"method": "totp", "code": app_codes.fresh(APP_SECRETS[email], wait=True)}


@contextlib.contextmanager
def local_stack(log_dir: Path, settings: dict[str, str] | None = None):
    """`make run`'s stack on free ports, until the block ends (with `settings`, the
    environment it may tune: serve.TUNABLE, LOCAL_JOB_SECONDS, LOCAL_JOBS)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: make test installs it")
    if not (ROOT / "web" / "dist" / "index.html").exists():
        raise RuntimeError("web/dist is missing: make test builds it (make web)")
    api_port, aws_port, web_port = free_port(), free_port(), free_port()
    started = datetime.now(timezone.utc)  # the demo's dates count from its load (demo.py)
    # every browser, fuzz and load request comes from 127.0.0.1: the public routes' abuse
    # limits per address (tested at their real size under moto) get room for a suite
    env = {**os.environ, "PORT": str(api_port), "LOCAL_AWS_PORT": str(aws_port),
           "WEB_PORT": str(web_port), "POWERTOOLS_LOG_LEVEL": "WARNING",
           "PUBLIC_LIMIT_SCALE": "100",
           # where moto's recorder, if started (tests/load/run.py), keeps what it records
           "MOTO_RECORDER_FILEPATH": str(log_dir / "moto-recording.jsonl"),
           **(settings or {})}
    for name in ("AWS_ENDPOINT_URL", "TABLE_PREFIX", "STAGE", "KMS_KEY_ID", "WEB_BASE_URL"):
        env.pop(name, None)
    log = log_dir / "make-run.log"  # read when it fails
    output = log.open("w")
    process = subprocess.Popen([sys.executable, "-m", "chalicelib.local.serve"], cwd=ROOT,
                               env=env, stdout=output, stderr=subprocess.STDOUT,
                               start_new_session=True)
    web = f"http://localhost:{web_port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{web}/api/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the local stack did not start:\n"
                                       + log.read_text()[-3000:]) from None
                time.sleep(0.3)
        stack = Stack(web, f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{aws_port}")
        stack.started = started
        yield stack
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        output.close()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the least a PDF's check takes


class Api:
    """The API as the web client calls it, through the front door's /api/, signed in as
    someone (password, then the code from the local mailbox)."""

    def __init__(self, stack: Stack, email: str | None = None, password: str | None = None,
                 direct: bool = False):
        # direct: to the API's own port, not through the front server's /api/
        self.stack, self.token = stack, None
        self.base = stack.api if direct else f"{stack.web}/api"
        if email:
            before = stack.count(email)
            challenge = self.call("POST", "/auth/login", {"email": email, "password": password})
            self.token = self.call("POST", "/auth/login/verify", {
                "challenge_id": challenge["challenge_id"],
                **stack.second_step(email, challenge["methods"], since=before)})["token"]

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, object]:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}{path}", data, sent, method=method)
        try:
            with urllib.request.urlopen(request) as r:
                return r.status, (json.load(r) if r.status != 204 else None)
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def call(self, method: str, path: str, body=None, headers=None):
        """The answer of a call that must succeed."""
        status, answer = self.request(method, path, body, headers)
        assert status < 300, f"{method} {path}: {status} {answer[:300]!r}"
        return answer

    def upload(self, filename: str, data: bytes = PDF) -> str | None:
        """A PDF uploaded as the web client uploads one: the document, its presigned form
        posted to the bucket, then completed. Its id, or None if the bucket or the
        completion refused it."""
        import requests

        made = self.call("POST", "/documents", {"filename": filename,
                                                "content_type": "application/pdf",
                                                "size": len(data)})
        form = made["upload"]
        sent = requests.post(form["url"], data=form["fields"],
                             files={"file": (filename, data, "application/pdf")}, timeout=30)
        if sent.status_code not in (200, 204) or self.request(
                "POST", f"/documents/{made['document_id']}/complete")[0] != 200:
            return None
        return made["document_id"]

"""Browser tests: `make run`'s whole stack (moto server, chalice local, the web client's
front server) started as `make run` starts it, on free ports, and Debian's chromium
driven by Playwright. Email is read from the local mailbox, as a person would."""
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
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self, web: str, api: str):
        self.web, self.api = web, api

    def mailbox(self) -> list[dict]:
        with urllib.request.urlopen(f"{self.api}/dev/mailbox") as r:
            return json.load(r)["messages"]

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
        body = self.last_email(to, since)["body"]
        return re.search(r"http://localhost:\d+/[\w-]+\?token=[\w-]+", body).group(0)

    def code(self, to: str, since: int = 0) -> str:
        body = self.last_email(to, since)["body"]
        return re.search(r"(?:is|es) (?:<b>)?(\d{6})", body).group(1)


@contextlib.contextmanager
def local_stack(log_dir: Path):
    """`make run`'s stack on free ports, until the block ends."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: make test installs it")
    if not (ROOT / "web" / "dist" / "index.html").exists():
        raise RuntimeError("web/dist is missing: make test builds it (make web)")
    api_port, aws_port, web_port = _free_port(), _free_port(), _free_port()
    env = {**os.environ, "PORT": str(api_port), "LOCAL_AWS_PORT": str(aws_port),
           "WEB_PORT": str(web_port), "POWERTOOLS_LOG_LEVEL": "WARNING"}
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
        yield Stack(web, f"http://127.0.0.1:{api_port}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        output.close()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    with local_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(base_url=stack.web, locale="en-US",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and
            "Failed to load resource" not in m.text else None)
    yield page
    context.close()
    assert not errors, errors


def follow(page, name: str, exact: bool = True) -> None:
    """Clicks a link as a person would and waits for the page it opens to be drawn."""
    before = page.evaluate("document.body.dataset.rendered || '0'")
    page.get_by_role("link", name=name, exact=exact).first.click()
    page.wait_for_function("before => (document.body.dataset.rendered || '0') !== before",
                           arg=before)  # a function: the page's CSP forbids eval


def accessible(page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now (once drawn)."""
    page.locator("main h1").first.wait_for()
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE.read_text())  # by DevTools: the page's CSP stays as it is
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    problems = [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
                for v in result["violations"]]
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test leaves what its page showed in the report."""
    outcome = yield
    report = outcome.get_result()
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        try:
            report.sections.append(("page", f"{page.url}\n{page.locator('main').inner_text()[:2000]}"))
        except Exception:  # noqa: BLE001  (the page may be gone)
            pass

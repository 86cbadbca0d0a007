"""Browser tests: `make run`'s whole stack (tests/stack.py) and Debian's chromium driven
by Playwright. Email is read from the local mailbox, as a person would."""
from __future__ import annotations

import pytest

from tests.stack import CHROMIUM, ROOT, local_stack

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
# the demo caseworker (chalicelib/local/demo.py), who signs in with the demo's app
CASEWORKER = ("caseworker@agency.example.gov", "Agency-Desk-Lantern-2026!")


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
    """axe-core finds no WCAG 2.2 A/AA violation on the page as it is now (once drawn):
    2.2's own rules (wcag22aa: 2.5.8 target size) with 2.0's and 2.1's."""
    page.locator("main h1").first.wait_for()
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE.read_text())  # by DevTools: the page's CSP stays as it is
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                 'best-practice']}})""")
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


def back_to_english(page) -> None:
    """Switches a signed-in page back to English and waits until the profile keeps it (a
    page closed first left the demo parent in Spanish for the tests after it)."""
    with page.expect_response(lambda r: r.url.endswith("/me")
                              and r.request.method == "PATCH") as saved:
        page.get_by_role("button", name="English").click()
    assert saved.value.ok, saved.value.status
    page.locator("html[lang=en]").wait_for()


def signed_in(page, stack, email: str, password: str) -> None:
    """The page's browser signed in by the API's own calls, as the web client signs in
    (password, then the emailed code or the demo caseworker's app code; the answer sets the session's HttpOnly cookie), for
    tests about what comes after signing in."""
    page.goto("/")
    before = stack.count(email)
    call = """async ([path, body]) => (await (await fetch('/api' + path, {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Requested-With': 'portal-web'},
        body: JSON.stringify(body)})).json())"""
    challenge = page.evaluate(call, ["/auth/login", {"email": email, "password": password}])
    page.evaluate(call, ["/auth/login/verify", {
        "challenge_id": challenge["challenge_id"],
        **stack.second_step(email, challenge["methods"], since=before)}])
    page.evaluate("() => localStorage.setItem('signed_in', '1')")

"""`make screenshots`: the main pages of the web client, desktop and phone, as the demo
parent sees them, into docs/screenshots/ (make run's stack, Debian's chromium)."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.stack import CHROMIUM, ROOT, local_stack

OUT = ROOT / "docs" / "screenshots"
JOHN = ("johndoe@test.com", "Demo-Portal-Pass-2026!")
PAGES = [("home", "/", None), ("summary", "/summary", "Summary"),
         ("action-center", "/action-center", "Action Center"), ("payments", "/payments", "Payments"),
         ("case", "/cases/000020108", "Case 000020108"), ("i-want-to", "/i-want-to", "I Want To..."),
         ("messages", "/messages", "Messages"), ("profile", "/profile", "My profile"),
         ("security", "/security", "Two-step verification"), ("estimate", "/tools/estimate", None)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs)) as stack, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for device, size in (("desktop", {"width": 1280, "height": 900}),
                             ("phone", {"width": 390, "height": 844})):
            page = browser.new_context(base_url=stack.web, viewport=size, locale="en-US").new_page()
            page.goto("/sign-in")
            before = stack.count(JOHN[0])
            page.get_by_label("Email address").fill(JOHN[0])
            page.get_by_label("Password").fill(JOHN[1])
            page.get_by_role("button", name="Sign in", exact=True).click()
            page.get_by_label("Code from the email").fill(stack.code(JOHN[0], since=before))
            page.get_by_role("button", name="Verify").click()
            page.get_by_role("heading", name="Summary", exact=True).wait_for()
            for name, path, heading in PAGES:
                page.goto(path)
                page.locator("main h1").first.wait_for()
                if heading:
                    page.get_by_role("heading", name=re.compile(re.escape(heading)), level=1).wait_for()
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / f"{name}-{device}.png"), full_page=device == "desktop")
                print(f"docs/screenshots/{name}-{device}.png")
        browser.close()


if __name__ == "__main__":
    main()

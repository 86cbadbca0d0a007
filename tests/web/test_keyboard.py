"""Keyboard only: signing in (skip link, fields, Enter; the second step's code), and the
controls USWDS draws over hidden inputs (a checkbox, radio buttons) reached with Tab and
set with Space."""
from tests.web.test_money import JOHN


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.tagName")


def tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_sign_in_with_the_keyboard_alone(page, stack):
    page.goto("/sign-in")
    page.locator("#password-form").wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Skip to main content
    assert focused(page) == "main-content"
    tab_to(page, "f-email", limit=3)
    page.keyboard.type(JOHN[0])
    page.keyboard.press("Tab")
    assert focused(page) == "f-password"
    page.keyboard.type(JOHN[1])
    before = stack.count(JOHN[0])
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Verify it’s you").wait_for()
    assert focused(page) == "f-code"  # straight into the code box
    page.keyboard.type(stack.code(JOHN[0], since=before))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Summary", exact=True).wait_for()
    assert focused(page) == "H1"  # the new page's heading, after the navigation


def test_checkboxes_and_radios_by_keyboard(page, stack):
    page.goto("/register")
    page.locator("#register-form").wait_for()
    tab_to(page, "f-accept_terms")
    page.keyboard.press("Space")
    assert page.locator("#f-accept_terms").is_checked()
    page.goto("/tools/arrears")
    page.locator("#arrears-form").wait_for()
    tab_to(page, "f-by-0")
    page.keyboard.press("ArrowDown")
    assert page.locator("#f-by-1").is_checked() and focused(page) == "f-by-1"

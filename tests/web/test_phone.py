"""A parent on a phone: the menu opens, closes and lets go of the screen after any choice
in it (a page, signing out), and the language switch sits beside it, in the bar."""
from __future__ import annotations

import pytest

from tests.web.conftest import signed_in
from tests.web.test_money import JOHN

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, stack):
    context = browser.new_context(base_url=stack.web, locale="en-US", viewport=PHONE,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors  # opening USWDS's menu threw "reading 'update'"


COVERED = """() => document.body.classList.contains('usa-js-mobile-nav--active')
    || getComputedStyle(document.querySelector('.usa-overlay')).visibility !== 'hidden'
    || document.querySelector('main').closest('[inert]') !== null"""


def covered(page) -> bool:
    """Whether the grey overlay is over the page (or the page is out of reach)."""
    return page.evaluate(COVERED)


def settles(page) -> None:
    """The page comes back within a few seconds (it stayed covered until a reload)."""
    page.wait_for_function(f"() => !({COVERED})()", timeout=5000)


def test_the_phone_menu_lets_go_after_each_choice(phone, stack):
    page = phone
    page.goto("/")
    # the language is in the bar, not only inside the English menu
    page.get_by_role("button", name="Español").tap()
    page.locator("html[lang=es]").wait_for()
    page.get_by_role("button", name="Menú").tap()
    assert covered(page)
    page.get_by_role("button", name="English").tap()  # still reachable with the menu open
    page.locator("html[lang=en]").wait_for()
    settles(page)
    page.get_by_role("heading", level=1).first.tap()  # the page answers again

    page.get_by_role("button", name="Menu").tap()
    page.get_by_role("link", name="Client tools").tap()
    page.get_by_role("heading", name="Client tools").wait_for()
    settles(page)

    page.get_by_role("button", name="Menu").tap()
    page.get_by_role("button", name="Close").tap()
    settles(page)

    signed_in(page, stack, *JOHN)
    page.goto("/summary")
    page.get_by_role("button", name="Menu").tap()
    page.keyboard.press("Escape")
    settles(page)
    page.get_by_role("button", name="Menu").tap()
    page.get_by_role("button", name="Sign out").tap()
    page.get_by_text("You are signed out.").wait_for()
    settles(page)
    page.get_by_label("Email address").tap()  # the sign-in form takes a tap
    page.get_by_label("Email address").fill("someone@example.com")

"""WCAG 2.2 AA beyond axe-core's rules (docs/web.md, "WCAG 2.2"): focus not obscured
(2.4.11), target size as axe checks it (2.5.8), redundant entry (3.3.7) and accessible
authentication (3.3.8). Consistent help (3.2.6) is checked on every page by the sweep
(tests/web/test_every_page.py)."""
import time

import pytest

from tests.web.conftest import accessible, follow
from tests.web.test_account import register, sign_in_with_emailed_code
from tests.web.test_money import JOHN, click_label

PHONE = {"width": 390, "height": 844}

# the focused control's centre is the control (or its label: USWDS draws checkboxes and
# radios with the label), not something fixed or sticky drawn over it
COVERED = """async () => {
  await Promise.all(document.getAnimations().map((a) => a.finished));  // the skip link slides in
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = (el.matches('.usa-checkbox__input, .usa-radio__input') && el.labels[0]) || el;
  const r = shown.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (!top || shown.contains(top) || top.contains(shown) || el.contains(top)) return null;
  return `${el.outerHTML.slice(0, 80)} under ${top.outerHTML.slice(0, 80)}`;
}"""


def tab_through(page, stops: int = 60) -> None:
    """Tabs through the page: no stop is hidden by anything drawn over it."""
    for _ in range(stops):
        page.keyboard.press("Tab")
        covered = page.evaluate(COVERED)
        assert covered is None, covered


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE],
                         ids=["desktop", "phone"])
def test_nothing_hides_the_focused_control(browser, stack, viewport):
    from tests.web.conftest import signed_in

    context = browser.new_context(base_url=stack.web, locale="en-US", viewport=viewport)
    page = context.new_page()
    try:
        page.goto("/register")
        page.locator("#register-form").wait_for()
        tab_through(page)
        signed_in(page, stack, *JOHN)
        for path in ("/summary", "/payments", "/profile"):
            page.goto(path)
            page.locator("main h1").first.wait_for()
            tab_through(page, 40)
    finally:
        context.close()


def test_a_tiny_target_fails_the_page_check(page):
    """2.5.8: axe's target-size rule runs in every page check: a 12-pixel button beside
    another fails it."""
    page.goto("/")
    page.locator("main h1").first.wait_for()
    page.evaluate("""() => { const p = document.createElement('p');
      for (const name of ['a', 'b']) {
        const b = document.createElement('button');
        b.textContent = name;
        Object.assign(b.style, {width: '12px', height: '12px', padding: '0', margin: '0'});
        p.append(b);
      }
      document.querySelector('main').append(p); }""")
    with pytest.raises(AssertionError, match="target-size"):
        accessible(page)


def test_what_the_parent_gave_is_not_asked_again(page, stack):
    """3.3.7: a request's Your Information comes filled from the profile."""
    email = f"redundant.{time.time_ns()}@example.com"
    register(page, stack, email, first="Remy", last="Dunn")
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "I Want To...")
    page.locator('[data-type="apply_for_services"]').get_by_role("button", name="Start").click()
    click_label(page, "I have read what this request is for.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("We filled this in from your profile.").wait_for()
    assert page.get_by_label("First name").input_value() == "Remy"
    assert page.get_by_label("Last name").input_value() == "Dunn"
    assert page.get_by_label("Email address").input_value() == email


@pytest.mark.parametrize(("path", "field", "kind"), [
    ("/sign-in", "#f-email", "username"),
    ("/sign-in", "#f-password", "current-password"),
    ("/register", "#f-password", "new-password"),
])
def test_sign_in_fields_take_a_password_manager_and_a_paste(page, path, field, kind):
    """3.3.8: no cognitive test: the fields say what a password manager fills, and a
    paste is never refused."""
    page.goto(path)
    box = page.locator(field)
    box.wait_for()
    assert box.get_attribute("autocomplete") == kind
    allowed = box.evaluate("""b => b.dispatchEvent(new ClipboardEvent('paste', {
        bubbles: true, cancelable: true, clipboardData: new DataTransfer()}))""")
    assert allowed, "a paste was refused"


def test_the_sign_in_code_box_takes_the_code_from_the_message(page, stack):
    """3.3.8: the emailed code's box is autocomplete=one-time-code, and takes a paste."""
    email, password = JOHN
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    code = page.get_by_label("Code from the email")
    code.wait_for()
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert code.evaluate("""b => b.dispatchEvent(new ClipboardEvent('paste', {
        bubbles: true, cancelable: true, clipboardData: new DataTransfer()}))""")

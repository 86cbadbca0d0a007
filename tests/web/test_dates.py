"""Dates and times as a parent reads them: a hearing is shown at the agency's time, with its
zone named, whatever the reader's browser is set to; the Action Center gives its day and
time (not a day to do it "by") and its Open goes to that hearing on the case page."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.local.demo import DEMO_EMAIL, DEMO_PASSWORD
from tests.web.conftest import back_to_english, signed_in


def the_demo_hearing(stack) -> datetime:
    """chalicelib/local/demo.py: 17:30 UTC, ten days after the stack loaded the demo (not
    after now: a run that crosses midnight UTC would look a day late)."""
    return (stack.started + timedelta(days=10)).replace(hour=17, minute=30, second=0,
                                                        microsecond=0)


def test_a_hearing_is_at_the_agencys_time_with_its_zone(browser, stack):
    context = browser.new_context(base_url=stack.web, locale="en-US", timezone_id="America/Chicago",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    signed_in(page, stack, DEMO_EMAIL, DEMO_PASSWORD)
    at = the_demo_hearing(stack).astimezone(ZoneInfo("America/Anchorage"))
    time = f"{at.hour % 12 or 12}:{at.minute:02d} {'AM' if at.hour < 12 else 'PM'} Alaska Time"
    assert time.startswith(("8:30 AM", "9:30 AM"))  # 11:30 AM was Central time, unlabelled

    page.goto("/action-center")
    card = page.locator('[data-kind="court_date"]')
    card.get_by_text(f"Hearing on {at:%B} {at.day} at {time}").wait_for()
    assert "By " not in card.inner_text()
    card.get_by_role("link", name="Open").click()
    hearing = page.locator("#event-court-demo")
    hearing.get_by_text(f"{at:%b} {at.day}, {at.year}, {time}").wait_for()
    page.wait_for_function("() => document.activeElement.id === 'event-court-demo'")
    assert page.url.endswith("/cases/000020108#event-court-demo")

    page.get_by_role("button", name="Español").click()
    page.locator("html[lang=es]").wait_for()
    page.goto("/action-center")
    page.locator('[data-kind="court_date"]').get_by_text(
        f"a las {at.hour % 12 or 12}:{at.minute:02d}").wait_for()
    assert "hora de Alaska" in page.locator('[data-kind="court_date"]').inner_text()
    back_to_english(page)
    context.close()

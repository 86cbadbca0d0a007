"""The Action Center's number on its tab and the Summary's "Action Center items" link
(Alaska), kept as the agency writes and the parent reads, in English and Spanish."""
import re

from tests.stack import Api
from tests.web.conftest import accessible, follow
from tests.web.test_account import sign_in_with_emailed_code
from tests.web.test_agency import STAFF, a_loaded_parent


def badge(page) -> int:
    """The number on the Action Center tab (0 when it shows none)."""
    found = page.locator("[data-action-count]")
    return int(found.first.get_attribute("data-action-count")) if found.count() else 0


def cards(page) -> int:
    before = page.evaluate("document.body.dataset.rendered || '0'")
    page.locator(".usa-nav").get_by_role("link", name=re.compile(r"^Action Center\b")).click()
    page.wait_for_function("b => (document.body.dataset.rendered || '0') !== b", arg=before)
    page.get_by_role("heading", name="Action Center", level=1).wait_for()
    return page.locator("main [data-kind]").count()


def test_the_tab_counts_what_the_action_center_lists(page, stack):
    email, member, _ = a_loaded_parent(page, stack, "Ines", "Vale", "obligee", "09")
    sign_in_with_emailed_code(page, stack, email, new=True)
    link = page.locator("#action-items")
    assert link.inner_text() == "Action Center items (0)" and badge(page) == 0
    desk = Api(stack, *STAFF[:2])
    desk.call("POST", f"/agency/members/{member}/messages",
              {"subject": "Your annual review", "body": "Please send a recent pay stub."})
    desk.call("POST", f"/agency/members/{member}/messages",
              {"subject": "Office closed Friday", "body": "We are closed on Friday."})
    assert cards(page) == 1 == badge(page)  # "You have 2 unread messages": one item
    accessible(page)
    assert page.get_by_role("link", name="Action Center 1 to do").count() == 1
    page.get_by_role("button", name="Español").first.click()
    page.get_by_role("heading", name="Centro de acciones", level=1).wait_for()
    assert page.get_by_role("link", name="Centro de acciones pendientes: 1").count() == 1
    page.get_by_role("button", name="English").first.click()
    page.get_by_role("heading", name="Action Center", level=1).wait_for()
    follow(page, "Messages")
    for subject in ("Your annual review", "Office closed Friday"):
        follow(page, subject)
        follow(page, "Back to messages")
    assert badge(page) == 0
    follow(page, "Summary")
    page.locator("#action-items").wait_for()
    assert page.locator("#action-items").inner_text() == "Action Center items (0)"

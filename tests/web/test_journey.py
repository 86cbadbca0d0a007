"""The whole of it as one newcomer, the demo's Sam Rivera (a paying parent with no logon
yet): registers, verifies from the mailbox, adds an authenticator app, signs in with it,
links his case, pays, files a change of address, reads the letter a caseworker sends
him, and signs in once with a recovery code."""
import time

import pyotp

from tests.stack import PDF
from tests.web.conftest import accessible, follow
from tests.web.test_account import PASSWORD, register, sign_in_with_emailed_code
from tests.web.test_agency import sign_in_at_the_desk
from tests.web.test_money import click_label, link_case


def fill_address(form, street: str, zip_code: str) -> None:
    """The first address group of the form, in Fairbanks."""
    form.get_by_label("Street address").first.fill(street)
    form.get_by_label("City").first.fill("Fairbanks")
    form.get_by_label("State").first.fill("AK")
    form.get_by_label("ZIP code").first.fill(zip_code)


def sign_in(page, email, method, code):
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    if method == "recovery":
        page.get_by_role("button", name="Use a recovery code").click()
        page.get_by_label("Recovery code").fill(code)
    else:
        page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()


def test_a_newcomer_does_it_all(page, browser, stack, tmp_path):
    email = f"sam.{time.time_ns()}@example.com"
    register(page, stack, email, first="Sam", last="Rivera")
    sign_in_with_emailed_code(page, stack, email, new=True)

    follow(page, "My profile")
    follow(page, "Two-step verification")
    page.get_by_role("button", name="Add an authenticator app").click()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    sign_in(page, email, "app", pyotp.TOTP(secret).at(time.time() + 30))

    link_case(page, "04030001", "Rivera", "123-45-5555", "1985-03-12")
    follow(page, "Summary")
    assert "000030005" in page.locator("main").inner_text()

    page.goto("/bank-accounts")
    page.get_by_label("Name on the account").fill("Sam Rivera")
    page.get_by_label("Routing number").fill("125000105")
    page.get_by_label("Account number").fill("000555000111")
    click_label(page, "I authorize the agency's payment processor")
    page.get_by_role("button", name="Save the account").click()
    page.get_by_text("•••• 0111").wait_for()
    follow(page, "Back to payments")
    page.get_by_label("Amount").fill("50")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit payment").click()
    page.get_by_text("Thank you. Your payment was received.").wait_for()

    follow(page, "I Want To...")
    page.locator('[data-type="change_of_address"]').get_by_role("button", name="Start").click()
    click_label(page, "I have read what this request is for.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("We filled this in from your profile.").wait_for()
    assert page.locator("legend", has_text="Your mailing address now").count() == 1
    fill_address(page.locator("#step-form"), "410 College Rd", "99701")  # his mailing address
    # a link away with answers not saved asks first; declined, the answers are still there
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("link", name="Summary").first.click()
    assert page.get_by_label("Street address").first.input_value() == "410 College Rd"
    page.get_by_role("button", name="Save and continue").click()
    page.locator(".usa-step-indicator__heading-text", has_text="New Address").wait_for()
    step = page.locator("#step-form")
    assert step.locator("legend", has_text="New mailing address").count() == 1  # apart from his
    zip_box = step.get_by_label("ZIP code").first
    assert zip_box.evaluate("e => e.tagName") == "INPUT" and zip_box.get_attribute(
        "autocomplete") == "postal-code"  # one short line
    fill_address(step, "1 Geist Rd", "99709")
    step.get_by_label("Effective date").fill("2026-12-01")
    accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your request was received").wait_for()

    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    desk.goto("/agency/member?member=04030001")
    letter = tmp_path / "welcome.pdf"
    letter.write_bytes(PDF)
    desk.get_by_label("Letter title").fill("Welcome to online services")
    desk.locator("#letter-file").set_input_files(str(letter))
    desk.get_by_role("button", name="Send the letter").click()
    desk.get_by_text("The letter was sent.").wait_for()
    desk.context.close()

    page.goto("/letters")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Welcome to online services").click()
    assert opened.value.context.request.get(opened.value.url).body().startswith(b"%PDF")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    sign_in(page, email, "recovery", codes[0])

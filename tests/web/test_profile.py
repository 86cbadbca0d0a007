"""Manage My Profile in the browser: profile and address, settings, sessions and
activity, access given to another person who accepts and acts for the parent, and
deleting a profile with an emailed code."""
import time

from tests.stack import Api
from tests.web.conftest import accessible, follow
from tests.web.test_account import PASSWORD, register, sign_in_with_emailed_code
from tests.web.test_money import JOHN, click_label


def test_profile_settings_and_sessions(page, stack):
    email = f"kim.{time.time_ns()}@example.com"
    register(page, stack, email, first="Kim")
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "My profile")
    accessible(page)
    form = page.locator("#profile-form")
    form.get_by_label("Street address").first.fill("550 W 7th Ave")
    form.get_by_label("City").first.fill("Anchorage")
    form.get_by_label("State").first.fill("AK")
    form.get_by_label("ZIP code").first.fill("99501")
    form.locator('input[name="phones.1.number"]').fill("907-555-0177")
    form.get_by_label("Phone 2 type").select_option("work")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Your profile is saved.").wait_for()
    assert form.get_by_label("City").first.input_value() == "Anchorage"
    assert form.locator('input[name="phones.1.number"]').input_value().endswith("0177")
    assert form.locator('input[name="phones.2.number"]').input_value() == ""  # one more

    follow(page, "Settings")
    click_label(page, "On paper, by mail")
    click_label(page, "News from the agency")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Your settings are saved.").wait_for()
    accessible(page)

    follow(page, "Sessions and activity")
    assert "this one" in page.locator("table").first.inner_text().lower()
    activity = page.locator("table").nth(1).inner_text()
    assert "Signed in" in activity and "Settings changed" in activity
    accessible(page)
    follow(page, "Password and security questions")
    accessible(page)
    # each answer is hidden and typed twice; two that differ are caught before sending
    questions = page.locator("#questions-form")
    for i, answer in enumerate(["Anchorage", "Cobalt blue", "Rex the dog"], start=1):
        questions.get_by_label(f"Question {i}", exact=True).select_option(index=i)
        questions.get_by_label(f"Answer {i}", exact=True).fill(answer)
        questions.get_by_label(f"Confirm answer {i}", exact=True).fill(answer)
    assert questions.get_by_label("Answer 1", exact=True).get_attribute("type") == "password"
    questions.get_by_label("Confirm answer 2", exact=True).fill("Cobalt blu")
    questions.get_by_label("Your password, to save the questions").fill(JOHN[1])
    questions.get_by_role("button", name="Save my questions").click()
    page.get_by_text("The two answers are not the same.").first.wait_for()


def test_a_parent_gives_access_and_the_person_acts_for_him(page, browser, stack):
    helper = f"helper.{time.time_ns()}@example.com"
    register(page, stack, helper, first="Hal", last="Helper")
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "My profile")
    follow(page, "Access management")
    invite = page.locator("#grant-form")
    invite.get_by_label("Their email address").fill(helper)
    before = stack.count(helper)
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("The invitation is on its way.").wait_for()
    accessible(page)
    link = stack.link(helper, since=before)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    sign_in_with_emailed_code(page, stack, helper, new=True)
    page.goto(link)
    page.get_by_role("button", name="Accept the invitation from John Doe").click()
    page.get_by_text("You now have access to the account of John Doe.").wait_for()
    follow(page, "Accounts I can access")
    page.get_by_role("button", name="Act for this person").click()
    page.get_by_text("You are acting for").wait_for()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()
    assert "000020108" in page.locator("main").inner_text()
    accessible(page)
    page.get_by_role("button", name="Back to my account").click()
    page.get_by_role("heading", name="Access management", level=1).wait_for()
    assert not page.get_by_text("You are acting for").count()


def test_an_invitation_carries_a_newcomer_through_registration_and_sign_in(page, stack):
    helper = f"sister.{time.time_ns()}@example.com"
    john = Api(stack, *JOHN)
    before = stack.count(helper)
    john.call("POST", "/access/grants", {"email": helper, "permissions": ["view"]})
    page.goto(stack.link(helper, since=before))  # no account yet, not signed in
    page.get_by_text("John Doe invited you to help with their child support account.").wait_for()
    assert helper in page.locator("main").inner_text()  # the address to use
    accessible(page)
    follow(page, "Create an account to accept")
    page.get_by_text("Once you verify it and sign in, the invitation is accepted.").wait_for()
    assert page.get_by_label("Email address").input_value() == helper
    register(page, stack, helper, first="Sue", last="Sister", opened=True)
    sign_in_with_emailed_code(page, stack, helper, lands_on="Accept access", new=True)
    page.get_by_text("You now have access to the account of John Doe.").wait_for()
    accessible(page)
    follow(page, "Accounts I can access")
    page.get_by_role("button", name="Act for this person").wait_for()
    assert "No one has given you access" not in page.locator("main").inner_text()


def test_deleting_a_profile_with_an_emailed_code(page, stack):
    email = f"del.{time.time_ns()}@example.com"
    register(page, stack, email, first="Dee")
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "My profile")
    follow(page, "Delete my profile")
    accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    before = stack.count(email)
    page.get_by_role("button", name="Email me a code").click()
    page.locator("#delete-form input[name=code]").fill(stack.code(email, since=before))
    page.get_by_role("button", name="Delete my profile").click()
    page.get_by_role("heading", name="Child support services online").wait_for()
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_text("The email or password is not correct.").wait_for()

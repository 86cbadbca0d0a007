"""A parent in the browser: registers, verifies from the mailbox, signs in with an emailed
code, adds an authenticator app and a passkey, signs in with each; the demo parent sees
the Summary and the Action Center. axe-core checks every page on the way."""
import re
import time

import pyotp

from tests.stack import Api
from tests.web.conftest import CASEWORKER, accessible, back_to_english, follow

PASSWORD = "Lantern-Harbor-Quill-2026!"


def register(page, stack, email, first="Jane", last="Doe", opened=False):
    """Creates an account on /register (already `opened`, or opened here) and verifies it
    from the mailbox."""
    if not opened:
        page.goto("/register")
    before = stack.count(email)  # an invitation, say, was emailed to it already
    fill_registration(page, email, email, first, last)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    page.goto(stack.link(email, since=before))
    accessible(page)
    page.get_by_role("button", name="Verify my email").click()
    page.get_by_text(f"Your email {email} is verified.").wait_for()


def fill_registration(page, email, retyped, first="Jane", last="Doe"):
    """Every field of the registration form, the email address typed twice."""
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name", exact=True).fill(last)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Retype your email").fill(retyped)
    page.get_by_label("Phone number").fill("907-555-0142")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    for i, answer in enumerate(["Anchorage", "Cobalt blue", "Rex the dog"], start=1):
        page.get_by_label(f"Question {i}", exact=True).select_option(index=i)
        page.get_by_label(f"Answer {i}", exact=True).fill(answer)
        page.get_by_label(f"Confirm answer {i}", exact=True).fill(answer)
    page.get_by_text("I accept the terms and conditions of use.").click()  # its label


def test_the_email_address_is_typed_twice_and_a_mismatch_sends_nothing(page, stack):
    """A mistyped address would send the verification link nowhere: the two must agree
    (in any case) before anything is sent."""
    page.goto("/register")
    email = f"twice.{time.time_ns()}@example.com"
    fill_registration(page, email, email.replace("twice", "twise"))
    page.get_by_role("button", name="Create my account").click()
    page.get_by_text("The two email addresses are not the same.").first.wait_for()
    assert stack.count(email) == 0
    accessible(page)
    page.get_by_label("Retype your email").fill(email.upper())
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()


def test_a_new_verification_link_from_the_sign_in_page(page, stack):
    """AZCARES' "Complete Account Verification": a parent whose link never came (or
    expired) asks for a new one from the sign-in page, and it verifies the account."""
    email = f"late.{time.time_ns()}@example.com"
    page.goto("/register")
    fill_registration(page, email, email)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    first = stack.count(email)
    page.goto("/sign-in")
    follow(page, "Didn't verify your email? Send a new link")
    accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send a new link").click()
    page.get_by_text("a new link is on its way").wait_for()
    page.goto(stack.link(email, since=first))
    page.get_by_role("button", name="Verify my email").click()
    page.get_by_text(f"Your email {email} is verified.").wait_for()


def test_login_help_answers_each_problem_with_the_page_that_fixes_it(page, stack):
    page.goto("/sign-in")
    follow(page, "Help signing in")
    for heading in ("The code did not arrive", "You never verified your email",
                    "Your account is locked", "You lost your phone or your authenticator app",
                    "You forgot your password", "The page does not work in your browser"):
        page.get_by_role("heading", name=heading).wait_for()
    assert "(907) 269-6900" in page.locator("main").inner_text()  # the agency's line
    accessible(page)
    follow(page, "Send a new verification link")
    page.get_by_role("heading", name="Send a new verification link").wait_for()


CHOICE = "Choose how you will confirm it is you"


def sign_in_with_emailed_code(page, stack, email, password=PASSWORD, lands_on="Summary",
                              new=False):
    """Signs in with the emailed code; a `new` logon keeps emailed codes when asked."""
    before = stack.count(email)
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_label("Code from the email").fill(stack.code(email, since=before))
    accessible(page)
    page.get_by_role("button", name="Verify").click()
    if new:
        page.get_by_role("heading", name=CHOICE).wait_for()
        page.get_by_role("button", name="Keep emailed codes").click()
    page.get_by_role("heading", name=lands_on, exact=True).wait_for()


def test_register_verify_sign_in_add_an_app_and_sign_in_with_it(page, stack):
    """Alaska: after the first sign-in the new logon chooses how it will confirm sign-ins
    (here an authenticator app, set up on the spot), then goes where it was going."""
    email = f"jane.{time.time_ns()}@example.com"
    register(page, stack, email)
    sign_in_with_emailed_code(page, stack, email, lands_on=CHOICE)
    accessible(page)
    # the browser is known from now on (a sign-in from another is emailed): the device
    # cookie sits beside the session's, out of the page's scripts' reach
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["__Host-device"]["httpOnly"] and cookies["__Host-device"]["secure"]
    assert "__Host-session" in cookies

    page.get_by_role("button", name="Use an authenticator app").click()
    page.locator("#totp-secret").wait_for()
    secret = page.locator("#totp-secret").inner_text()
    accessible(page)
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    accessible(page)
    follow(page, "Continue")
    page.get_by_role("heading", name="Summary", exact=True).wait_for()
    assert "Find your case" in page.locator("main").inner_text()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    # the app comes first now; a code of the next 30-second step (the last one is spent)
    page.get_by_label("Code from your authenticator app").fill(
        pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()

    follow(page, "My profile")
    follow(page, "Two-step verification")
    rows = page.locator("tbody tr").all_inner_texts()
    assert any("Authenticator app" in r for r in rows)
    # the app turned emailed codes off; back on, the password is asked again, with a warning
    assert not any("Emailed code" in r for r in rows)
    page.get_by_role("button", name="Turn emailed codes back on").click()
    form = page.locator("#email-form")
    form.get_by_text("Emailed codes are weaker").wait_for()
    accessible(page)
    form.get_by_label("Your password, to turn emailed codes back on").fill(PASSWORD)
    form.get_by_role("button", name="Turn emailed codes back on").click()
    page.locator('[data-remove="email"]').wait_for()

    # a forgotten answer: the reset link takes a recovery code instead
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    page.goto("/forgot-password")
    page.get_by_label("Email address").fill(email)
    before = stack.count(email)
    page.get_by_role("button", name="Email me a link").click()
    page.goto(stack.link(email, since=before))
    page.get_by_role("button", name="I can't answer my question: use a code instead").click()
    page.get_by_label("What kind of code").select_option("recovery_code")
    page.get_by_label("The code", exact=True).fill(codes[0])
    accessible(page)
    page.get_by_label("New password", exact=True).fill("Another-Lantern-Quill-2027!")
    page.get_by_label("Type the password again").fill("Another-Lantern-Quill-2027!")
    page.get_by_role("button", name="Save my new password").click()
    page.get_by_text("Your password is changed").wait_for()


def test_a_passkey_added_in_the_browser_signs_in_alone(page, stack):
    client = page.context.new_cdp_session(page)
    client.send("WebAuthn.enable")
    client.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    email = f"pat.{time.time_ns()}@example.com"
    register(page, stack, email, first="Pat")
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "My profile")
    follow(page, "Two-step verification")
    page.get_by_role("button", name="Add a passkey").click()
    page.get_by_text("Your passkey is added.").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()


def the_agency_writes(stack, member_id: str) -> None:
    """A message and a letter (a PDF) from the caseworker to the member, through the API:
    unread whichever of the demo's own another test read first (tests/web/test_mail.py)."""
    desk = Api(stack, *CASEWORKER)
    desk.call("POST", f"/agency/members/{member_id}/messages",
              {"subject": "Your case review", "body": "Please call us this week."})
    document = desk.upload("notice.pdf")
    assert document is not None
    desk.call("POST", f"/agency/members/{member_id}/letters", {
        "title": "Notice of review", "document_id": document, "case_id": "000020108"})


def test_the_demo_parent_sees_the_summary_and_the_action_center(page, stack):
    the_agency_writes(stack, "04025286")  # the demo parent's member (chalicelib/local/demo.py)
    sign_in_with_emailed_code(page, stack, "johndoe@test.com", "Demo-Portal-Pass-2026!")
    main = page.locator("main").inner_text()
    assert "000020108" in main and "$800.00" in main
    assert "Payment method: Self paid" in main and "Active" in main
    accessible(page)
    page.locator(".usa-nav").get_by_role("link", name=re.compile(r"^Action Center\b")).click()
    page.get_by_role("heading", name="Action Center").wait_for()
    kinds = page.locator("[data-kind]").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert {"unread_messages", "unread_letters", "draft", "balance_due"} <= set(kinds)
    accessible(page)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Centro de acciones").wait_for()
    page.get_by_role("heading", name="Saldo vencido de $800.00").wait_for()  # the API's Spanish
    accessible(page)
    back_to_english(page)  # his profile keeps the choice
    page.get_by_role("heading", name="Action Center").wait_for()


def test_a_new_tab_or_an_emailed_link_stays_signed_in_and_no_script_holds_the_session(
        page, stack):
    sign_in_with_emailed_code(page, stack, "johndoe@test.com", "Demo-Portal-Pass-2026!")
    assert page.evaluate("() => document.cookie") == ""  # HttpOnly: not for scripts
    stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    cookie = next(c for c in page.context.cookies() if c["name"] == "__Host-session")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["value"] not in stored and '"token"' not in stored  # (it was in sessionStorage)

    tab = page.context.new_page()  # a link from an email opens a new tab
    tab.goto("/messages")
    tab.get_by_role("heading", name="Messages", level=1).wait_for()
    assert "/sign-in" not in tab.url

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    tab.goto("/summary")  # signed out everywhere
    tab.get_by_role("heading", name="Sign in", level=1).wait_for()
    tab.close()


def test_a_phone_pin_is_set_with_the_password_and_checked_at_the_desk(page, browser, stack):
    """The parent sets a phone PIN on the password page; a caseworker at the desk checks
    the PIN a caller gives (the demo parent's), then a wrong one."""
    from chalicelib.local.demo import DEMO_EMAIL, DEMO_PASSWORD
    from tests.web.conftest import signed_in
    from tests.web.test_agency import sign_in_at_the_desk

    signed_in(page, stack, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/password")
    page.get_by_label("New phone PIN").fill("402917")
    page.get_by_label("Type the PIN again").fill("402917")
    page.get_by_label("Your password, to confirm").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Save my phone PIN").click()
    page.get_by_text("Your phone PIN is saved.").wait_for()
    accessible(page)
    desk = browser.new_context(base_url=stack.web, locale="en-US").new_page()
    sign_in_at_the_desk(desk, stack)
    desk.goto("/agency/member?member=04025286")
    desk.get_by_label("PIN the caller gave").fill("402917")
    desk.get_by_role("button", name="Check the PIN").click()
    desk.get_by_text("The PIN matches.").wait_for()
    desk.get_by_label("PIN the caller gave").fill("999999")
    desk.get_by_role("button", name="Check the PIN").click()
    desk.get_by_text("The PIN does not match.").wait_for()
    accessible(desk)
    desk.context.close()


def test_a_new_logon_keeps_emailed_codes_in_spanish_and_is_not_asked_again(page, stack):
    email = f"lupe.{time.time_ns()}@example.com"
    register(page, stack, email, first="Lupe")
    from tests.web.test_spanish import password_step_in_spanish  # it imports this module

    before = password_step_in_spanish(page, stack, email, PASSWORD)
    page.get_by_label("Código del correo").fill(stack.code(email, since=before))
    page.get_by_role("button", name="Verificar", exact=True).click()
    page.get_by_role("heading", name="Elija cómo confirmará que es usted").wait_for()
    for heading in ("Aplicación de autenticación", "Llave de acceso",
                    "Códigos por correo electrónico"):
        page.get_by_role("heading", name=heading).wait_for()
    accessible(page)
    page.get_by_role("button", name="Seguir con códigos por correo").click()
    page.get_by_role("heading", name="Resumen", exact=True).wait_for()
    page.get_by_role("button", name="Cerrar sesión").click()
    page.locator("#password-form").wait_for()  # signed out, on the sign-in page
    page.get_by_role("button", name="English").click()
    page.locator("html[lang=en]").wait_for()
    sign_in_with_emailed_code(page, stack, email)  # straight to the Summary this time

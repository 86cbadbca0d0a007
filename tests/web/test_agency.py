"""The caseworker in the browser: a parent's submitted request moves to review and is
approved (the parent sees it), a waiting message is answered, a letter (a PDF) is
sent to a member, a payment received by check is recorded, case data is loaded."""
import json
import re
import time

import pyotp

from tests.stack import PDF
from tests.web.conftest import CASEWORKER, accessible, follow
from tests.web.test_account import PASSWORD, register, sign_in_with_emailed_code
from tests.web.test_money import JOHN, click_label
from tests.web.test_requests import start_request

STAFF = (*CASEWORKER, "Worklist")


def sign_in_at_the_desk(page, stack, who=STAFF):
    """The demo caseworker (or other demo staff) signs in: password, then the
    authenticator app (no emailed code is offered: agency logons use an app or a
    passkey)."""
    email, password, lands_on = who
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    code = stack.second_step(email, ["totp"])["code"]
    page.get_by_label("Code from your authenticator app").fill(code)
    assert not page.get_by_role("button", name="Email me a code").count()
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("heading", name=lands_on, exact=True).wait_for()


def file_request(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    start_request(page, "request_statement")
    page.get_by_label("Kind of statement").select_option("summary")
    page.get_by_label("How to send it").select_option("electronic")
    page.get_by_label("Start date").fill("2026-01-01")
    page.get_by_label("End date").fill("2026-06-30")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your request was received").wait_for()
    number = page.locator("#request-confirmation dd").first.inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    return number


def test_the_worklist_and_a_decision(page, stack):
    number = file_request(page, stack)
    sign_in_at_the_desk(page, stack)
    accessible(page)
    follow(page, number)
    answers = page.locator("main").inner_text()
    assert "Kind of statement\nSummary" in answers and "How to send it\nElectronic" in answers
    assert "{" not in answers  # an address reads as one, not as JSON
    accessible(page)
    click_label(page, "In review")
    page.get_by_role("button", name="Save the decision").click()
    page.locator("#request-status", has_text="In review").wait_for()
    click_label(page, "Approved")
    page.get_by_label("Note to the parent").fill("Your statement is in your letters.")
    page.get_by_role("button", name="Save the decision").click()
    page.locator("#request-status", has_text="Approved").wait_for()


def test_a_waiting_message_is_answered_and_a_letter_sent(page, stack, tmp_path):
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "Messages")
    page.get_by_label("Subject").fill(f"Question {time.time_ns()}")
    page.get_by_label("Message", exact=True).fill("When is my next hearing?")
    notice = tmp_path / "hearing notice.pdf"
    notice.write_bytes(PDF)
    page.locator("input[type=file]").set_input_files(str(notice))
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Your message was sent.").wait_for()
    subject = page.locator("h1").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()

    sign_in_at_the_desk(page, stack)
    follow(page, "Messages waiting")
    accessible(page)
    assert page.locator("#all-messages").get_by_role("link", name=subject).count() == 1
    follow(page, subject)
    # who it is with (it said "The parent"), and a link to the member
    assert page.locator("#thread-parent").inner_text() == "With John Doe · Member ID: 04025286"
    with page.context.expect_page() as opened:  # the parent's attachment, as he sent it
        page.get_by_role("button", name="Open the attached document").click()
    assert opened.value.context.request.get(opened.value.url).body() == PDF
    opened.value.close()
    page.get_by_label("Reply").fill("Your hearing is on the 14th at 9 a.m.")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("heading", name="Messages waiting").wait_for()

    follow(page, "Members")
    page.get_by_label("Member ID").fill("99999999")  # no such member: nothing to write with
    page.get_by_role("button", name="Open").click()
    page.get_by_text("No member has that number.").wait_for()
    assert not page.get_by_role("heading", name="Send a letter").count()
    page.get_by_label("Member ID").fill("04025286")
    page.get_by_role("button", name="Open").click()
    page.get_by_role("heading", name="Send a letter").wait_for()
    card = page.locator("#member-card").inner_text()
    assert "JOHN DOE" in card and "has a portal logon" in card and "Case 000020108: Paying parent" in card
    accessible(page)
    letter = tmp_path / "notice.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Letter title").fill("Hearing notice")
    page.locator("#letter-file").set_input_files(str(letter))
    page.get_by_role("button", name="Send the letter").click()
    page.get_by_text("The letter was sent.").wait_for()


def test_a_check_is_recorded_and_case_data_loaded(page, stack, tmp_path):
    sign_in_at_the_desk(page, stack)
    follow(page, "Record a payment")
    page.get_by_label("Case number").fill("000020108")
    page.get_by_label("Amount").fill("75")
    page.get_by_label("Received on").fill("2026-11-02")
    page.get_by_label("Source").select_option("check")
    page.get_by_label("Reference").fill(f"CHK-{time.time_ns()}")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_text("$75.00 was posted to case 000020108.").wait_for()
    posted = page.locator("main").inner_text()  # where it went, in words: no "2026-11 arrears"
    assert re.search(r"(January|February|March|April|May|June|July|August|September|October|"
                     r"November|December) 20\d\d, (that month's support|past-due support)", posted)
    assert not re.search(r"20\d\d-\d\d (arrears|current)", posted)
    assert page.locator("select[name=source] option[value=check]").inner_text() == "Check"
    accessible(page)

    follow(page, "Load case data")
    records = tmp_path / "records.json"
    records.write_text(json.dumps({"records": [{"type": "nonsense"}]}))
    page.locator("#records-file").set_input_files(str(records))
    page.get_by_role("button", name="Load").click()
    page.get_by_role("heading", name="Loaded").wait_for()
    assert "Not loaded" in page.locator("#records-result").inner_text()  # not "error"
    accessible(page)


def test_a_code_from_the_agency_opens_a_request_for_the_parent(page, browser, stack):
    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    desk.goto("/agency/member?member=04025286")
    form = desk.locator("#request-code-form")
    form.get_by_label("Request type").select_option("request_statement")
    form.get_by_label("Case number").fill("000020108")
    desk.get_by_role("button", name="Make the code").click()
    said = desk.locator("#request-code-result").inner_text()
    while not said:
        desk.wait_for_timeout(100)
        said = desk.locator("#request-code-result").inner_text()
    code = said.split()[1].rstrip(",")
    desk.context.close()

    sign_in_with_emailed_code(page, stack, *JOHN)
    page.goto("/redeem-code")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Request a Statement").wait_for()
    accessible(page)


def test_a_new_caseworker_sets_up_an_app_at_the_first_sign_in(page, stack):
    """The first sign-in is by emailed code; the agency's pages wait for an app, which,
    proven in that session, opens them (and emailed codes stop for good)."""
    email, password = f"new.worker.{time.time_ns()}@agency.example.gov", STAFF[1]
    said = stack.tool("create_staff", ["--email", email, "--first-name", "Nora",
                                       "--last-name", "Newhire"], stdin=password + "\n")
    assert "created caseworker" in said
    sign_in_with_emailed_code(page, stack, email, password, lands_on="Set up a stronger sign-in")
    page.get_by_text("Agency pages need a sign-in with an authenticator app").wait_for()
    assert not page.get_by_role("link", name="Make the code").count()
    accessible(page)
    page.get_by_role("link", name="Set up an authenticator app or a passkey").click()
    page.get_by_role("heading", name="Two-step verification", level=1).wait_for()
    assert not page.get_by_role("button", name="Turn emailed codes back on").count()
    page.get_by_role("button", name="Add an authenticator app").click()
    page.locator("#totp-secret").wait_for()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    follow(page, "Worklist")
    page.get_by_role("heading", name="Worklist", exact=True).wait_for()


def a_loaded_parent(page, stack, first: str, last: str, role: str, prefix: str,
                    **member_fields) -> tuple[str, str, str]:
    """A member the agency loads (on a case of her own, in `role`), registered in the
    browser and linked: (email, member id, case id), new to every test that asks."""
    from tests.stack import Api

    n = time.time_ns() % 10**6
    member, case, ssn = f"{prefix}{n:06d}", f"00{prefix}{n:05d}"[:9], f"123-{prefix}-{n % 10**4:04d}"
    born, upper = "1988-08-08", f"{first} {last}".upper()
    loaded = Api(stack, *STAFF[:2]).call("POST", "/agency/records", {"records": [
        {"type": "member", "member_id": member, "first_name": first.upper(),
         "last_name": last.upper(), "date_of_birth": born, "ssn": ssn, **member_fields},
        {"type": "case", "case_id": case, "case_type": "Never Assistance IV-D",
         "status": "active", "participants": [{"member_id": member, "role": role,
                                               "name": upper}]}]})
    assert not loaded["counts"].get("error"), loaded
    email = f"{first.lower()}.{time.time_ns()}@example.com"
    register(page, stack, email, first, last)
    Api(stack, email, PASSWORD).call("POST", "/association", {
        "member_id": member, "last_name": last, "ssn": ssn, "date_of_birth": born})
    return email, member, case


def test_the_agency_resets_a_parent_who_has_no_way_back(page, browser, stack):
    """A parent who forgot their answers (no app, no recovery code) calls; the caseworker
    clears the questions and the parent, from the emailed link, chooses new ones and a new
    password, then signs in with it."""
    email, member, _ = a_loaded_parent(page, stack, "Rosa", "Parks", "obligee", "07")

    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    desk.goto(f"/agency/member?member={member}")
    form = desk.locator("#reset-form")
    form.get_by_label("How the parent was in touch").select_option("phone")
    before = stack.count(email)
    form.get_by_role("button", name="Clear the questions and email a reset link").click()
    desk.get_by_text("Check who this is first.", exact=True).wait_for()  # not unchecked
    assert stack.count(email) == before
    form.get_by_text("I checked who this is against the member's record", exact=True).click()
    form.get_by_role("button", name="Clear the questions and email a reset link").click()
    desk.get_by_text("A reset link was sent to").wait_for()
    accessible(desk)

    page.goto(stack.link(email, since=before))
    linked = stack.count(email)
    page.get_by_text("the agency cleared your security questions").wait_for()
    for i, answer in enumerate(["Fairbanks", "Spruce green", "Mittens"], start=1):
        page.get_by_label(f"Question {i}", exact=True).select_option(index=i)
        page.get_by_label(f"Answer {i}", exact=True).fill(answer)
        page.get_by_label(f"Confirm answer {i}", exact=True).fill(answer)
    new_password = "Harbor-Spruce-Ledger-2027!"
    page.get_by_label("New password").fill(new_password)
    page.get_by_label("Type the password again").fill(new_password)
    accessible(page)
    page.get_by_role("button", name="Save my new password").click()
    page.get_by_text("Your password is changed").wait_for()
    assert "password" in stack.last_email(email, since=linked)["subject"].lower()  # told
    sign_in_with_emailed_code(page, stack, email, new_password, new=True)


SUPERVISOR = ("supervisor@agency.example.gov", "Agency-Desk-Lantern-2026!", "Worklist")


def test_a_supervisor_manages_staff_logons_and_reads_the_audit_trail(page, stack):
    """Issue #24: the supervisor's pages: staff logons (disable and enable one), and the
    audit trail of what staff read, found by member."""
    sign_in_at_the_desk(page, stack, SUPERVISOR)
    follow(page, "Staff logons")
    accessible(page)
    rows = page.locator("main tbody").inner_text()
    assert "Dale Payer" in rows and "Disbursement" in rows and "Casey Worker" in rows
    page.get_by_label("Logon").select_option(label="Dale Payer (disbursement@agency.example.gov)")
    page.get_by_label("Change").select_option("disable")
    page.get_by_role("button", name="Apply").click()
    dale = page.locator("main tbody tr", has_text="Dale Payer")
    dale.filter(has_text="Disabled").wait_for()
    page.get_by_text("Dale Payer's logon was changed.").wait_for()
    page.get_by_label("Logon").select_option(label="Dale Payer (disbursement@agency.example.gov)")
    page.get_by_label("Change").select_option("enable")
    page.get_by_role("button", name="Apply").click()
    dale.filter(has_text="Active").wait_for()
    # a member looked up; the trail shows it under the member
    follow(page, "Members")
    page.get_by_label("Member ID").fill("04024333")
    page.get_by_role("button", name="Open").click()
    page.locator("#member-card").wait_for()
    assert not page.locator("#read-deposit").count()  # disbursement's alone
    follow(page, "Audit trail")
    for _ in range(20):  # the audit writer runs on its queue, as Lambda would
        page.get_by_label("Member ID").fill("04024333")
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state("networkidle")
        if page.locator("main tbody tr").count():
            break
        time.sleep(0.3)
    row = page.locator("main tbody tr").first.inner_text()
    assert "GET /agency/members/{member_id}" in row and "Sandra Lead" in row
    accessible(page)

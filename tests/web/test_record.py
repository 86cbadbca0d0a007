"""Keeping the agency's record current, and the Summary's cards with their actions
(Alaska): a paying parent of her own (loaded here, so no other test sees the change)
follows the cards' links, updates her address from the member card, and the Summary
shows it at once; the caseworker finds the change in the worklist's To record queue and
marks it recorded."""
import time

from tests.stack import PDF
from tests.web.conftest import accessible, follow
from tests.web.test_account import sign_in_with_emailed_code
from tests.web.test_agency import a_loaded_parent, sign_in_at_the_desk
from tests.web.test_journey import fill_address
from tests.web.test_money import click_label

CARD_ACTIONS = ("Add a Bank Account", "Make a Payment", "View Payments",
                "View Obligation Details", "View Arrears Details", "Enable Auto Payments",
                "View Case Details", "Case Actions")


def a_paying_parent(page, stack) -> tuple[str, str]:
    """A member loaded by the agency (an obligor on one case), registered and linked."""
    email, _, case = a_loaded_parent(page, stack, "Nora", "Quinn", "obligor", "08",
                                     mailing_address={"line1": "12 OLD RD", "city": "NOME",
                                                      "state": "AK", "zip": "99762"})
    return email, case


def test_the_summary_cards_carry_their_actions_and_the_address_changes_at_once(
        page, browser, stack):
    email, case = a_paying_parent(page, stack)
    sign_in_with_emailed_code(page, stack, email, new=True)
    main = page.locator("main")
    assert "You are required to keep your address current with CSED." in main.inner_text()
    for name in CARD_ACTIONS:
        assert main.get_by_role("link", name=name, exact=True).count() == 1, name
    main.get_by_role("button", name="Request a Statement").wait_for()
    accessible(page)
    follow(page, "View Arrears Details")
    page.wait_for_url(f"**/cases/{case}#arrears")
    page.go_back()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()

    page.get_by_role("button", name="Update Your Address").click()
    click_label(page, "I have read what this request is for.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("We filled this in from your profile.").wait_for()
    page.get_by_role("button", name="Save and continue").click()
    step = page.locator("#step-form")
    step.locator("legend", has_text="New mailing address").wait_for()
    fill_address(step, "77 Front St", "99701")
    step.get_by_label("Effective date").fill("2026-12-01")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your request was received").wait_for()
    confirmation = page.locator("main").inner_text()
    follow(page, "Summary")
    page.get_by_text("77 Front St").wait_for()  # on the agency's record at once
    assert "12 OLD RD" not in page.locator("main").inner_text()

    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    follow(desk, "To record")
    rows = desk.locator("tbody tr", has_text="Change of Address")
    number = next(n for n in rows.locator("th a").all_inner_texts() if n in confirmation)
    desk.get_by_role("link", name=number).click()
    desk.get_by_role("heading", name="Record this change").wait_for()
    accessible(desk)
    desk.get_by_role("button", name="Mark as recorded").click()
    desk.get_by_role("heading", name="Record this change").wait_for(state="detached")
    desk.context.close()


def test_how_to_reach_her_and_her_paper_letters_reach_the_desk(page, browser, stack, tmp_path):
    """AZCARES' preferred method of contact, seen by staff on the member; a letter to a
    parent who chose paper waits in Print and mail with her address until marked mailed."""
    email, _ = a_paying_parent(page, stack)
    sign_in_with_emailed_code(page, stack, email, new=True)
    member = page.locator("main").inner_text().split("Member ID: ")[1].split()[0]
    follow(page, "My profile")
    form = page.locator("#profile-form")
    form.get_by_text("Text message", exact=True).click()  # its label
    form.get_by_label("Number to call or text").fill("907-555-0177")
    accessible(page)
    form.get_by_role("button", name="Save").click()
    page.get_by_text("Your profile is saved.").wait_for()
    follow(page, "Settings")
    page.get_by_text("On paper, by mail", exact=True).click()
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Your settings are saved.").wait_for()

    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    desk.goto(f"/agency/member?member={member}")
    desk.get_by_text("Reach first by: text message: +19075550177").wait_for()
    letter = tmp_path / "notice.pdf"
    letter.write_bytes(PDF)
    title = f"Notice {member}"
    desk.get_by_label("Letter title").fill(title)
    desk.locator("#letter-file").set_input_files(str(letter))
    desk.get_by_role("button", name="Send the letter").click()
    desk.get_by_text("The letter was sent.").wait_for()
    follow(desk, "Print and mail")
    row = desk.locator("tbody tr", has_text=title)
    assert "12 OLD RD" in row.inner_text() and "NORA QUINN" in row.inner_text()
    accessible(desk)
    row.get_by_role("button", name="Mark as mailed").click()
    desk.get_by_text("The letter is marked mailed.").wait_for()
    assert not desk.locator("tbody tr", has_text=title).count()
    desk.context.close()


def test_news_the_desk_posts_is_on_the_home_page_in_both_languages(page, browser, stack):
    n = time.time_ns()
    desk = browser.new_context(base_url=stack.web).new_page()
    sign_in_at_the_desk(desk, stack)
    follow(desk, "News")
    accessible(desk)
    desk.get_by_label("Title", exact=True).fill(f"Offices closed {n}")
    desk.get_by_label("Text", exact=True).fill("All offices close on Friday.")
    desk.get_by_label("Title in Spanish").fill(f"Oficinas cerradas {n}")
    desk.get_by_label("Text in Spanish").fill("Todas las oficinas cierran el viernes.")
    desk.get_by_role("button", name="Post the news").click()
    desk.get_by_text("The news is posted.").wait_for()
    desk.context.close()
    page.goto("/")
    page.get_by_role("heading", name=f"Offices closed {n}").wait_for()
    accessible(page)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name=f"Oficinas cerradas {n}").wait_for()
    page.get_by_role("button", name="English").click()


def test_kentuckys_pin_request_checks_the_date_of_birth_and_the_email_on_file(page, stack):
    """Find my case by PIN: the number, the name, the date of birth and the email address
    the agency has; the PIN goes to that address and links the logon."""
    from tests.stack import Api
    from tests.web.test_account import register
    from tests.web.test_agency import STAFF

    n = time.time_ns() % 10**6
    member, on_file = f"09{n:06d}", f"ivy.file.{n}@example.com"
    loaded = Api(stack, *STAFF[:2]).call("POST", "/agency/records", {"records": [
        {"type": "member", "member_id": member, "first_name": "IVY", "last_name": "PINE",
         "date_of_birth": "1991-09-09", "ssn": f"123-09-{n % 10**4:04d}", "email": on_file}]})
    assert not loaded["counts"].get("error"), loaded
    email = f"ivy.{time.time_ns()}@example.com"
    register(page, stack, email, "Ivy", "Pine")
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "Find my case")
    page.get_by_role("button", name="Email me a PIN").click()
    form = page.locator("#pin-form")
    form.get_by_label("Number", exact=True).fill(member)
    form.get_by_label("Legal last name").fill("Pine")
    form.get_by_label("Date of birth").fill("1991-09-09")
    form.get_by_label("Email address the agency has for you").fill(on_file)
    accessible(page)
    before = stack.count(on_file)
    form.get_by_role("button", name="Send the PIN").click()
    page.get_by_label("PIN from the email").fill(stack.code(on_file, since=before))
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your account is linked to your case").wait_for()
    assert member in page.locator("#confirmation").inner_text()


def test_new_terms_are_accepted_at_the_next_sign_in(page, stack):
    """Registration records the version accepted; when the agency's terms change (here:
    the logon's version set back, as if terms.json had a new one), the next sign-in asks
    again before anything else."""
    import boto3

    from tests.stack import Api
    from tests.web.test_account import PASSWORD, register

    email = f"terry.{time.time_ns()}@example.com"
    register(page, stack, email, "Terry", "Wade")
    user_id = Api(stack, email, PASSWORD).call("GET", "/me")["user_id"]
    boto3.resource("dynamodb", endpoint_url=stack.aws, region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local").Table(
        "csp-local-users").update_item(Key={"user_id": user_id},
                                       UpdateExpression="SET terms_version = :v",
                                       ExpressionAttributeValues={":v": "2000-01-01"})
    sign_in_with_emailed_code(page, stack, email, lands_on="The terms have changed")
    page.get_by_role("heading", name="Privacy policy").wait_for()
    page.get_by_role("heading", name="Disclaimer").wait_for()
    accessible(page)
    page.get_by_role("button", name="Accept and continue").click()
    page.get_by_text("Check this box", exact=False).first.wait_for()  # not yet accepted
    page.locator("#terms-form label.usa-checkbox__label").click()
    page.get_by_role("button", name="Accept and continue").click()
    # then, a new logon, the choice of its second step; then the Summary
    page.get_by_role("button", name="Keep emailed codes").click()
    page.get_by_role("heading", name="Summary", exact=True).wait_for()


def test_the_case_names_its_local_office_and_caseworker(page, stack):
    """Kentucky: the case page shows the office that works it (address, hours, phone, a
    map) and the caseworker (the demo case's)."""
    from tests.web.test_money import JOHN

    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "000020108")
    office = page.get_by_role("region", name="Your local office: Child Support Services "
                                             "Division, Anchorage")
    assert "550 W 7th Ave" in office.inner_text() and "8:00 AM" in office.inner_text()
    assert "Casey Worker" in page.locator("#details").inner_text()
    accessible(page)


def test_search_finds_pages_requests_and_resources_in_both_languages(page, stack):
    """"What are you looking for?": one box, in the reader's language, accents aside."""
    from tests.web.test_money import JOHN

    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "Search")
    page.get_by_label("Words to look for").fill("address")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Requests you can make").wait_for()
    # the request one can make (a change of address the parent filed is found too)
    page.get_by_role("link", name="Change of Address").and_(
        page.locator('[href="/i-want-to#type-change_of_address"]')).wait_for()
    accessible(page)
    page.get_by_role("button", name="Español").click()
    try:
        page.get_by_label("Palabras que busca").fill("pagos")
        page.get_by_role("button", name="Buscar").click()
        page.get_by_role("heading", name="Páginas").wait_for()
        page.get_by_role("link", name="Pagos", exact=True).first.wait_for()
        accessible(page)
    finally:
        from tests.web.conftest import back_to_english

        back_to_english(page)


def test_the_arrears_and_the_payments_are_drawn_beside_their_tables(page, stack):
    """An SVG image per chart, named and described for a screen reader, a bar a month,
    with the table that holds the figures still there."""
    from tests.web.test_money import JOHN

    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "000020108")
    chart = page.get_by_role("img", name="What case 000020108 still owes, by month")
    rows = page.locator("#arrears tbody tr").count()
    assert rows and chart.locator("rect").count() == rows
    assert "The highest is" in chart.locator("desc").text_content()
    accessible(page)
    follow(page, "Payments")
    page.get_by_role("heading", name="Payment history").wait_for()
    if page.locator("#paid-history").count():
        paid = page.get_by_role("img", name="What you paid, by month")
        assert paid.locator("rect").count() >= 1
        accessible(page)


def test_a_fee_account_has_its_own_mail_settings(page, stack):
    """Alaska's Settings, Fees: each fee account's delivery and notification, default
    unless set."""
    from tests.stack import Api
    from tests.web.test_agency import STAFF

    email, member, _ = a_loaded_parent(page, stack, "Fern", "Lowe", "obligor", "06")
    Api(stack, *STAFF[:2]).call("POST", "/agency/records", {"records": [
        {"type": "fee_account", "member_id": member, "account": f"{member}-001",
         "description": "Genetic testing", "balance_cents": 3500}]})
    sign_in_with_emailed_code(page, stack, email, new=True)
    follow(page, "My profile")
    follow(page, "Settings")
    page.get_by_role("heading", name="Fees").wait_for()
    box = page.locator("fieldset", has_text=f"Fee account {member}-001")
    box.get_by_label("How I get letters from the agency").select_option("paper")
    accessible(page)
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Your settings are saved.").wait_for()
    page.reload()
    box = page.locator("fieldset", has_text=f"Fee account {member}-001")
    assert box.get_by_label("How I get letters from the agency").input_value() == "paper"

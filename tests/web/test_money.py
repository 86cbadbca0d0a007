"""Money in the browser: the demo parent adds a bank account, pays his case from it and by
card (reviewed first, a receipt emailed), sees the payment and his case; sets up an
automatic payment; a receiving parent links her case and sets up direct deposit."""
import re

from tests.web.conftest import accessible, follow
from tests.web.test_account import register, sign_in_with_emailed_code

JOHN = ("johndoe@test.com", "Demo-Portal-Pass-2026!")


def click_label(page, text):
    page.locator("label", has_text=text).first.click()  # USWDS hides the input itself


def bank_account(page):
    """John's account ending 6789, added on the Bank accounts page unless it is there."""
    page.goto("/bank-accounts")
    page.get_by_role("heading", name="Bank accounts", level=1).wait_for()
    if not page.get_by_text("•••• 6789").count():
        page.get_by_label("Name on the account").fill("John Doe")
        page.get_by_label("Routing number").fill("125000106")  # nine digits, but no bank's
        page.get_by_label("Account number").fill("000123456789")
        page.get_by_role("button", name="Save the account").click()  # not authorized yet
        form = page.locator("#bank-form")
        assert "Fill in" not in form.locator(".portal-form-errors").inner_text()
        assert form.locator("[aria-invalid=true]").count() == 1  # only the authorization
        click_label(page, "I authorize the agency's payment processor")  # as direct deposit asks
        page.get_by_role("button", name="Save the account").click()
        form.get_by_text("This number doesn't match a US bank routing number.").first.wait_for()
        page.get_by_label("Routing number").fill("125000105")
        page.get_by_role("button", name="Save the account").click()
        page.get_by_text("•••• 6789").wait_for()


def test_the_demo_parent_pays_by_bank_account_and_by_card(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    bank_account(page)
    accessible(page)

    follow(page, "Back to payments")
    page.get_by_label("Pay toward").select_option("case:000020108")
    page.get_by_label("Amount").fill("100")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("By submitting, you authorize this one-time payment.").wait_for()
    assert "$100.00" in page.locator("#pay-steps").inner_text()
    accessible(page)
    before = stack.count(JOHN[0])
    page.get_by_role("button", name="Submit payment").click()
    page.get_by_text("Thank you. Your payment was received.").wait_for()
    confirmation = page.locator("#payment-confirmation").inner_text()
    assert "pending" in confirmation.lower()
    assert re.search(r"P-[0-9A-F]{4}-[0-9A-F]{4}", confirmation)  # a number to read out
    assert not re.search(r"\d{14}-", confirmation)  # not the record's id
    # the history below says so too (it said "No payments yet" under "received")
    pending = page.locator("#paid-history tr", has_text="$100.00").get_by_text("Pending").first
    pending.wait_for()
    assert pending.evaluate("e => getComputedStyle(e).textTransform") == "none"  # not "PENDING"
    stack.last_email(JOHN[0], since=before)  # the receipt, from the mail worker
    assert stack.count(JOHN[0]) == before + 1
    accessible(page)

    follow(page, "Payments")
    page.get_by_label("Amount").fill("25.50")
    click_label(page, "A debit or credit card")
    page.get_by_label("Card number").fill("4111 1111 1111 1111")
    page.get_by_label("Expiration month (MM)").fill("12")
    page.get_by_label("Expiration year (YY or YYYY)").fill("30")  # as printed on the card
    page.get_by_label("Security code").fill("123")
    assert "optional" not in page.locator("#card-fields").inner_text()  # all four are needed
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Card ending in 1111").wait_for()
    page.get_by_role("button", name="Submit payment").click()
    page.get_by_text("Thank you. Your payment was received.").wait_for()

    follow(page, "Payments")
    history = page.locator("#paid-history").inner_text()
    assert "$100.00" in history and "$25.50" in history and "Card ending in 1111" in history
    # every payment, the agency's too: the demo's four checks
    history = page.locator("#paid-history").inner_text()  # (a caseworker's test adds one)
    assert all(f"{month} 15, 2025" in history for month in ("January", "February", "March", "June"))
    assert page.locator("#paid-history tr", has_text="$400.00").count() >= 4


def by_card(page, number: str) -> None:
    """Chooses the card and fills in the sandbox processor's form."""
    click_label(page, "A debit or credit card")
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiration month (MM)").fill("12")
    page.get_by_label("Expiration year (YY or YYYY)").fill("2030")
    page.get_by_label("Security code").fill("123")


def test_a_declined_card_is_explained_and_nothing_is_charged(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "Payments")
    page.get_by_label("Amount").fill("10")
    by_card(page, "4000000000000002")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit payment").click()
    # the API's own words for the decline, with the processor's reason
    assert "declined the payment" in page.locator(".portal-form-errors").inner_text()
    accessible(page)


def test_the_case_page_and_an_automatic_payment(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "000020108")
    page.get_by_role("heading", name="Case 000020108").wait_for()
    for section in ("Case details", "Obligation details", "Recent case actions",
                    "Court dates and appointments", "Payment history"):
        assert page.get_by_role("heading", name=section).is_visible()
    accessible(page)
    bank_account(page)
    page.goto("/autopay")
    page.get_by_role("heading", name="Automatic payments", level=1).wait_for()
    if page.get_by_role("button", name="Stop").count():  # left by an earlier run of this stack
        page.get_by_role("button", name="Stop").first.click()
        page.get_by_role("button", name="Yes, stop them").click()
        page.get_by_text("are stopped.").wait_for()
    form = page.locator("#autopay-form")
    # the demo case has arrears only: "my monthly obligation" ($0) is not the default
    assert not form.locator("input[name=monthly]").is_checked()
    form.get_by_text("This case has no monthly obligation to pay now").wait_for()
    page.get_by_label("Or this amount each month").fill("50")
    page.get_by_label("Day of the month").select_option("15")
    page.get_by_role("button", name="Set up").click()
    review = page.locator("#autopay-editor")
    review.get_by_role("heading", name="Check your automatic payment").wait_for()
    text = review.inner_text()
    assert "$50.00" in text and "First payment" in text and "15" in text
    assert "you authorize the agency's payment processor to debit" in text
    accessible(page)
    page.get_by_role("button", name="Confirm automatic payments").click()
    page.get_by_text("Automatic payments are set up. The first payment is on").wait_for()
    assert "$50.00" in page.locator("table").inner_text()
    # Stop asks first
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stop the automatic payments on case 000020108?").wait_for()
    accessible(page)
    page.get_by_role("button", name="No, keep them").click()
    assert "$50.00" in page.locator("table").inner_text()
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Yes, stop them").click()
    page.get_by_text("The automatic payments on case 000020108 are stopped.").wait_for()
    assert page.get_by_text("You have no automatic payments.").count()


def link_case(page, member: str, last_name: str, ssn: str, born: str) -> None:
    """Find my case, from the Summary's link through About, Your information and Review."""
    follow(page, "Find my case")
    page.get_by_role("button", name="Start").click()
    form = page.locator("#identity-form")
    form.get_by_label("Number", exact=True).fill(member)
    form.get_by_label("Legal last name").fill(last_name)
    form.get_by_label("Social Security number").fill(ssn)
    form.get_by_label("Date of birth").fill(born)
    accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_text(f"***-**-{ssn[-4:]}").wait_for()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your account is linked to your case").wait_for()


def test_a_receiving_parent_links_her_case_and_sets_up_direct_deposit(page, stack):
    email = "jane.doe.links@example.com"
    register(page, stack, email)
    sign_in_with_emailed_code(page, stack, email, new=True)
    link_case(page, "04024333", "Doe", "123-45-3333", "1990-07-04")
    assert "000020108" in page.locator("#confirmation").inner_text()
    main = page.locator("main").inner_text()
    assert "processed at once" in main and "(907) 269-6900" in main  # as Alaska's says
    accessible(page)
    # Alaska's Printable View: printed, the page is the confirmation alone
    page.evaluate("() => { window.print = () => { document.body.dataset.printed = '1'; }; }")
    page.get_by_role("button", name="Printable view").click()
    assert page.evaluate("() => document.body.dataset.printed") == "1"
    page.emulate_media(media="print")
    assert not page.locator("header.usa-header").is_visible()
    assert not page.get_by_role("button", name="Printable view").is_visible()
    assert page.locator("#confirmation").is_visible()
    page.emulate_media(media="screen")

    # her side of the case: what is owed to her and what she received, not a payer's page
    follow(page, "Summary")
    owed = page.locator('table[data-role="obligee"]')
    assert "What is owed to you" in owed.inner_text()
    total = page.evaluate("""async () => (await (await fetch('/api/summary')).json())
        .obligation_summary[0].total_balance.display""")  # by her session's cookie  # $800 less what John paid meanwhile
    assert total in owed.locator("tr", has_text="Total owed to you").inner_text()
    main = page.locator("main").inner_text()
    assert "Payment method" not in main and "Self paid" not in main
    assert "You are not signed up for direct deposit" in main
    follow(page, "Payments")
    received = page.locator("#received-history")
    assert received.locator("tr", has_text="$400.00").count() >= 4
    assert all(f"{month} 15, 2025\t000020108\tCheck" in received.inner_text()
               for month in ("January", "February", "March", "June"))
    assert not page.get_by_role("heading", name="Make a payment").count()
    assert "ending in" not in received.inner_text()  # nothing of how he paid
    accessible(page)
    # I Want To...: what she can ask for first; a payer's requests folded away, with why
    follow(page, "I Want To...")
    page.get_by_role("heading", name="My information").wait_for()
    unavailable = page.locator("#unavailable")
    assert not unavailable.get_attribute("open") and not unavailable.locator("li").first.is_visible()
    unavailable.locator("summary").click()
    unavailable.get_by_text("Have Less Withheld From My Pay (Hardship)").wait_for()
    assert "only the parent who pays support can ask for this." in unavailable.inner_text()
    assert not page.locator('[data-start="hardship_withholding"]').count()
    accessible(page)

    page.goto("/direct-deposit")
    page.get_by_role("heading", name="Direct deposit", level=1).wait_for()
    page.get_by_label("Name on the account").fill("Jane Doe")
    page.get_by_label("Routing number").fill("125000105")
    page.get_by_label("Account number", exact=True).fill("000987654321")
    page.get_by_label("Account number again").fill("000987654321")
    click_label(page, "I authorize the agency")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Direct deposit is saved.").wait_for()
    assert "ending in 4321" in page.locator("main").inner_text()
    accessible(page)
    follow(page, "Summary")
    page.get_by_text("Your support is deposited to your account ending in 4321.").wait_for()


def test_more_than_is_owed_asks_for_a_confirmation(page, stack):
    """The API refuses a one-time payment above what the case owes until the payer
    confirms it; the review step then shows the confirmation (not submitted here: the
    demo case's balance is shared with the other tests)."""
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "Payments")
    page.get_by_label("Pay toward").select_option("case:000020108")
    page.get_by_label("Amount").fill("5000")
    by_card(page, "4111 1111 1111 1111")  # whether or not a bank account was saved
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit payment").click()
    errors = page.locator(".portal-form-errors")
    errors.wait_for()
    assert "You owe" in errors.inner_text() and "credit" in errors.inner_text()
    confirm = page.get_by_label("Yes, pay more than I owe: the rest is kept as a credit on my case")
    assert confirm.is_visible() and not confirm.is_checked()
    accessible(page)

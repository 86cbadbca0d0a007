"""Messages and letters in the browser: the demo parent reads the agency's message and
answers, writes a new one, and opens his letter (a PDF)."""
from tests.web.conftest import accessible, follow
from tests.web.test_account import sign_in_with_emailed_code
from tests.web.test_money import JOHN


def test_messages_a_reply_and_a_new_message(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "Messages")
    accessible(page)
    page.get_by_role("link", name="Your annual review").click()  # the demo's, from the agency
    page.locator("#reply-form").wait_for()
    assert "The agency" in page.locator("#conversation").inner_text()
    accessible(page)
    page.get_by_label("Reply").fill("Thank you, I will call on Monday.")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you, I will call on Monday.").wait_for()

    follow(page, "Back to messages")
    page.get_by_label("About case").select_option("000020108")
    page.get_by_label("Subject").fill("Question about my arrears")
    page.get_by_label("Message", exact=True).fill("How was my arrears balance computed?")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Your message was sent.").wait_for()
    assert page.locator("h1").inner_text() == "Question about my arrears"


def test_reading_a_letter_opens_its_pdf(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    page.goto("/letters")
    page.get_by_role("heading", name="Letters", level=1).wait_for()
    accessible(page)
    unread = int(page.get_by_text("Unread letters:").inner_text().split(":")[1])
    with page.context.expect_page() as opened:
        page.locator("[data-letter].text-bold").first.click()
    pdf = opened.value
    response = pdf.context.request.get(pdf.url)
    assert response.body().startswith(b"%PDF")
    page.get_by_text(f"Unread letters: {unread - 1}").wait_for()

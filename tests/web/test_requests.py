"""I Want To... in the browser: the demo parent files a request for an order modification
step by step (Your Information filled from his profile), reviews, submits, gets a
confirmation number and a PDF, and finds it by searching; a form reads in Spanish too."""
from tests.stack import PDF
from tests.web.conftest import accessible, back_to_english, follow
from tests.web.test_account import sign_in_with_emailed_code
from tests.web.test_money import JOHN, click_label


def start_request(page, type_id: str) -> None:
    """From I Want To...: start a request, pass About, keep Your Information as suggested."""
    follow(page, "I Want To...")
    page.locator(f'[data-type="{type_id}"]').get_by_role("button", name="Start").click()
    click_label(page, "I have read what this request is for.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("We filled this in from your profile.").wait_for()
    page.get_by_role("button", name="Save and continue").click()


def test_file_an_order_modification_and_find_it(page, stack, tmp_path):
    sign_in_with_emailed_code(page, stack, *JOHN)
    follow(page, "I Want To...")
    accessible(page)
    headings = page.locator("main h2").all_inner_texts()
    assert {"Payments", "My case", "My information"} <= set(headings)  # by what he wants
    main = page.locator("main").inner_text()
    for jargon in ("Obligor Actions", "Remove Payment Channels", "Request CFEC Permit Transfer"):
        assert jargon not in main, jargon
    card = page.locator('[data-type="order_modification"]')
    card.get_by_role("button", name="Start").click()
    click_label(page, "I have read what this request is for.")
    accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("We filled this in from your profile.").wait_for()  # Your Information
    assert page.get_by_label("First name").input_value() == "John"
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What changed").select_option("income_decrease")
    page.get_by_label("Date of the change").fill("2026-10-01")
    page.get_by_label("Explanation").fill("My hours were cut in half in October.")
    page.get_by_label("Current annual income").fill("31,200")
    accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("Check your answers, then submit the request.").wait_for()
    review = page.locator("#request-steps").inner_text()
    assert "My income went down" in review and "$31,200.00" in review
    accessible(page)
    # a file that is not what it says is refused, and the request is not sent without it
    fake = tmp_path / "not really.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    page.locator("#attach-form input[type=file]").set_input_files(str(fake))
    page.locator("#attach-form .portal-form-errors").wait_for()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("The document you chose is not attached yet.").wait_for()
    assert page.get_by_text("Check your answers, then submit the request.").is_visible()
    # choosing a document attaches it: there is no step to forget
    proof = tmp_path / "pay stub.pdf"
    proof.write_bytes(PDF)
    page.locator("#attach-form input[type=file]").set_input_files(str(proof))
    page.locator("#attached", has_text="pay stub.pdf").wait_for()
    before = stack.count(JOHN[0])
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("heading", name="Your request was received").wait_for()
    assert not page.get_by_role("button", name="Delete this draft").count()
    assert "draft" not in page.locator("main").inner_text().lower()
    number = page.locator("#request-confirmation dd").first.inner_text()
    assert number.count("-") == 3
    stack.last_email(JOHN[0], since=before)  # the confirmation email, from the mail worker
    assert stack.count(JOHN[0]) == before + 1
    # the browser's print dialog prints the page or saves it as a PDF (issue #27)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print or save as PDF").click()
    assert page.evaluate("window.printed") is True

    page.goto("/submissions")
    page.get_by_label("Confirmation number").fill(number)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Request an Order Modification").first.wait_for()
    assert number in page.locator("table").inner_text()
    accessible(page)


def test_a_missing_answer_is_shown_at_its_field_in_spanish(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Resumen", exact=True).wait_for()
    try:
        follow(page, "Quiero...")
        page.locator('[data-type="change_of_address"]').get_by_role("button", name="Empezar").click()
        click_label(page, "Leí para qué es esta solicitud.")
        page.get_by_role("button", name="Guardar y continuar").click()
        page.get_by_role("button", name="Guardar y continuar").wait_for()
        page.get_by_label("Nombre", exact=True).fill("")
        page.get_by_role("button", name="Guardar y continuar").click()
        errors = page.locator(".portal-form-errors").inner_text()
        assert "Complete este campo." in errors
        accessible(page)
    finally:
        back_to_english(page)

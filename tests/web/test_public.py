"""The public pages, in both languages, by keyboard, with no accessibility violation."""
from tests.web.conftest import accessible


def test_the_home_page_in_english_and_spanish_remembered(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Child support services online"
    assert "Benefits of registering" in page.locator("main").inner_text()
    accessible(page)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Servicios de manutención de menores en línea").wait_for()
    assert page.evaluate("() => document.documentElement.lang") == "es"
    accessible(page)
    page.reload()
    assert page.locator("h1").inner_text() == "Servicios de manutención de menores en línea"
    assert page.get_by_role("link", name="Iniciar sesión").first.is_visible()


def test_the_skip_link_is_first_and_moves_focus_to_the_content(page):
    page.goto("/sign-in")
    page.locator("h1").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_an_unknown_page_says_so(page):
    page.goto("/no-such-page")
    assert page.locator("h1").inner_text() == "Page not found"
    accessible(page)


def test_sign_in_and_register_pages_are_accessible(page):
    page.goto("/sign-in")
    page.locator("#password-form").wait_for()
    accessible(page)
    page.goto("/register")
    page.locator("#register-form").wait_for()
    accessible(page)
    page.goto("/forgot-password")
    page.locator("#forgot-form").wait_for()
    accessible(page)


def test_a_wrong_password_is_reported_at_the_form(page):
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("nobody@example.com")
    page.get_by_label("Password").fill("Not-The-Password-2026!")
    page.get_by_role("button", name="Sign in", exact=True).click()
    alert = page.locator(".portal-form-errors")
    alert.wait_for()
    assert "The email or password is not correct." in alert.inner_text()  # the API's words
    assert page.evaluate("document.activeElement.classList.contains('portal-form-errors')")
    accessible(page)


def test_registration_shows_its_rules_up_front_and_names_each_field_in_error(page):
    page.goto("/register")
    rules = page.locator("#password-rules")
    rules.get_by_text("At least 14 characters").wait_for()  # before anything is typed
    assert rules.locator(".portal-rule-met").count() == 0
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Password", exact=True).type("jane")
    met = lambda: rules.locator(".portal-rule-met").all_inner_texts()  # noqa: E731
    assert any("A lowercase letter" in m for m in met())
    assert not any("Nothing from your name" in m for m in met())  # "jane" is her name
    page.get_by_label("Password", exact=True).fill("Lantern-Harbor-Quill-2026!")
    page.get_by_label("Password", exact=True).press("End")
    page.get_by_label("Password", exact=True).type(" ")
    page.get_by_label("Password", exact=True).press("Backspace")
    assert len(met()) == 7  # every rule ticked
    # the terms are a page to read
    terms = page.get_by_role("link", name="Read the terms and conditions")
    assert terms.get_attribute("href") == "/terms"
    # the error summary names each field it lists
    page.get_by_role("button", name="Create my account").click()
    summary = page.locator(".portal-form-errors")
    summary.wait_for()
    listed = summary.locator("li").all_inner_texts()
    assert "Last name: Fill in this field." in listed, listed
    assert any(item.startswith("Email address: ") for item in listed), listed
    accessible(page)
    page.goto("/terms")
    page.get_by_role("heading", name="Terms and conditions of use").wait_for()
    accessible(page)


def test_a_forgotten_case_number_is_emailed_to_the_address_on_file_in_spanish(page, stack):
    """From the sign-in page, in Spanish, without a logon: the demo's Jane gives her SSN,
    date of birth and mailing ZIP, and her case number reaches the address the agency
    has for her, never the screen."""
    from tests.web.conftest import follow

    page.goto("/sign-in")
    page.get_by_role("button", name="Español").click()
    follow(page, "¿Olvidó su número de caso?")
    accessible(page)
    before = stack.count("janedoe@test.com")
    page.get_by_label("Número de Seguro Social").fill("123-45-3333")
    page.get_by_label("Fecha de nacimiento").fill("1990-07-04")
    page.get_by_label("Código postal de su dirección de correo").fill("99501")
    page.get_by_role("button", name="Enviar mis números de caso").click()
    page.get_by_text("sus números de caso van en camino").wait_for()
    assert "000020108" not in page.locator("main").inner_text()
    sent = stack.last_email("janedoe@test.com", since=before)
    assert "000020108" in sent["body"] and "Sus números de caso" in sent["subject"]
    page.get_by_role("button", name="English").click()


def test_a_forgotten_logon_address_is_emailed_to_the_address_on_file(page, stack):
    """The demo's John signs in as johndoe@test.com, the address the agency has too: the
    answer comes there, and the screen never shows it."""
    from tests.web.conftest import follow

    page.goto("/sign-in")
    follow(page, "Forgot which email you sign in with?")
    accessible(page)
    before = stack.count("johndoe@test.com")
    page.get_by_label("I know my").select_option("case")
    page.get_by_label("Number", exact=True).fill("000020108")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("Date of birth").fill("1989-02-16")
    page.get_by_role("button", name="Email it to me").click()
    page.get_by_text("we emailed its address").wait_for()
    assert "johndoe@test.com" not in page.locator("main").inner_text()
    sent = stack.last_email("johndoe@test.com", since=before)
    assert sent["subject"] == "The email address you sign in with"


def test_help_about_and_the_ways_to_reach_the_agency_in_both_languages(page):
    """The footer's phones and hours on every page, Help with each by purpose, About
    with the agency's links, and a map for each office found."""
    from tests.web.conftest import follow

    page.goto("/")
    page.get_by_role("heading", name="Need help?").wait_for()
    footer = page.locator("#site-help")
    assert "(907) 269-6900" in footer.inner_text() and "8:00 AM to 4:30 PM" in footer.inner_text()
    follow(page, "Get help")
    page.get_by_role("heading", name="Help and contact").wait_for()
    assert "Toll free in Alaska" in page.locator("main").inner_text()
    follow(page, "About the agency")
    page.get_by_role("link", name="The division's website").wait_for()
    accessible(page)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Acerca de la División de Servicios de Manutención "
                                     "Infantil").wait_for()
    assert "De lunes a viernes" in page.locator("#site-help").inner_text()
    page.get_by_role("button", name="English").click()
    page.goto("/offices")
    page.get_by_label("ZIP code").fill("99701")
    page.get_by_role("button", name="Search").click()
    map_link = page.get_by_role("link", name="Map of Child Support Services Division, Fairbanks")
    assert map_link.get_attribute("href").startswith("https://www.openstreetmap.org/search?")

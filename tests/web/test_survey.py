"""The customer portal survey (Arizona's "Have feedback on our website?"): a visitor
answers it from the home page in English or Spanish, without signing in; a supervisor
reads the month's answers."""
import re
import time

from tests.web.conftest import accessible, follow
from tests.web.test_agency import SUPERVISOR, sign_in_at_the_desk
from tests.web.test_money import click_label


def test_a_visitor_answers_and_a_supervisor_reads_it(page, stack):
    comment = f"Paying took two minutes ({time.time_ns()})."
    page.goto("/")
    page.get_by_role("heading", name="Customer portal survey").wait_for()
    follow(page, "Take our short survey")
    page.get_by_role("heading", name="Customer portal survey", level=1).wait_for()
    accessible(page)
    page.get_by_role("button", name="Send").click()  # nothing chosen: each question says so
    page.locator(".usa-error-message:not([hidden])").first.wait_for()
    accessible(page)
    click_label(page, re.compile(r"^Easy$"))  # not "Very easy"
    page.get_by_label("What did you come to do?").select_option("pay")
    click_label(page, "Yes")
    page.get_by_label("Anything else you want to tell us?").fill(comment)
    page.get_by_role("button", name="Send").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    accessible(page)

    page.goto("/survey")
    page.get_by_role("button", name="Español").first.click()
    page.get_by_role("heading", name="Encuesta del portal", level=1).wait_for()
    click_label(page, "Muy fácil")
    page.get_by_label("¿Qué vino a hacer?").select_option("balance")
    click_label(page, "En parte")
    page.get_by_role("button", name="Enviar").click()
    page.get_by_role("heading", name="Gracias").wait_for()
    page.get_by_role("button", name="English").first.click()

    sign_in_at_the_desk(page, stack, SUPERVISOR)
    follow(page, "Survey")
    page.get_by_role("heading", name="Survey", level=1).wait_for()
    assert comment in page.locator("#survey-comments").inner_text()
    assert "answers. Average:" in page.locator("#survey-total").inner_text()
    accessible(page)

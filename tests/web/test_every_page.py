"""Every page of the client as the person it is for sees it (the public, the demo parent
with a payment, a submitted request and a message of his own, the supervisor), on a
desktop in English and on a phone in Spanish: axe-core finds no WCAG 2.1 A/AA violation,
no page is wider than the screen, and a Spanish page shows none of the client's English
texts. The route table is read from the client's source, so a new page fails here until
it is visited.

Its own stack: what it sets up (a payment, a request) stays out of the other tests'."""
from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest

from tests.stack import ROOT, Api, local_stack
from tests.web.conftest import accessible, signed_in
from tests.web.test_agency import SUPERVISOR
from tests.web.test_i18n import dictionary
from tests.web.test_money import JOHN

MAIN_JS = ROOT / "web" / "src" / "js" / "main.js"


def routes() -> list[str]:
    return re.findall(r'\["(/[^"]*)", "[\w-]+"\]', MAIN_JS.read_text())


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with local_stack(tmp_path_factory.mktemp("every-page")) as running:
        yield running


@pytest.fixture(scope="module")
def paths(stack) -> dict[str, str]:
    """Each route with its parameters filled in from records made for the purpose."""
    john = Api(stack, *JOHN)
    card = john.call("POST", "/sandbox/card-tokens", {
        "number": "4111111111111111", "exp_month": 12, "exp_year": 2030, "cvc": "123"})
    payment = john.call("POST", "/payments", {"case_id": "000020108", "amount_cents": 2500,
                                              "card_token": card["token"]},
                        headers={"Idempotency-Key": uuid.uuid4().hex})
    draft = john.call("POST", "/submissions", {"type": "request_statement", "case_id": "000020108"})
    answers = {"about": {"understood": True},
               "statement": {"kind": "summary", "delivery": "electronic",
                             "period": {"start": "2026-01-01", "end": "2026-06-30"}}}
    suggested = next(s["suggested"] for s in draft["steps"] if s["id"] == "your_information")
    answers["your_information"] = suggested
    for step, given in answers.items():
        john.call("PUT", f"/submissions/{draft['submission_id']}/steps/{step}", {"answers": given})
    submitted = john.call("POST", f"/submissions/{draft['submission_id']}/submit")
    thread = john.call("POST", "/messages", {"subject": "My last payment",
                                            "body": "Was my payment in October received?"})
    return {
        "/payments/:paymentId": f"/payments/{payment['payment_id']}",
        "/cases/:caseId": "/cases/000020108",
        "/messages/:threadId": f"/messages/{thread['thread_id']}",
        "/submissions/:submissionId": f"/submissions/{draft['submission_id']}",
        "/agency/requests/:confirmation": f"/agency/requests/{submitted['confirmation_number']}",
        "/agency/messages/:threadId": f"/agency/messages/{thread['thread_id']}",
    }


# Who sees each page; a page for a visitor with a link (a token) is seen without one.
PUBLIC = ["/", "/sign-in", "/register", "/verify-email", "/forgot-password", "/reset-password",
          "/resend-verification", "/help/sign-in", "/help", "/about", "/forgot-case-number",
          "/forgot-username", "/survey",
          "/tools", "/tools/estimate", "/tools/arrears", "/offices", "/resources", "/terms"]
STAFF_ONLY = [r for r in routes() if r.startswith("/agency")]
PARENT = [r for r in routes() if r not in PUBLIC and r not in STAFF_ONLY]


def test_the_sweep_covers_the_route_table():
    assert set(PUBLIC) <= set(routes()), set(PUBLIC) - set(routes())
    assert len(PUBLIC) + len(STAFF_ONLY) + len(PARENT) == len(routes())


def english_texts() -> list[str]:
    """The client's English texts that a Spanish page must not show: each text's fixed
    parts of three words or more that its Spanish does not share."""
    en, es = dictionary("en"), dictionary("es")
    texts = set()
    for key, text in en.items():
        for part in re.split(r"\{\w+\}", text):
            part = part.strip(" .,:;()")
            if len(part.split()) >= 3 and part not in es[key]:
                texts.add(part)
    return sorted(texts)


# what the API writes for people, read in both languages
WORDED = ["/summary", "/action-center", "/request-types", "/cases/000020108",
          "/resources", "/offices?zip=99501", "/auth/security-questions", "/benefits"]


def api_english(stack) -> list[str]:
    """The API's English words for people that a Spanish page must not show: every text of
    three words or more that its Spanish answer (the same call, in Spanish) does not
    share, from the calls the pages make."""
    john = Api(stack, *JOHN)
    texts: set[str] = set()

    def pair(en, es) -> None:
        if isinstance(en, dict) and isinstance(es, dict):
            for key in en.keys() & es.keys():
                pair(en[key], es[key])
        elif isinstance(en, list) and isinstance(es, list):
            for one, other in zip(en, es, strict=False):
                pair(one, other)
        elif isinstance(en, str) and isinstance(es, str) and en != es:
            if len(en.split()) >= 3 and en not in es:
                texts.add(en)

    for path in WORDED:
        pair(john.call("GET", path, headers={"Accept-Language": "en"}),
             john.call("GET", path, headers={"Accept-Language": "es"}))
    assert len(texts) > 30, texts  # the calls did answer in both
    return sorted(texts)


# WCAG 2.2, what axe cannot see (docs/web.md, "WCAG 2.2"): help in the same place on
# every page (3.2.6), and password fields a password manager fills (3.3.8)
HELP = """() => [...document.querySelectorAll('#site-help a')].map(a => a.getAttribute('href') + ' ' + a.textContent.trim())"""
PASSWORDS = """() => [...document.querySelectorAll('input[type=password][name*=password]')]
    .filter(i => !['current-password', 'new-password'].includes(i.autocomplete)).map(i => i.id)"""


def visit(page, path: str, language: str, english: list[str]) -> list[str]:
    """Checks the page; returns its help (the footer's links), to compare across pages."""
    page.goto(path)
    page.wait_for_function("() => document.body.dataset.rendered")
    page.locator(f"html[lang={language}]").wait_for()
    assert urlsplit(page.url).path == path, f"{path} became {page.url}"  # not sent to sign in
    heading = page.locator("main h1").first.inner_text()
    assert heading not in ("Page not found", "Página no encontrada"), path
    accessible(page)
    wider = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert wider <= 0, f"{path} is {wider}px wider than the screen"
    assert not page.evaluate(PASSWORDS), f"{path}: a password field password managers skip"
    if language == "es":
        shown = page.locator("body").inner_text()
        left = [text for text in english if text in shown]
        assert not left, f"{path} in Spanish shows English: {left}"
    return page.evaluate(HELP)


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.mark.parametrize(("language", "viewport"), [("en", DESKTOP), ("es", PHONE)],
                         ids=["english-desktop", "spanish-phone"])
def test_every_page_is_accessible_in_both_languages(browser, stack, paths, language, viewport):
    english = english_texts() + api_english(stack) if language == "es" else []
    helps = {}
    # staff pages as the supervisor, whose duties reach every one of them
    for who, pages in ((None, PUBLIC), (JOHN, PARENT), (SUPERVISOR[:2], STAFF_ONLY)):
        context = browser.new_context(base_url=stack.web, locale="en-US", viewport=viewport)
        context.add_init_script(f"localStorage.setItem('lang', '{language}')")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        try:
            if who:
                signed_in(page, stack, *who)
            for route in pages:
                helps[route] = visit(page, paths.get(route, route), language, english)
        finally:
            context.close()
        assert not errors, errors
    first = helps["/"]
    assert any(h.startswith("/help ") for h in first) and any(
        h.startswith("tel:") for h in first), first
    assert {r: h for r, h in helps.items() if h != first} == {}, "help moved on these pages"

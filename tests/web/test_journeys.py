"""Journeys as people make them, on a desktop in English and on a phone in Spanish: each
step asserts what the person reads there (amounts, dates with their zone, names,
messages) in their language, the words taken from the client's dictionaries and the
figures from the API, and leaves a screenshot of the step in test-artifacts/journeys/.

The member of the public uses the tools; John, who pays, signs in, reads what he owes and
his next hearing, pays by card and finds his payment and the agency's checks; a helper he
invites registers from the invitation and acts for him; Ana, who receives, registers,
links the case the agency loaded, reads what is owed to her and what she received, and
sets up direct deposit; a caseworker answers John and looks a member up.

Their own stack: what they change stays out of the other tests'."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.stack import ROOT, Api, local_stack
from tests.web.conftest import CASEWORKER, accessible
from tests.web.test_i18n import dictionary

ARTIFACTS = ROOT / "test-artifacts" / "journeys"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
VARIANTS = [pytest.param("en", DESKTOP, id="english-desktop"),
            pytest.param("es", PHONE, id="spanish-phone")]
JOHN = ("johndoe@test.com", "Demo-Portal-Pass-2026!")
PASSWORD = "Lantern-Harbor-Quill-2026!"
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with local_stack(tmp_path_factory.mktemp("journeys")) as running:
        yield running


def dollars(cents: int) -> str:
    """As the client shows money in either language (en-US and es-US agree)."""
    whole, part = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}${whole:,}.{part:02d}"


class Person:
    """Someone using the portal in one language on one device, reading as they go."""

    def __init__(self, browser, stack, journey: str, language: str, viewport: dict):
        self.stack, self.language, self.phone = stack, language, viewport is PHONE
        self.words = dictionary(language)
        context = browser.new_context(base_url=stack.web, viewport=viewport, locale="en-US",
                                      is_mobile=self.phone, has_touch=self.phone,
                                      timezone_id="America/Chicago")  # not the agency's
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.shots = ARTIFACTS / f"{journey}-{language}"
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in self.shots.glob("*.png"):
            old.unlink()
        self.count = 0

    def open(self, path: str) -> None:
        """Opens a page; the first time, the person picks their language with the switch."""
        self.page.goto(path)
        self.page.wait_for_function("() => document.body.dataset.rendered")
        if self.page.evaluate("document.documentElement.lang") != self.language:
            english = dictionary("en")[f"language.switch_to_{self.language}"]
            self.tap(self.page.get_by_role("button", name=english))
            self.page.locator(f"html[lang={self.language}]").wait_for()

    def t(self, key: str, **values) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), "")), self.words[key])

    def reads(self, text: str) -> None:
        """The text is on the screen (it waits for it)."""
        self.page.get_by_text(text, exact=False).first.wait_for()

    def says(self, key: str, **values) -> str:
        """The dictionary's words for the key, in this person's language, are on the screen."""
        text = self.t(key, **values)
        self.reads(text)
        return text

    def step(self, name: str) -> None:
        """The step is done: checked for accessibility, and kept as a screenshot."""
        accessible(self.page)
        self.count += 1
        self.page.screenshot(path=str(self.shots / f"{self.count:02d}-{name}.png"), full_page=True)

    def tap(self, locator) -> None:
        (locator.tap if self.phone else locator.click)()

    def go(self, key: str) -> None:
        """Follows a menu link (on a phone, through the menu)."""
        if self.phone:
            self.tap(self.page.get_by_role("button", name=self.t("nav.menu")))
        before = self.page.evaluate("document.body.dataset.rendered || '0'")
        # the tab's name, then what it counts, if anything ("Action Center 3 to do")
        name = re.compile(rf"^{re.escape(self.t(key))}(\s\S+.*)?$")
        self.tap(self.page.locator(".usa-nav").get_by_role("link", name=name))
        self.page.wait_for_function("b => (document.body.dataset.rendered || '0') !== b", arg=before)

    def press(self, key: str, exact: bool = True, **values) -> None:
        self.tap(self.page.get_by_role("button", name=self.t(key, **values), exact=exact).first)

    def fill(self, key: str, value: str, **values) -> None:
        self.page.get_by_label(self.t(key, **values), exact=True).first.fill(value)

    def sign_in(self, email: str, password: str) -> None:
        self.open("/sign-in")
        before = self.stack.count(email)
        self.fill("form.email", email)
        self.fill("form.password", password)
        self.press("signin.button")
        answer = self.stack.second_step(email, ["email"] if email != STAFF[0] else ["totp"],
                                        since=before)
        self.fill(f"signin.code_{answer.get('method', 'email')}", answer["code"])
        self.press("signin.verify")

    def register(self, email: str, first: str, last: str, since: int = 0) -> None:
        """The registration form (open already), then the link from the mailbox."""
        self.fill("form.first_name", first)
        self.fill("form.last_name", last)
        if not self.page.get_by_label(self.t("form.email"), exact=True).input_value():
            self.fill("form.email", email)
        self.fill("form.email_again", email)  # typed twice, even when the link gave it
        self.fill("form.phone", "907-555-0142")
        self.fill("form.password", PASSWORD)
        self.fill("form.password_again", PASSWORD)
        for i, answer in enumerate(["Anchorage", "Cobalt blue", "Rex the dog"], start=1):
            self.page.get_by_label(self.t("register.question", n=i), exact=True).select_option(index=i)
            self.fill("register.answer", answer, n=i)
            self.fill("register.answer_again", answer, n=i)
        self.page.get_by_text(self.t("register.terms")).click()
        self.step("registration")
        before = self.stack.count(email)
        self.press("register.button")
        self.says("register.sent_heading")
        self.page.goto(self.stack.link(email, since=before))
        self.press("verify.button")
        self.says("verify.done", email=email)

    def keeps_emailed_codes(self) -> None:
        """A new logon's first sign-in asks how it will confirm sign-ins (Alaska)."""
        self.says("twostep.title")
        self.press("twostep.email_button")

    def sign_out(self) -> None:
        if self.phone:
            self.tap(self.page.get_by_role("button", name=self.t("nav.menu")))
        self.press("nav.sign_out")
        self.says("signin.signed_out")

    def done(self) -> None:
        self.page.context.close()
        assert not self.errors, self.errors


def test_the_member_of_the_public_uses_the_tools(browser, stack, language, viewport):
    you = Person(browser, stack, "public", language, viewport)
    you.open("/")
    you.says("home.heading")
    you.step("home")
    you.go("nav.tools")
    you.says("tools.estimate_text")
    you.step("tools")

    you.page.goto("/tools/estimate")
    you.fill("estimate.total_income", "60000")
    you.fill("estimate.with_b", "1")
    you.press("estimate.calculate")
    expected = Api(stack).call("POST", "/tools/support-estimate", {
        "parent_a": {"total_income_cents": 6000000}, "children_primary_with_a": 0,
        "children_primary_with_b": 1, "children_shared": 0, "children_with_third_party": 0})
    you.says("estimate.result", monthly=dollars(expected["monthly_support_cents"]))
    you.says("estimate.no_taxes", parent=you.t("estimate.parent_a"))
    you.step("estimate")

    you.page.goto("/tools/arrears")
    you.fill("arrears.income", "50,000")
    you.fill("arrears.owed", "800")
    you.press("arrears.chart_calculate")
    you.says("arrears.chart_answer", payment=dollars(5000))
    you.step("arrears-chart")
    you.fill("arrears.balance", "1,200")
    you.fill("arrears.months_or_payment", "12")
    you.press("estimate.calculate")
    you.says("arrears.plan", months=12, payment=dollars(10000))
    you.step("arrears")

    you.page.goto("/offices")
    you.fill("field.zip", "99701")
    you.press("want.search")
    you.says("offices.near", zip="99701")
    you.step("offices")
    you.done()


def hearing_words(you: Person) -> str:
    """The demo's hearing (chalicelib/local/demo.py: 17:30 UTC, ten days on) as the Action
    Center words it, at the agency's time with its zone, whatever the browser's zone."""
    at = (datetime.now(ZoneInfo("UTC")) + timedelta(days=10)).replace(
        hour=17, minute=30, second=0, microsecond=0).astimezone(ZoneInfo("America/Anchorage"))
    clock = f"{at.hour % 12 or 12}:{at.minute:02d}"
    if you.language == "es":
        time_ = f"{clock} {'a.m.' if at.hour < 12 else 'p.m.'} hora de Alaska"
        return you.t("action.hearing_at", day=f"{at.day} de {MONTHS_ES[at.month - 1]}", time=time_)
    time_ = f"{clock} {'AM' if at.hour < 12 else 'PM'} Alaska Time"
    return you.t("action.hearing_at", day=f"{at:%B} {at.day}", time=time_)


def test_the_paying_parent_reads_what_he_owes_and_pays(browser, stack, language, viewport):
    john = Api(stack, *JOHN)
    you = Person(browser, stack, "paying-parent", language, viewport)
    you.sign_in(*JOHN)
    you.page.get_by_role("heading", name=you.t("summary.title"), exact=True).wait_for()
    owed = john.call("GET", "/summary")["obligation_summary"][0]
    you.says("summary.you_pay")
    assert owed["total_balance"]["display"] in you.page.locator('table[data-role="obligor"]').inner_text()
    you.says("casetype.Never Assistance IV-D")
    you.step("summary")

    you.go("nav.action_center")
    you.reads(hearing_words(you))
    you.step("action-center")

    you.go("nav.payments")
    you.page.get_by_label(you.t("pay.amount"), exact=True).fill("25")
    you.page.locator("label", has_text=you.t("pay.card_option")).first.click()
    you.fill("pay.card_number", "4111 1111 1111 1111")
    you.fill("pay.exp_month", "12")
    you.fill("pay.exp_year", "30")
    you.fill("pay.cvc", "123")
    you.press("steps.continue")
    you.says("pay.authorize")
    you.step("payment-review")
    you.press("pay.submit")
    you.says("pay.thanks")
    confirmation = you.page.locator("#payment-confirmation").inner_text()
    assert re.search(r"P-[0-9A-F]{4}-[0-9A-F]{4}", confirmation), confirmation
    history = you.page.locator("#paid-history")
    history.locator("tr", has_text="$25.00").get_by_text(you.t("pay.status_pending")).first.wait_for()
    assert you.t("source.check") in history.inner_text()  # the agency's checks are his too
    you.step("payment-done")

    you.page.goto("/cases/000020108")
    you.says("event.court_date")
    arrears = you.page.locator("#arrears").inner_text()  # the ledger's months, as months
    months = MONTHS_ES if language == "es" else [f"{datetime(2025, m, 1):%B}" for m in range(1, 13)]
    month = r"(%s)( de)? 20\d\d" % "|".join(months)
    assert re.search(month, arrears, re.IGNORECASE), arrears
    assert not re.search(r"20\d\d-\d\d", arrears), arrears
    you.step("case")
    you.sign_out()
    you.done()


def test_an_invited_helper_registers_from_the_link_and_acts_for_him(browser, stack, language,
                                                                     viewport):
    helper = f"sister.{language}.{time.time_ns()}@example.com"
    before = stack.count(helper)
    Api(stack, *JOHN).call("POST", "/access/grants", {"email": helper, "permissions": ["view"]})
    you = Person(browser, stack, "invited-helper", language, viewport)
    you.open(stack.link(helper, since=before))
    you.says("access.invited_by", name="John Doe")
    you.reads(helper)
    you.step("invitation")

    you.tap(you.page.get_by_role("link", name=you.t("access.accept_register")))
    you.says("register.invited")
    assert you.page.get_by_label(you.t("form.email"), exact=True).input_value() == helper
    you.register(helper, "Sue", "Sister")

    you.sign_in(helper, PASSWORD)
    you.keeps_emailed_codes()
    you.says("access.accepted", name="John Doe")  # carried through, and accepted
    you.step("accepted")
    you.tap(you.page.get_by_role("link", name=you.t("access.mine")))
    you.press("access.act_for", exact=False)  # (its name says whose)
    you.says("access.acting_banner", name="John Doe")
    you.reads("000020108")
    you.step("acting")
    you.press("access.back_to_mine")
    you.page.get_by_role("heading", name=you.t("access.title"), level=1).wait_for()
    you.done()


STAFF = CASEWORKER


def her_case(stack, language: str) -> tuple[str, str, str]:
    """A case the agency loads for this journey (a parent can link one logon only):
    $300 a month, three months charged, two paid by income withholding. Returns the
    receiving parent's member id, SSN and case id."""
    n = "1" if language == "en" else "2"
    member, payer, case, ssn = f"0406000{n}", f"0406010{n}", f"00006000{n}", f"123-46-000{n}"
    records = [
        {"type": "member", "member_id": member, "first_name": "ANA", "last_name": "LOPEZ",
         "date_of_birth": "1991-05-20", "ssn": ssn},
        {"type": "member", "member_id": payer, "first_name": "LUIS", "last_name": "LOPEZ",
         "date_of_birth": "1989-01-02", "ssn": f"123-47-000{n}"},
        {"type": "case", "case_id": case, "case_type": "Never Assistance IV-D", "status": "active",
         "participants": [{"member_id": payer, "role": "obligor", "name": "LUIS LOPEZ"},
                          {"member_id": member, "role": "obligee", "name": "ANA LOPEZ"}],
         "payment_method": "income_withholding",
         "obligation": {"monthly_support_cents": 30000, "due_day": 1, "start": "2025-01-01",
                        "end": "2025-03-31"}}]
    for month in (1, 2, 3):
        records.append({"type": "ledger", "case_id": case, "entry_id": f"chg-{month}",
                        "on": f"2025-0{month}-01", "kind": "charge", "amount_cents": 30000,
                        "description": "Current support"})
    for month in (1, 3):
        records.append({"type": "ledger", "case_id": case, "entry_id": f"iwo-{month}",
                        "on": f"2025-0{month}-15", "kind": "payment", "amount_cents": 25000,
                        "description": "Employer remittance", "source": "income_withholding"})
    loaded = Api(stack, *STAFF).call("POST", "/agency/records", {"records": records})
    assert not loaded["counts"].get("error"), loaded
    return member, ssn, case


def test_the_receiving_parent_reads_what_is_owed_to_her(browser, stack, language, viewport):
    member, ssn, case = her_case(stack, language)
    email = f"ana.{language}.{time.time_ns()}@example.com"
    you = Person(browser, stack, "receiving-parent", language, viewport)
    you.open("/register")
    you.register(email, "Ana", "Lopez")
    you.sign_in(email, PASSWORD)
    you.keeps_emailed_codes()
    you.says("summary.not_linked")
    you.tap(you.page.get_by_role("link", name=you.t("summary.link_case")).first)
    you.press("link.start")
    form = you.page.locator("#identity-form")
    form.get_by_label(you.t("link.number"), exact=True).fill(member)
    form.get_by_label(you.t("link.legal_last_name")).fill("Lopez")
    form.get_by_label(you.t("link.ssn")).fill(ssn)
    form.get_by_label(you.t("form.date_of_birth")).fill("1991-05-20")
    you.press("steps.continue")
    you.reads(f"***-**-{ssn[-4:]}")
    you.press("steps.submit")
    you.says("link.done")
    you.step("linked")

    you.go("nav.summary")
    owed = you.page.locator('table[data-role="obligee"]')
    you.says("summary.owed_to_you")
    total = owed.locator("tr", has_text=you.t("summary.total_to_you")).inner_text()
    assert "$400.00" in total, total  # $900 charged, $500 received
    you.says("summary.receives_other")
    assert you.t("summary.you_pay") not in you.page.locator("main").inner_text()
    you.step("summary")

    you.go("nav.payments")
    you.says("pay.received")
    received = you.page.locator("#received-history").inner_text()
    march = "15 de marzo de 2025" if language == "es" else "March 15, 2025"
    assert march in received and you.t("source.income_withholding") in received, received
    assert received.count("$250.00") == 2
    assert not you.page.get_by_role("heading", name=you.t("pay.make")).count()
    you.step("payments-received")

    you.tap(you.page.get_by_role("link", name=you.t("nav.direct_deposit")).last)
    you.fill("bank.holder", "Ana Lopez")
    you.fill("bank.routing", "125000105")
    you.fill("bank.number", "000987654321")
    you.fill("deposit.number_again", "000987654321")
    you.page.locator("label", has_text=you.t("deposit.authorize")).first.click()
    you.press("deposit.save")
    you.says("deposit.saved")
    you.step("direct-deposit")
    you.go("nav.summary")
    you.says("summary.receives_deposit", last4="4321")
    you.sign_out()
    you.done()


def test_the_caseworker_answers_and_finds_a_member(browser, stack, language, viewport):
    subject = f"Hearing question {language} {time.time_ns()}"
    Api(stack, *JOHN).call("POST", "/messages", {"subject": subject,
                                                 "body": "What time is my hearing?"})
    you = Person(browser, stack, "caseworker", language, viewport)
    you.sign_in(*STAFF)
    you.page.get_by_role("heading", name=you.t("agency.title"), level=1).wait_for()
    you.step("worklist")
    you.go("agency.messages")
    waiting = you.page.locator("tr", has=you.page.get_by_role("link", name=subject))
    assert "John Doe (04025286)" in waiting.inner_text()  # who wrote, in the list
    you.tap(you.page.get_by_role("link", name=subject))
    you.says("agency.thread_with", name="John Doe")
    you.reads("04025286")
    you.reads("What time is my hearing?")
    you.step("thread")
    you.fill("messages.reply", "At 8:30 a.m. Alaska time, courtroom 401.")
    you.press("messages.send")
    you.page.get_by_role("heading", name=you.t("agency.messages"), level=1).wait_for()
    assert not you.page.get_by_role("link", name=subject).count()  # answered

    you.go("agency.member")
    you.fill("summary.member_id", "99999999")
    you.press("agency.open_member")
    you.reads("Ningún miembro tiene ese número." if language == "es" else "No member has that number.")
    assert not you.page.locator("#write-form").count()  # nothing to write with
    you.step("no-such-member")
    you.fill("summary.member_id", "04025286")
    you.press("agency.open_member")
    card = you.page.locator("#member-card")
    card.get_by_text("JOHN DOE").wait_for()
    assert you.t("agency.has_logon") in card.inner_text()
    assert you.t("pay.case_option", id="000020108") in card.inner_text()
    you.step("member")
    you.sign_out()
    you.done()


def pytest_generate_tests(metafunc):  # every journey in both languages and sizes
    if {"language", "viewport"} <= set(metafunc.fixturenames):
        metafunc.parametrize(("language", "viewport"), VARIANTS)

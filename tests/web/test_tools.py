"""The public tools in the browser, signed out: the support estimate step by step, the
arrears calculator, the office locator and the resource programs."""
from tests.web.conftest import accessible, follow


def test_the_support_estimate(page, stack):
    page.goto("/")
    follow(page, "Client tools")
    accessible(page)
    follow(page, "Child support estimate", exact=False)
    children = page.locator("fieldset", has_text="Children who live mostly with parent B")
    assert "optional" not in children.locator("label").all_inner_texts()[0]  # one is needed
    assert "Enter at least one child" in children.inner_text()
    page.get_by_label("Total income").first.fill("60000")
    page.get_by_label("Children who live mostly with parent B").fill("1")
    page.get_by_role("button", name="Calculate").click()
    page.get_by_role("heading", name="Estimated support:").wait_for()
    result = page.locator("#estimate-result").inner_text()
    assert "Paid by Parent A" in result and "How it was calculated" in result
    # no taxes were given for parent A: the estimate says so
    assert "No taxes were taken off the income of Parent A." in result
    assert "Parent B" not in page.locator("[data-untaxed]").inner_text()
    accessible(page)
    # a new error does not leave the old answer beside it
    page.get_by_label("Children who live mostly with parent B").fill("")
    page.get_by_role("button", name="Calculate").click()
    page.locator(".portal-form-errors").wait_for()
    assert page.locator("#estimate-result").inner_text() == ""


def test_the_arrears_calculator_and_a_bad_amount(page, stack):
    page.goto("/tools/arrears")
    page.get_by_label("Arrears balance").fill("lots")
    page.get_by_label("Number of months, or the monthly amount").fill("12")
    page.get_by_role("button", name="Calculate").click()
    page.locator(".portal-form-errors").wait_for()
    page.get_by_label("Arrears balance").fill("1,200")
    page.get_by_role("button", name="Calculate").click()
    page.get_by_role("heading", name="12 months at $100.00 a month").wait_for()
    accessible(page)
    page.get_by_label("Arrears balance").fill("lots")  # the old answer goes with a new error
    page.get_by_role("button", name="Calculate").click()
    page.locator(".portal-form-errors").wait_for()
    assert not page.get_by_role("heading", name="12 months at $100.00 a month").count()


def test_offices_and_resources(page, stack):
    page.goto("/offices")
    page.get_by_label("ZIP code").fill("99701")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Offices near 99701").wait_for()
    assert page.locator("#offices-result .usa-card").count() >= 1
    accessible(page)
    page.goto("/resources")
    page.get_by_role("heading", name="Resource Programs", level=1).wait_for()
    assert page.locator("main a.usa-link--external").count() > 3
    accessible(page)

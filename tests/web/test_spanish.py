"""The portal in Spanish: the main pages read in Spanish, the API's own words included,
and axe-core finds nothing on them."""
from tests.web.conftest import accessible, back_to_english, follow
from tests.web.test_account import sign_in_with_emailed_code
from tests.web.test_money import JOHN


def test_the_main_pages_in_spanish(page, stack):
    sign_in_with_emailed_code(page, stack, *JOHN)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Resumen", exact=True).wait_for()
    try:
        assert "Forma de pago: Pago por cuenta propia" in page.locator("main").inner_text()
        accessible(page)
        follow(page, "Pagos")
        page.get_by_role("heading", name="Hacer un pago").wait_for()
        accessible(page)
        follow(page, "Quiero...")
        page.get_by_role("heading", name="Cambio de dirección").wait_for()
        accessible(page)
        follow(page, "Programas de recursos")
        page.get_by_role("heading", name="Ayuda con trámites judiciales").wait_for()
        accessible(page)
        follow(page, "Mi perfil")
        page.get_by_role("heading", name="Mi perfil", level=1).wait_for()
        accessible(page)
        page.goto("/tools/estimate")
        page.get_by_label("Ingreso total").first.fill("60000")
        page.get_by_label("Menores que viven sobre todo con B").fill("1")
        page.get_by_role("button", name="Calcular").click()
        steps = page.locator("#estimate-result table").inner_text()
        assert "Padre o madre A" in steps and "Parent" not in steps
        accessible(page)
    finally:
        back_to_english(page)

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


def password_step_in_spanish(page, stack, email: str, password: str) -> int:
    """Spanish chosen on the sign-in page, then the password step; returns how many
    emails the address had before (the code's is the next)."""
    page.goto("/sign-in")
    page.get_by_role("button", name="Español").click()
    page.locator("html[lang=es]").wait_for()
    before = stack.count(email)
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión", exact=True).click()
    return before


def test_spanish_chosen_on_the_sign_in_page_is_kept_through_sign_in(page, stack):
    email, password = JOHN  # his profile says English
    before = password_step_in_spanish(page, stack, email, password)
    sent = stack.last_email(email, since=before)
    assert sent["subject"] == "Su código para iniciar sesión"  # the code email in Spanish too
    try:
        page.get_by_label("Código del correo").fill(stack.code(email, since=before))
        with page.expect_response(lambda r: r.url.endswith("/me")
                                  and r.request.method == "PATCH") as saved:
            page.get_by_role("button", name="Verificar", exact=True).click()
        assert saved.value.json()["language"] == "es"  # the profile keeps the choice
        page.get_by_role("heading", name="Resumen", exact=True).wait_for()  # not back to English
        main = page.locator("main").inner_text()
        assert "Servicios de manutención (nunca recibió asistencia pública)" in main
        assert "Never Assistance" not in main
        follow(page, "000020108")
        case = page.locator("main")
        case.get_by_text("Audiencia en la corte").wait_for()
        text = case.inner_text()
        assert "abril de 2025" in text and "2025-04" not in text  # months, not ledger keys
        assert "Cheque" in text and "self_paid" not in text and "arrears" not in text
        # the agency's own words stay as written, marked as such
        assert "Hearing on motion to modify support (texto de la agencia, en inglés)" in text
        assert case.locator('[lang="en"]', has_text="Hearing on motion").count() == 1
    finally:
        back_to_english(page)

"""Accept-Language: es gets field errors in Spanish; every sentence our validators say has
its Spanish."""
import re
from pathlib import Path

from chalicelib.domain import field_words, wording
from tests.people import registration

ROOT = Path(__file__).resolve().parents[2]


def test_a_spanish_request_gets_spanish_field_errors(client, outbox):
    body = registration("ana@example.com")
    body["phone"] = "12"
    body["first_name"] = ""
    answer = client.post("/auth/register", body, headers={"Accept-Language": "es-US,es;q=0.9"})
    assert answer.status_code == 422
    fields = answer.data["error"]["fields"]
    assert fields["phone"] == "Escriba un teléfono válido, como 907-555-0142."
    assert fields["first_name"].startswith("Es demasiado corto")
    english = client.post("/auth/register", body).data["error"]["fields"]
    assert english["phone"] == "Enter a valid phone number, like 907-555-0142."


def test_every_validator_sentence_has_its_spanish():
    said = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        said |= set(re.findall(r'ValueError\("([A-Z][^"{]+\.)"\)', path.read_text()))
    assert said and not said - set(field_words.CUSTOM_ES), sorted(said - set(field_words.CUSTOM_ES))


def test_the_support_estimate_in_spanish(client):
    body = {"parent_a": {"total_income_cents": 6_000_000},
            "parent_b": {"total_income_cents": 3_000_000},
            "children_shared": 1, "shared_percent_with_a": 40, "children_with_third_party": 0,
            "children_primary_with_b": 1}
    spanish = client.post("/tools/support-estimate", body,
                          headers={"Accept-Language": "es"}).data
    english = client.post("/tools/support-estimate", body).data
    assert spanish["monthly_support_cents"] == english["monthly_support_cents"]
    assert spanish["note"].startswith("Un cálculo estimado")
    codes = {s["code"] for s in spanish["steps"]}
    assert {"primary", "shared_time", "shared_award"} <= codes
    for step in spanish["steps"]:
        assert "Parent" not in step["description"] and "{" not in step["description"]


def test_every_estimate_step_has_its_spanish():
    source = (ROOT / "chalicelib" / "domain" / "support_guideline.py").read_text()
    codes = set(re.findall(r'result\.step\(\s*"([a-z_]+)"', source)) | {"primary", "shared_base"}
    assert codes == set(wording.ESTIMATE_ES), codes ^ set(wording.ESTIMATE_ES)


def test_resource_programs_and_office_hours_in_spanish(client):
    spanish = {"Accept-Language": "es"}
    categories = client.get("/resources", headers=spanish).data["categories"]
    assert categories[0]["category"] == "Ayuda con trámites judiciales"
    assert all(link["description"] for c in categories for link in c["links"])
    found = client.get("/resources", query={"q": "impuestos"}, headers=spanish).data
    assert found["categories"][0]["category"].startswith("IRS")
    office = client.get("/offices", query={"zip": "99501"}, headers=spanish).data["offices"][0]
    assert office["hours"].startswith("De lunes a viernes")
    assert client.get("/offices", query={"zip": "99501"}).data["offices"][0]["hours"].startswith(
        "Monday")


def test_every_resource_and_office_has_its_spanish():
    import json

    for state in (ROOT / "chalicelib" / "data").iterdir():
        if not (state / "resources.json").exists():
            continue
        for c in json.loads((state / "resources.json").read_text())["categories"]:
            assert c.get("category_es"), c["category"]
            assert all(link.get("description_es") for link in c["links"]), c["category"]
        assert all(o.get("hours_es") for o in json.loads((state / "offices.json").read_text())[
            "offices"])


def test_refusals_in_spanish(client):
    spanish = {"Accept-Language": "es"}
    refused = client.post("/tools/support-estimate", {"children_primary_with_b": 0},
                          headers=spanish).data["error"]
    assert refused["code"] == "estimate_refused" and refused["message"] == (
        "Cuente al menos un menor.")
    shared = client.post("/tools/support-estimate", {
        "parent_a": {"total_income_cents": 5_000_000}, "parent_b": {"total_income_cents": 10},
        "children_shared": 1, "shared_percent_with_a": 10}, headers=spanish).data["error"]
    assert shared["message"].startswith("La custodia compartida requiere")
    plan = client.post("/tools/arrears-payment", {"arrears_balance_cents": 100_000_000,
                                                  "monthly_payment_cents": 100},
                       headers=spanish).data["error"]
    assert plan["message"] == "Con esa cantidad tardaría más de 50 años. Elija un pago mensual mayor."


def test_every_refusal_has_its_spanish():
    """Each sentence raised as a refusal matches one of the Spanish patterns (its figures
    filled with sample values)."""
    sources = [(ROOT / "chalicelib" / "domain" / name).read_text()
               for name in ("support_guideline.py", "arrears_plan.py")]
    raised = []
    for source in sources:
        for call in re.findall(r"(?:EstimateRefused|ImpossiblePlan)\(((?:\s*f?\"[^\"]*\")+)", source):
            parts = re.findall(r'f?"([^"]*)"', call)
            raised.append(re.sub(r"\{[^}]+\}", "7", "".join(parts)))
    assert len(raised) >= 13
    for sentence in raised:
        assert wording.refusal(sentence, "es") != sentence, sentence


def test_an_error_is_answered_in_the_readers_language(client, john):
    """The web client shows the API's message as it is: the API words it."""
    english = client.get("/cases/77777777", token=john).data["error"]
    spanish = client.get("/cases/77777777", token=john,
                         headers={"Accept-Language": "es-US,es;q=0.9"}).data["error"]
    assert english == {"code": "case_not_found", "message": "That case was not found."}
    assert spanish["code"] == "case_not_found" and spanish["message"] != english["message"]
    assert "caso" in spanish["message"]
    chalice_own = client.call("DELETE", "/me", headers={"Accept-Language": "es"}).data["error"]
    assert chalice_own["code"] == "method_not_allowed" and "método" in chalice_own["message"]


def test_the_sign_in_code_goes_in_the_language_of_the_page_signing_in(client, outbox):
    from tests.people import PASSWORD, register

    register(client, outbox)  # English in the profile
    client.post("/auth/login", {"email": "pat.parent@example.com", "password": PASSWORD},
                headers={"Accept-Language": "es"})
    assert outbox.last("pat.parent@example.com").subject == "Su código para iniciar sesión"
    client.post("/auth/login", {"email": "pat.parent@example.com", "password": PASSWORD})
    assert outbox.last("pat.parent@example.com").subject != "Su código para iniciar sesión"


def test_every_service_field_sentence_has_its_spanish():
    """What a service says at a field (a refused routing number, a date out of range)
    reaches a Spanish page in Spanish, like a validator's sentence."""
    from chalicelib.domain import passwords

    found = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        text = path.read_text()
        found |= set(re.findall(r'problems\["\w+"\] = \(?"([^"]+)"\)?$', text, re.M))
        found |= set(re.findall(r'fields=\{"\w+": "([^"]+)"\}', text))
        found |= set(re.findall(r'CardRefused\("\w+", "([^"]+)"\)', text))
    found = {s for s in found if not s.endswith(" ")}  # a sentence's first line only
    found |= set(passwords.RULES.values())
    found.add(passwords.describe(["too_short", "no_digit"]))  # several at once
    assert len(found) > 20
    left = sorted(s for s in found if field_words.sentence(s, "es") == s)
    assert not left, left


def test_a_routing_number_that_fails_its_checksum_says_so(client, john):
    def refused(number, lang="en"):
        body = {"routing_number": number, "account_number": "000123456789",
                "account_type": "checking", "holder_name": "John Doe", "authorize": True}
        answer = client.post("/bank-accounts", body, token=john, headers={"Accept-Language": lang})
        assert answer.status_code == 422, answer.data
        return answer.data["error"]["fields"]["routing_number"]

    assert refused("12500010") == "Enter the 9-digit routing number printed on your checks."
    assert refused("125000106").startswith("This number doesn't match a US bank routing number.")
    assert refused("125000106", "es").startswith("Este número no corresponde")

"""Accept-Language: es gets field errors in Spanish; every sentence our validators say has
its Spanish."""
import re
from pathlib import Path

from chalicelib.domain import wording
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
    assert said and not said - set(wording.CUSTOM_ES), sorted(said - set(wording.CUSTOM_ES))

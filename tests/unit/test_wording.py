"""Spanish for what the API writes: the preferred language of a request, and every
request type, group and step named in Spanish."""
import pytest

from chalicelib import language
from chalicelib.domain import wording
from chalicelib.domain.request_types import CATALOG


@pytest.mark.parametrize("header, chosen", [
    (None, "en"), ("", "en"), ("es", "es"), ("es-US,es;q=0.9,en;q=0.8", "es"),
    ("en-US,en;q=0.9,es;q=0.8", "en"), ("fr-FR, es;q=0.5", "es"), ("fr", "en"),
    ("es;q=0.2, en;q=0.9", "en"), ("es;q=nonsense, en;q=0.1", "en")])
def test_the_preferred_language(header, chosen):
    assert language.from_header(header) == chosen


def test_every_request_type_is_named_in_spanish():
    es = wording._spanish()  # noqa: SLF001
    for t in CATALOG.values():
        assert t.id in es["types"], t.id
        assert t.group in es["groups"], t.group
        words = wording.request_type(t, "es")
        assert words.title != t.title and words.about != t.about
        for step in t.steps:
            assert step.title in es["steps"], step.title


def test_action_center_words():
    assert wording.action("unread_one", "es", what="letter") == "Tiene una carta sin leer"
    assert wording.action("unread_many", "en", what="message", count=3) == (
        "You have 3 unread messages")
    assert wording.action("balance_due", "es", amount="$800.00") == "Saldo vencido de $800.00"


def test_field_errors_in_spanish():
    from pydantic import BaseModel, Field, ValidationError

    from chalicelib.domain import field_words
    from chalicelib.models.common import AddressIn

    class Sample(BaseModel):
        name: str = Field(min_length=2)
        count: int = Field(le=5)
        address: AddressIn

    try:
        Sample.model_validate({"name": "x", "count": 9, "address": {"line1": "1 Main",
                                                                    "city": "X", "state": "Alaska",
                                                                    "zip": "1"}})
    except ValidationError as error:
        said = {".".join(map(str, e["loc"])): field_words.message(e, "es")
                for e in error.errors(include_url=False)}
        english = {".".join(map(str, e["loc"])): field_words.message(e, "en")
                   for e in error.errors(include_url=False)}
    assert said["name"] == "Es demasiado corto: al menos 2 caracteres."
    assert said["count"] == "Debe ser 5 o menos."
    assert said["address.state"] == "Es demasiado largo: 2 caracteres como máximo."
    assert said["address.zip"] == "Escriba un código postal de 5 dígitos (o ZIP+4)."
    assert english["address.zip"] == "Enter a 5-digit ZIP code (or ZIP+4)."


def test_every_error_code_the_api_can_answer_has_spanish_words():
    """Except the few whose message says something only the service knows (why an
    estimate or a payment plan cannot be made, a limit's figure): their English is sent."""
    import re
    from pathlib import Path

    from chalicelib.domain.wording import _errors_es

    own_words = {"estimate_refused", "impossible_plan", "no_state_data", "user_not_found",
                 "idempotency_key_required"}
    root = Path(__file__).resolve().parents[2]
    codes = set()
    for path in [*(root / "chalicelib").rglob("*.py"), root / "app.py"]:
        codes |= set(re.findall(r'code="([a-z_]+)"', path.read_text()))
    codes |= {"conflict", "not_found", "invalid_input", "unavailable", "forbidden",
              "unauthenticated", "throttled", "gone", "bad_request", "payload_too_large",
              "payment_declined",  # the errors' own codes (chalicelib/errors.py)
              "method_not_allowed", "unsupported_media_type"}  # Chalice's (app.py)
    spanish = _errors_es()
    assert not codes - set(spanish) - own_words, sorted(codes - set(spanish) - own_words)
    assert all(text.strip() for text in spanish.values())


def test_an_error_is_worded_in_the_readers_language():
    from chalicelib.domain.wording import error

    assert error("case_not_found", "That case was not found.", "en") == "That case was not found."
    assert error("case_not_found", "That case was not found.", "es") != "That case was not found."
    assert error("estimate_refused", "Enter at least one child.", "es") == "Enter at least one child."

"""What the API writes for people, in English and Spanish: request types' names (the
Spanish in chalicelib/data/es/request_types.json, checked complete by a test) and the
Action Center's items."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pydantic, which web_requests needs, is a cold start of its own
    from chalicelib.domain.support_guideline import Step as EstimateStep
    from chalicelib.domain.web_requests import RequestType

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class TypeWords:
    title: str
    about: str
    group: str
    steps: dict[str, str]  # step id: title


@cache
def _spanish() -> dict[str, Any]:
    found: dict[str, Any] = json.loads((DATA / "es" / "request_types.json").read_text())
    return found


@cache
def _errors_es() -> dict[str, str]:
    found: dict[str, str] = json.loads((DATA / "es" / "errors.json").read_text())
    return found


def error(code: str, english: str, language: str) -> str:
    """An error's message in the language. The English is the service's (where the error
    is raised, with its figures); the Spanish is data/es/errors.json's, by code. The web
    client shows what the API answers and keeps no copy."""
    if language == "es":
        return _errors_es().get(code, english)
    return english


def request_type(t: RequestType, language: str) -> TypeWords:
    """A request type's title, description, group and step titles in the language."""
    english = TypeWords(t.title, t.about, t.group, {s.id: s.title for s in t.steps})
    if language != "es":
        return english
    es = _spanish()
    title, about = es["types"].get(t.id, (t.title, t.about))
    return TypeWords(title, about, es["groups"].get(t.group, t.group),
                     {s.id: es["steps"].get(s.title, s.title) for s in t.steps})


ACTION = {
    "unread_one": ("You have an unread {what}", "Tiene {what_es} sin leer"),
    "unread_many": ("You have {count} unread {what}s", "Tiene {count} {what_es_plural} sin leer"),
    "unread_detail": ("{What}s sent to you may contain important information about your "
                      "accounts.",
                      "{What_es} que le enviamos pueden tener información importante sobre "
                      "sus cuentas."),
    "draft": ("{title} hasn't been submitted", "{title}: todavía no se envió"),
    "draft_detail": ("You started a submission but haven't completed it yet. It expires if "
                     "it is not submitted by {date}.",
                     "Empezó una solicitud pero todavía no la termina. Vence si no la envía "
                     "antes del {date}."),
    "request_updated": ("{title}: {status}", "{title}: {status_es}"),
    "request_updated_detail": ("Your request {confirmation} is {status}.",
                               "Su solicitud {confirmation} está {status_es}."),
    "link_case": ("Find my existing case", "Encontrar mi caso existente"),
    "link_case_detail": ("Link your logon to your child support case to see it here.",
                         "Vincule su cuenta con su caso de manutención para verlo aquí."),
    "code_waiting": ("A code from the agency opens: {title}",
                     "Un código de la agencia abre: {title}"),
    "code_waiting_detail": ("Enter the code from the letter, email or text we sent you to "
                            "open it.",
                            "Escriba el código de la carta, el correo o el mensaje de texto "
                            "que le enviamos para abrirla."),
    "balance_due": ("{amount} balance due", "Saldo vencido de {amount}"),
    "balance_due_detail": ("You have a balance due on case {case_id}. Penalty and/or "
                           "interest may be applied if this balance remains outstanding.",
                           "Tiene un saldo vencido en el caso {case_id}. Se pueden aplicar "
                           "multas o intereses si el saldo sigue pendiente."),
}
MAIL = {"message": ("mensaje", "mensajes", "un mensaje", "Los mensajes"),
        "letter": ("carta", "cartas", "una carta", "Las cartas")}
STATUS_ES = {"submitted": "enviada", "in review": "en revisión", "approved": "aprobada",
             "denied": "denegada", "expired": "vencida"}


def action(key: str, language: str, **values: Any) -> str:
    english, spanish = ACTION[key]
    what = values.get("what")
    if what in MAIL:
        one, many, a, the = MAIL[what]
        values.update(what_es=a, what_es_plural=many, What=what.capitalize(), What_es=the)
    if "status" in values:
        values["status_es"] = STATUS_ES.get(values["status"], values["status"])
    return (spanish if language == "es" else english).format(**values)


# The support estimate's steps (domain/support_guideline.py: each step's code and figures)
ESTIMATE_ES = {
    "primary": "Padre o madre {who}: {percent}% de {income} por {count} menor(es)",
    "shared_base": "Padre o madre {who}: {percent}% de {income} por {count} menor(es)",
    "minimum": "Se eleva a la manutención mínima",
    "third_party": "Padre o madre {who} a la tercera persona: {percent}% de {income} x {part}",
    "offset": "Se compensan las cantidades",
    "shared_time": "Padre o madre {who}: por el {percent}% del año con el padre o madre {other}",
    "shared_equal": "Las cantidades son iguales: no hay manutención por los menores en "
                    "custodia compartida",
    "shared_award": "La diferencia por {multiplier}",
    "shared_limit": "Limitado a la cantidad de la custodia principal",
}
ESTIMATE_NOTE = (
    "An estimate under the guideline's formula, not a support order: the court or the "
    "agency decides the amount and may vary it.",
    "Un cálculo estimado según la fórmula de la guía, no una orden de manutención: la corte "
    "o la agencia decide la cantidad y puede variarla.")


def estimate_step(step: EstimateStep, language: str) -> str:
    if language != "es" or step.code not in ESTIMATE_ES:
        return step.description
    return ESTIMATE_ES[step.code].format(**step.values)


def estimate_note(language: str) -> str:
    return ESTIMATE_NOTE[1] if language == "es" else ESTIMATE_NOTE[0]


# Why an estimate or a payment plan cannot be made (support_guideline.EstimateRefused,
# arrears_plan.ImpossiblePlan): the English sentence, matched, and its Spanish
REFUSALS_ES = [
    (r"Count at least one child\.", "Cuente al menos un menor."),
    (r"This estimate handles up to (\d+) children\.", "Este cálculo admite hasta {0} menores."),
    (r"For shared children, give the share of the year they spend with parent A\.",
     "Para los menores en custodia compartida, indique la parte del año que pasan con A."),
    (r"The share of the year must be from 0 to 100 percent\.",
     "La parte del año debe ser de 0 a 100 por ciento."),
    (r"A share of the year applies only to shared children\.",
     "La parte del año solo se aplica a los menores en custodia compartida."),
    (r"Enter the income of parent (\w): they may owe support for these children\.",
     "Escriba el ingreso del padre o madre {0}: puede deber manutención por estos menores."),
    (r"Enter the income of at least one parent\.",
     "Escriba el ingreso de al menos un padre o madre."),
    (r"Shared custody needs each parent to have the children at least ([\d.]+)% of the year "
     r"\(about (\d+) overnights\)\. Count these children as in the primary custody of the "
     r"parent they mostly live with\.",
     "La custodia compartida requiere que cada padre o madre tenga a los menores al menos el "
     "{0}% del año (unas {1} noches). Cuente a estos menores en la custodia principal de "
     "quien vivan la mayor parte del tiempo."),
    (r"The guideline figures before ([\d-]+) are not on file\.",
     "Las cifras de la guía anteriores al {0} no están registradas."),
    (r"There is no arrears balance to pay\.", "No hay saldo de atrasos que pagar."),
    (r"Give an arrears balance and a monthly amount of at least \$1\.00\.",
     "Indique un saldo de atrasos y un pago mensual de al menos $1.00."),
    (r"Give a number of months or a monthly amount\.",
     "Indique un número de meses o un pago mensual."),
    (r"Give either a number of months or a monthly amount, not both\.",
     "Indique un número de meses o un pago mensual, no ambos."),
    (r"Choose from 1 to (\d+) months\.", "Elija de 1 a {0} meses."),
    (r"The monthly payment must be at least \$1\.00\.",
     "El pago mensual debe ser de al menos $1.00."),
    (r"At that amount it would take more than (\d+) years\. Choose a larger monthly amount\.",
     "Con esa cantidad tardaría más de {0} años. Elija un pago mensual mayor."),
]


def by_pattern(text: str, patterns: Iterable[tuple[str, str]]) -> str | None:
    """The other language's sentence for one that matches a pattern, its figures kept."""
    for pattern, other in patterns:
        found = re.fullmatch(pattern, text)
        if found:
            return other.format(*found.groups())
    return None


def refusal(sentence: str, language: str) -> str:
    """Why an estimate or a plan cannot be made, in the language."""
    if language == "es":
        return by_pattern(sentence, REFUSALS_ES) or sentence
    return sentence
